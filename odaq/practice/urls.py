from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/review/", views.decision_review, name="review"),
    path("upload/", views.upload, name="upload"),
    path("searches/", views.save_search, name="save_search"),
    path("searches/<int:pk>/delete/", views.delete_search, name="delete_search"),
    path("article/<str:act>/<str:number>/", views.article_decisions, name="article"),
]
