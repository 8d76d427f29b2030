from celery import shared_task


@shared_task
def appeals_tick() -> dict:
    """Daily: deadline reminders and escalation of overdue appeals."""
    from .services import tick

    return tick()


@shared_task
def remove_orphan_files() -> int:
    """Daily: delete attachment files left without a row by a crash or a rolled-back transaction."""
    from .attachments import remove_orphan_files as remove

    return len(remove())
