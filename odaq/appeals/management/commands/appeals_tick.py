import datetime as dt

from django.core.management.base import BaseCommand

from odaq.appeals.services import tick


class Command(BaseCommand):
    help = "Send deadline reminders and escalate overdue appeals (run daily; Celery beat does it in production)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        if isinstance(today, str):
            today = dt.date.fromisoformat(today)
        counts = tick(today)
        self.stdout.write(f"Reminders sent: {counts['reminded']}; overdue and escalated: {counts['overdue']}")
