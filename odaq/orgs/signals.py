from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from odaq.core import audit

from .scopes import audit_scope, is_staff_member


@receiver(user_logged_in)
def audit_staff_login(sender, request, user, **kwargs):
    if is_staff_member(user) or user.is_staff:
        audit.record("staff.login", actor=user, obj=user, request=request, scope=audit_scope(user))
