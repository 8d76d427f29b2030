from django.core.management.base import BaseCommand

from odaq.appeals.attachments import remove_orphan_files


class Command(BaseCommand):
    help = ("Delete attachment files that no appeal refers to (left by a crash mid-upload), older than an hour "
            "(run daily; Celery beat does it in production).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the files, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        removed = remove_orphan_files(dry_run=dry_run)
        for name in removed:
            self.stdout.write(name)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {len(removed)} orphan file(s).")
