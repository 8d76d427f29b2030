from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/import/", views.member_import, name="member_import"),
    path("members/import/template.csv", views.import_template, name="import_template"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/status/", views.member_status, name="member_status"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:pk>/", views.approval_decide, name="approval_decide"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/grant/", views.role_grant, name="role_grant"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("audit/", views.audit_log, name="audit_log"),
]
