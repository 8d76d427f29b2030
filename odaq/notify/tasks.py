import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification


@shared_task(autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=60, max_retries=6)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one stored notification in the language it was written in; sent at most once.

    A mail server that is down or refuses leaves ``emailed_at`` empty and the task retries with back-off."""
    n = Notification.objects.select_related("user").filter(pk=notification_id, emailed_at__isnull=True).first()
    if n is None or not n.user.email or not n.user.is_active:
        return False
    link = settings.ODAQ_SITE_URL.rstrip("/") + n.url if n.url.startswith("/") else n.url
    with translation.override(n.language):
        text = render_to_string("notify/email.txt", {"n": n, "link": link})
    send_mail(n.subject, text, None, [n.user.email])
    Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return True
