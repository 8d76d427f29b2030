from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from odaq.disputes.demo import build
from odaq.disputes.models import Dispute


class Command(BaseCommand):
    help = "Create a year of demo labour disputes from the demo appeals (run demo_appeals first)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument("--share", type=float, default=0.25,
                            help="share of the dismissal, pay, discipline and contract appeals that go to a dispute")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when disputes already exist")

    def handle(self, *args, **opts):
        if settings.PRODUCTION:
            raise CommandError("demo_disputes writes invented data; it is refused in production.")
        if not 0 <= opts["share"] <= 1:
            raise CommandError("--share must be between 0 and 1.")
        if opts["if_empty"] and Dispute.objects.exists():
            self.stdout.write("Disputes already exist; demo disputes not created (--if-empty).")
            return
        counts = build(seed=opts["seed"], share=opts["share"])
        self.stdout.write(f"Demo disputes: {counts['disputes']:,} from demo appeals "
                          f"({counts['stages']:,} stages, {counts['hearings']:,} hearings).")
