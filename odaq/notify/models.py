from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX = 300
BODY_MAX = 4000


class Notification(models.Model):
    """One message to one user, shown in her cabinet and, if asked, e-mailed.

    Texts are stored already rendered in the recipient's language at the time of sending.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_requested = models.BooleanField(_("e-mail requested"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="notify_user_created")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
