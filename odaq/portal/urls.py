from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("news/", views.news_list, name="news_list"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/manage/", views.news_manage, name="news_manage"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("cabinet/contacts/", views.cabinet_profile, name="cabinet_profile"),
    path("cabinet/consents/give/", views.consent_give, name="consent_give"),
    path("cabinet/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("register/", views.register, name="register"),
]
