"""Celery application: JSON messages only, eager in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odaq.config.settings")

app = Celery("odaq")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
