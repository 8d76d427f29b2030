from django.urls import path

from . import views

app_name = "law"
urlpatterns = [
    path("", views.act_list, name="act_list"),
    path("search/", views.search, name="search"),
    path("<str:act_id>/", views.act_detail, name="act_detail"),
    path("<str:act_id>/<str:number>/", views.article_detail, name="article_detail"),
]
