from celery import shared_task


@shared_task
def audit_checkpoint() -> int | None:
    """Periodic: append the head of the audit chain to the checkpoint file outside the database."""
    from .audit import write_checkpoint

    point = write_checkpoint()
    return point["seq"] if point else None
