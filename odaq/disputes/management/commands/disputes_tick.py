from django.core.management.base import BaseCommand

from odaq.disputes.services import tick


class Command(BaseCommand):
    help = "Warn lawyers of near time limits and remind lawyers and members of hearings (what disputes-tick runs)."

    def handle(self, *args, **opts):
        counts = tick()
        self.stdout.write(f"Disputes: {counts['deadlines']} time-limit warnings, "
                          f"{counts['hearings']} hearing reminders.")
