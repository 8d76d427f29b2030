from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from odaq.law import importing
from odaq.law.parsing.types import ParseError
from odaq.law.tasks import index_updates_deferred


class Command(BaseCommand):
    help = ("Import an act into the legal knowledge base: law_import FILE --act ID --lang kk|ru, "
            "law_import adilet:ID --lang kk|ru (needs internet), or law_import --manifest PATH/manifest.json")

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="a file, or adilet:<act id>")
        parser.add_argument("--lang", choices=["kk", "ru"])
        parser.add_argument("--act", help="adilet id of the act (e.g. K1500000414); taken from adilet:ID")
        parser.add_argument("--format", choices=["adilet-text", "markdown", "adilet-html"])
        parser.add_argument("--title", default="")
        parser.add_argument("--as-of", help="redaction date of the text, YYYY-MM-DD")
        parser.add_argument("--manifest", help="import every act a manifest.json lists")

    def handle(self, *args, **opts):
        self.verbosity = opts.get("verbosity", 1)
        try:
            with index_updates_deferred():
                if opts["manifest"]:
                    self._manifest(Path(opts["manifest"]))
                else:
                    self._single(opts)
        except (ParseError, importing.SourceError) as exc:
            raise CommandError(f"{exc} — nothing was changed for this act.") from exc

    def _single(self, opts):
        source_arg, lang = opts["source"], opts["lang"]
        if not source_arg or not lang:
            raise CommandError("Give a file or adilet:<id>, and --lang kk|ru (or --manifest PATH).")
        if source_arg.startswith("adilet:"):
            act = source_arg.split(":", 1)[1]
            self.stdout.write(f"Fetching {act} ({lang}) from adilet.zan.kz …")
            source = importing.fetch_adilet(act, lang)
        else:
            act = opts["act"] or Path(source_arg).name.split(".")[0]
            source = importing.read_file(Path(source_arg), opts["format"])
        result = importing.import_source(source, act=act, lang=lang, title=opts["title"],
                                         as_of=importing.parse_date(opts["as_of"]))
        self.stdout.write(self.style.SUCCESS(f"{act} [{lang}]: {result.summary()}"))

    def _manifest(self, path: Path):
        entries = importing.manifest_entries(path)
        verbose = self.verbosity > 0
        for i, entry in enumerate(entries, 1):
            label = f"[{i}/{len(entries)}] {entry['act']} ({entry['lang']})"
            if self.verbosity > 1:
                self.stdout.write(f"{label} reading {entry['file']} …")
            source = importing.read_file(path.parent / entry["file"], entry.get("format"))
            try:
                result = importing.import_source(
                    source, act=entry["act"], lang=entry["lang"], title=entry.get("title", ""),
                    as_of=importing.parse_date(entry.get("as_of")), note=entry.get("note", ""),
                )
            except ParseError as exc:
                self.stderr.write(f"{label} refused: {exc} — the previous edition stays.")
                continue
            if verbose:
                self.stdout.write(self.style.SUCCESS(f"{label} {result.summary()}"))
        if verbose:
            self.stdout.write("Imported. The search index follows the new editions (see docs/operators.md).")
