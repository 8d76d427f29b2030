from django.urls import path

from . import views

app_name = "disputes"
urlpatterns = [
    path("", views.my_list, name="my_list"),
    path("<int:pk>/", views.my_detail, name="my_detail"),
    path("files/<int:pk>/", views.download, name="download"),
    path("staff/", views.staff_list, name="list"),
    path("staff/new/", views.new, name="new"),
    path("staff/from-appeal/<int:appeal_pk>/", views.from_appeal, name="from_appeal"),
    path("staff/calendar/", views.calendar, name="calendar"),
    path("staff/report/", views.report, name="report"),
    path("staff/<int:pk>/", views.detail, name="detail"),
    path("staff/<int:pk>/<slug:action>/", views.action, name="action"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
