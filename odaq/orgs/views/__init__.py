"""Staff pages of the organisation tree: members, approvals, roles, audit log and bulk import."""

from .auditlog import audit_log
from .imports import import_template, member_import
from .members import (
    approval_decide,
    approvals,
    dashboard,
    member_add,
    member_detail,
    member_edit,
    member_list,
    member_status,
)
from .roles import role_grant, role_list, role_revoke

__all__ = [
    "approval_decide", "approvals", "audit_log", "dashboard", "import_template", "member_add", "member_detail",
    "member_edit", "member_import", "member_list", "member_status", "role_grant", "role_list", "role_revoke",
]
