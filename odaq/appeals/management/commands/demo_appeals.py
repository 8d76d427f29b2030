from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from odaq.appeals.demo import AppealBuilder
from odaq.appeals.models import Appeal
from odaq.appeals.services import tick


class Command(BaseCommand):
    help = "Create demo appeals over the last twelve months (run demo_data first); lawyers on duty per region."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=3000, help="number of appeals (default 3000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument("--batch", type=int, default=5000, help="rows per insert")
        parser.add_argument("--no-events", action="store_true", help="skip timelines (faster, for benchmarks)")
        parser.add_argument("--no-tick", action="store_true",
                            help="leave deadlines as built (no reminders or escalations recorded), for benchmarks")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when appeals already exist")

    def handle(self, *args, **opts):
        if settings.PRODUCTION:
            raise CommandError("demo_appeals writes invented data; it is refused in production.")
        if opts["count"] < 0 or opts["batch"] < 1:
            raise CommandError("--count must be 0 or more and --batch at least 1.")
        if opts["if_empty"] and Appeal.objects.exists():
            self.stdout.write("Appeals already exist; demo appeals not created (--if-empty).")
            return
        # One line for `make demo`; -v 2 shows progress.
        out = self.stdout.write if opts["verbosity"] > 0 else (lambda _msg: None)
        detail = self.stdout.write if opts["verbosity"] > 1 else (lambda _msg: None)
        try:
            counts = AppealBuilder(opts["count"], opts["seed"], opts["batch"], events=not opts["no_events"],
                                   out=detail).run()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = (f"Demo appeals: {counts.get('appeals', 0):,} over the past year "
                   f"({counts.get('events', 0):,} events, {counts.get('duty_lawyers', 0)} duty lawyers)")
        if opts["no_tick"]:
            out(summary + ".")
            return
        # Bring the invented year up to today as the periodic task would have: overdue appeals escalated and
        # reminders recorded, with their in-cabinet notifications, but without printing a letter for each.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            ticked = tick()
        out(f"{summary}; deadlines brought up to date: {ticked['reminded']} reminders, "
            f"{ticked['overdue']} overdue escalated.")
