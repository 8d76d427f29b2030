from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("", views.my_list, name="my_list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("files/<int:pk>/", views.download, name="download"),
    path("staff/", views.queue, name="queue"),
    path("staff/export/", views.export, name="export"),
    path("staff/export/<int:pk>/", views.export_job, name="export_job"),
    path("staff/export/<int:pk>/download/", views.export_download, name="export_download"),
    path("staff/assign/", views.bulk_assign, name="bulk_assign"),
    path("staff/file/", views.file_for, name="file_for"),
    path("staff/duty/", views.duty, name="duty"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/<slug:action>/", views.staff_action, name="staff_action"),
]
