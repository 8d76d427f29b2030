from django.urls import path

from . import views

app_name = "aigov"
urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("records/", views.records, name="records"),
    path("records/<int:pk>/", views.record, name="record"),
    path("records/<int:pk>/card/", views.card_new, name="card_new"),
    path("cards/", views.cards, name="cards"),
    path("cards/<int:pk>/", views.card_edit, name="card_edit"),
    path("cards/<int:pk>/retire/", views.card_retire, name="card_retire"),
]
