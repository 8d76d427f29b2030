from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from odaq.law.models import Edition


class Command(BaseCommand):
    help = "For the demo: import the acts listed in ODAQ_LAW_DATA_DIR/manifest.json once, or say how to import."

    def handle(self, *args, **opts):
        if Edition.objects.exists():
            self.stdout.write("The legal knowledge base already has acts; nothing imported.")
            return
        manifest = Path(settings.ODAQ_LAW_DATA_DIR) / "manifest.json"
        if not manifest.exists():
            self.stdout.write(
                f"No law texts at {manifest.parent}. Import acts from adilet.zan.kz when online, e.g.\n"
                "  .venv/bin/python manage.py law_import adilet:K1500000414 --lang ru\n"
                "  .venv/bin/python manage.py law_import adilet:K1500000414 --lang kk\n"
                "or set ODAQ_LAW_DATA_DIR to a folder with a manifest.json."
            )
            return
        call_command("law_import", manifest=str(manifest), stdout=self.stdout, stderr=self.stderr)
