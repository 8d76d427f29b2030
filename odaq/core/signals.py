from django.db.models.signals import post_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from .models import User


@receiver(post_save, sender=User)
def revoke_tokens_on_password_change_or_deactivation(sender, instance, created, **kwargs):
    """A new password (a reset, a change) or a closed account ends every API token of the account."""
    if created:
        return
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        Token.objects.filter(user=instance).delete()
