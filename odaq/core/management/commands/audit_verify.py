from django.core.management.base import BaseCommand, CommandError

from odaq.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log and report the first broken record."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit log broken at record {result.broken_seq}: {result.reason} "
                f"({result.checked} records before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {result.checked} records verified."))
