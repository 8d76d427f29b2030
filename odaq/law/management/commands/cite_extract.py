import json

from django.core.management.base import BaseCommand, CommandError

from odaq.law.citations import extract
from odaq.law.selectors import citation_catalogue


class Command(BaseCommand):
    help = ("Find article citations in legal text: reads cases {id, lang, text} (JSON lines), writes one line per "
            "case {id, citations: [{act, article, point, subpoint, start, end}]}.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", required=True, help="input JSON lines file")
        parser.add_argument("--out", required=True, help="output JSON lines file")

    def handle(self, *args, **opts):
        catalogue = citation_catalogue()
        if not catalogue.articles:
            raise CommandError("The knowledge base has no acts; import them first (manage.py law_demo_import).")
        count = found = 0
        try:
            source = open(opts["cases"], encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        with source, open(opts["out"], "w", encoding="utf-8") as out:
            for line in source:
                if not line.strip():
                    continue
                case = json.loads(line)
                citations = [c.as_dict() for c in extract(case.get("text") or "", catalogue)]
                out.write(json.dumps({"id": case.get("id"), "citations": citations}, ensure_ascii=False) + "\n")
                count += 1
                found += len(citations)
        self.stdout.write(f"{count} cases, {found} citations written to {opts['out']}.")
