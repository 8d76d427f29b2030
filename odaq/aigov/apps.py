from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AigovConfig(AppConfig):
    name = "odaq.aigov"
    label = "aigov"
    verbose_name = _("AI records and expert review")
