from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from odaq.law.models import Article, Edition


class Command(BaseCommand):
    help = ("For the demo: import the acts listed in ODAQ_LAW_DATA_DIR/manifest.json once, or say how to import. "
            "Prints one line; -v 2 shows each act.")

    def handle(self, *args, **opts):
        if Edition.objects.exists():
            self.stdout.write("Law: the knowledge base already has acts; nothing imported.")
            return
        manifest = Path(settings.ODAQ_LAW_DATA_DIR) / "manifest.json"
        if not manifest.exists():
            self.stdout.write(
                f"Law: no texts at {manifest.parent}; import acts with "
                "`manage.py law_import adilet:K1500000414 --lang ru` (see docs/law.md)."
            )
            return
        verbosity = opts["verbosity"]
        call_command("law_import", manifest=str(manifest), stdout=self.stdout, stderr=self.stderr,
                     verbosity=verbosity if verbosity > 1 else 0)
        current = Edition.objects.filter(is_current=True)
        acts = current.values("act").distinct().count()
        articles = Article.objects.filter(edition__in=current).count()
        self.stdout.write(f"Law: {acts} acts imported ({current.count()} texts, "
                          f"{articles:,} articles) from {manifest.parent}.")
