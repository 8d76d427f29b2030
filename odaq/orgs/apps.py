from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "odaq.orgs"
    label = "orgs"
    verbose_name = _("Organisations and members")

    def ready(self) -> None:
        from odaq.core import audit, tokens

        from . import scopes, signals  # noqa: F401

        audit.set_default_scope(scopes.audit_scope)
        tokens.set_staff_check(scopes.is_staff_member)
