from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from odaq.core.models import User


@shared_task
def send_invitation(user_id: int) -> bool:
    """E-mail a newly registered member a link to set her password, in her language."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email=None).first()
    if user is None:
        return False
    link = settings.ODAQ_SITE_URL.rstrip("/") + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(user.language):
        context = {"user": user, "link": link}
        subject = render_to_string("orgs/email/invitation_subject.txt", context).strip()
        body = render_to_string("orgs/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


@shared_task
def send_registration_notice(email: str, language: str) -> bool:
    """Tell the owner of an e-mail on the register that someone registered on the site with her details
    (her e-mail, phone or IIN). The site itself said nothing about it to whoever filled in the form."""
    link = settings.ODAQ_SITE_URL.rstrip("/") + reverse("password_reset")
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("orgs/email/registration_notice_subject.txt", {}).strip()
        body = render_to_string("orgs/email/registration_notice.txt", {"link": link})
    send_mail(subject, body, None, [email])
    return True
