from django.urls import path

from . import views

app_name = "assistant"
urlpatterns = [
    path("", views.chat, name="chat"),
    path("new/", views.chat_new, name="chat_new"),
    path("ask/", views.public, name="public"),
    path("answers/<int:pk>/", views.record, name="record"),
    path("answers/<int:pk>/lawyer/", views.ask_lawyer, name="ask_lawyer"),
    path("answers/<int:pk>/feedback/", views.feedback, name="feedback"),
]
