from django.core.management.base import BaseCommand

from odaq.voting.services import tick


class Command(BaseCommand):
    help = ("Open scheduled votes whose opening time has come; mix the ballots of open votes; close and count votes "
            "whose closing time is over.")

    def handle(self, *args, **options):
        done = tick()
        self.stdout.write(f"opened {done['opened']}, mixed {done['mixed']} ballots, closed {done['closed']}, "
                          f"counted {done['counted']}")
