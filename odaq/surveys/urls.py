from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.my_surveys, name="mine"),
    path("<int:pk>/", views.answer, name="answer"),
    path("manage/", views.survey_list, name="manage"),
    path("manage/new/", views.survey_create, name="create"),
    path("manage/<int:pk>/", views.survey_edit, name="edit"),
    path("manage/<int:pk>/questions/", views.survey_question_add, name="question_add"),
    path("manage/<int:pk>/questions/<int:qid>/", views.survey_question_edit, name="question_edit"),
    path("manage/<int:pk>/questions/<int:qid>/delete/", views.survey_question_delete, name="question_delete"),
    path("manage/<int:pk>/questions/<int:qid>/move/", views.survey_question_move, name="question_move"),
    path("manage/<int:pk>/open/", views.survey_open, name="open"),
    path("manage/<int:pk>/close/", views.survey_close, name="close"),
    path("manage/<int:pk>/results/", views.survey_results, name="results"),
    path("manage/<int:pk>/export.<str:fmt>", views.survey_export, name="export"),
]
