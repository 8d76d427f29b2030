"""Odaq: the unified digital platform of the education and science workers' trade union."""

from .config.celery import app as celery_app

__all__ = ["celery_app"]
