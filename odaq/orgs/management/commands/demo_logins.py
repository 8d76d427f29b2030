from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from odaq.orgs.demo.staff import demo_logins

COLUMNS = [("role", "Role"), ("email", "E-mail"), ("phone", "Phone"), ("password", "Password"),
           ("organisation", "Organisation")]


class Command(BaseCommand):
    help = "Print the demo logins (one per role). Refused in production mode."

    def handle(self, *args, **opts):
        if settings.PRODUCTION:
            raise CommandError("Demo logins are not shown in production mode.")
        rows = demo_logins()
        if not rows:
            self.stdout.write("No demo logins: run `python manage.py demo_data` first.")
            return
        widths = {key: max(len(title), *(len(r[key]) for r in rows)) for key, title in COLUMNS}
        line = "  ".join(title.ljust(widths[key]) for key, title in COLUMNS)
        self.stdout.write(line)
        self.stdout.write("  ".join("-" * widths[key] for key, _ in COLUMNS))
        for row in rows:
            self.stdout.write("  ".join(row[key].ljust(widths[key]) for key, _ in COLUMNS))
        self.stdout.write("")
        self.stdout.write("Log in with the e-mail or the phone. Demo mode: the staff second factor is waived.")
