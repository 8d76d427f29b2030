from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "odaq.practice"
    label = "practice"
    verbose_name = _("Court practice")

    def ready(self):
        from odaq.law import panels

        from .panels import applied_in

        panels.register(applied_in)
