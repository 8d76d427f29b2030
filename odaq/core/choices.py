from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
