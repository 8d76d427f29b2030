import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from odaq.orgs.models import Organisation
from odaq.practice import services
from odaq.practice.extract import text_of
from odaq.practice.models import Outcome


class Command(BaseCommand):
    help = ("Import court decisions (.txt, .docx, .pdf with a text layer): de-identified, article citations found, "
            "stored as drafts for a lawyer's review. The original text is not kept.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--court", required=True)
        parser.add_argument("--date", required=True, help="date of the decision, YYYY-MM-DD")
        parser.add_argument("--case", required=True, help="case number")
        parser.add_argument("--outcome", choices=Outcome.values, default="")
        parser.add_argument("--region", type=int, help="id of the region's organisation")
        parser.add_argument("--lang", choices=["kk", "ru"], default="")

    def handle(self, *args, **opts):
        try:
            decided_on = dt.date.fromisoformat(opts["date"])
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        region = None
        if opts["region"]:
            region = Organisation.objects.filter(pk=opts["region"]).first()
            if region is None:
                raise CommandError(f"no organisation {opts['region']}")
        for name in opts["files"]:
            path = Path(name)
            try:
                text = text_of(path.name, path.read_bytes())
                decision = services.import_decision(
                    text=text, court=opts["court"], decided_on=decided_on, case_number=opts["case"], region=region,
                    outcome=opts["outcome"], lang=opts["lang"], source_name=path.name)
            except (OSError, ValidationError) as exc:
                raise CommandError(f"{name}: {exc}") from exc
            r = decision.redactions
            self.stdout.write(f"{name}: decision {decision.pk} ({decision.lang}), {decision.cited.count()} articles "
                              f"cited; replaced {r['names']} names, {r['addresses']} addresses, "
                              f"{r['numbers']} numbers; awaiting review.")
