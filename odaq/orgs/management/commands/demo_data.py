from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from odaq.orgs.demo.builder import DemoOptions, build_demo, has_organisations


class Command(BaseCommand):
    help = "Build a plausible demo union (regions, districts, schools, members, one login per role)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=3000, help="number of people (default 3000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")
        parser.add_argument("--regions", type=int, default=20, help="regions and cities, at most 20")
        parser.add_argument("--branches", type=int, default=None,
                            help="republican branches (default 1, or 5 from 100,000 members)")
        parser.add_argument("--districts-per-region", type=int, default=None,
                            help="districts and city committees per region (default grows with --members)")
        parser.add_argument("--primaries", type=int, default=None,
                            help="primary organisations in all (default grows with --members)")
        parser.add_argument("--batch", type=int, default=5000, help="rows per bulk insert")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing when the database already has organisations")

    def handle(self, *args, **opts):
        if settings.PRODUCTION:
            raise CommandError("demo_data creates accounts with a published password; it is refused in production.")
        if opts["members"] < 0 or opts["batch"] < 1:
            raise CommandError("--members must be 0 or more and --batch at least 1.")
        if has_organisations():
            if opts["if_empty"]:
                self.stdout.write("The database already has organisations; demo data not loaded (--if-empty).")
                return
            raise CommandError("The database already has organisations. Use a fresh database or --if-empty.")
        options = DemoOptions(
            members=opts["members"], seed=opts["seed"], regions=opts["regions"], branches=opts["branches"],
            districts_per_region=opts["districts_per_region"], primaries=opts["primaries"], batch=opts["batch"],
        )
        # One line for `make demo`; -v 2 shows the steps and progress.
        detail = self.stdout.write if opts["verbosity"] > 1 else (lambda _msg: None)
        counts = build_demo(options, out=detail)
        from odaq.portal.demo import build_demo_news

        news = build_demo_news()
        if opts["verbosity"] > 0:
            self.stdout.write(
                f"Demo union: {counts['organisations']:,} organisations, {counts['people']:,} members, "
                f"{counts['demo_users']} demo logins, {news} news items ({counts['seconds']}s)."
            )
