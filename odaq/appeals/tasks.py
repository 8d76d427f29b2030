from celery import shared_task


@shared_task
def appeals_tick() -> dict:
    """Daily: deadline reminders and escalation of overdue appeals."""
    from .services import tick

    return tick()


@shared_task
def build_appeal_export(export_id: int) -> str:
    """Build one requested export of the staff queue (see services.request_export)."""
    from .services import build_export

    return build_export(export_id)


@shared_task
def remove_orphan_files() -> int:
    """Daily: delete attachment files left without a row by a crash or a rolled-back transaction."""
    from .attachments import remove_orphan_files as remove

    return len(remove())
