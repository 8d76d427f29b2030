from django.core.management.base import BaseCommand

from odaq.core.audit import checkpoint_path, write_checkpoint


class Command(BaseCommand):
    help = "Append the head of the audit chain to the checkpoint file (also run by the beat schedule)."

    def handle(self, *args, **options):
        point = write_checkpoint()
        if point is None:
            self.stdout.write("Nothing new to checkpoint.")
        else:
            self.stdout.write(f"Checkpoint at record {point['seq']} written to {checkpoint_path()}.")
