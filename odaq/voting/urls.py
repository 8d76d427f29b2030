from django.urls import path

from . import views

app_name = "voting"
urlpatterns = [
    path("", views.my_votes, name="my_votes"),
    path("verify.py", views.verifier, name="verifier"),
    path("<int:pk>/", views.ballot, name="ballot"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/ballots.json", views.ballots_json, name="ballots_json"),
    path("<int:pk>/track/", views.track, name="track"),
    path("staff/", views.election_list, name="election_list"),
    path("staff/new/", views.election_create, name="election_create"),
    path("staff/<int:pk>/", views.election_detail, name="election_detail"),
    path("staff/<int:pk>/edit/", views.election_edit, name="election_edit"),
    path("staff/<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("staff/<int:pk>/questions/<int:qpk>/delete/", views.question_delete, name="question_delete"),
    path("staff/<int:pk>/delegates/", views.import_delegates, name="import_delegates"),
    path("staff/<int:pk>/schedule/", views.election_schedule, name="election_schedule"),
    path("staff/<int:pk>/open/", views.election_open, name="election_open"),
    path("staff/<int:pk>/close/", views.election_close, name="election_close"),
    path("staff/<int:pk>/publish/", views.election_publish, name="election_publish"),
]
