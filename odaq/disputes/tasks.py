from celery import shared_task


@shared_task
def disputes_tick() -> dict:
    """Time-limit warnings to lawyers and hearing reminders to lawyers and members."""
    from .services import tick

    return tick()
