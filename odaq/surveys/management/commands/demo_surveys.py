from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from odaq.orgs.models import Organisation
from odaq.surveys.models import Survey


class Command(BaseCommand):
    help = "Demo surveys: an open anonymous one in the demo region and a closed named one with results."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same answers")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when surveys already exist")

    def handle(self, *args, **opts):
        if settings.PRODUCTION:
            raise CommandError("demo_surveys writes demo answers; it is refused in production.")
        if not Organisation.objects.exists():
            raise CommandError("No organisations yet: run `python manage.py demo_data` first.")
        if Survey.objects.exists():
            if opts["if_empty"]:
                self.stdout.write("Surveys already exist; demo surveys not created (--if-empty).")
                return
            raise CommandError("Surveys already exist. Use a fresh database or --if-empty.")
        from odaq.surveys.demo import build_demo_surveys

        build_demo_surveys(opts["seed"], out=self.stdout.write)
