from django.core.management.base import BaseCommand, CommandError

from odaq.core.audit import verify_chain


class Command(BaseCommand):
    help = ("Verify the hash chain of the audit log, each record's key signature (ODAQ_AUDIT_KEY) and the "
            "checkpoints in ODAQ_AUDIT_CHECKPOINT_DIR; report the first broken record or the missing tail.")

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit log broken at record {result.broken_seq}: {result.reason} "
                f"({result.checked} records before it are intact)"
            )
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(
            f"Audit log intact: {result.checked} records verified against {result.checkpoints} checkpoint(s)."))
