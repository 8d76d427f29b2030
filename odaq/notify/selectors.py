from .models import Notification


def notifications_for(user, *, unread_only: bool = False):
    """The user's own notifications, newest first. Nobody reads another person's notifications."""
    qs = Notification.objects.filter(user=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
