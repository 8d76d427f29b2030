from celery import shared_task


@shared_task
def appeals_tick() -> dict:
    """Daily: deadline reminders and escalation of overdue appeals."""
    from .services import tick

    return tick()
