"""What the voting services announce. Services send these; ``odaq.voting.tasks`` listens and enqueues the work,
so services never import tasks (tasks import services)."""

from django.dispatch import Signal

# A vote has opened (sent after its transaction commits). Arguments: ``election_id``.
election_opened = Signal()
