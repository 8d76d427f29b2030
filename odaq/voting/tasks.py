"""Background work of the voting app. Tasks take ids and call services; services never import this module:
they send ``odaq.voting.signals``, and the receivers here enqueue the tasks (connected when the app is ready)."""

from celery import shared_task
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.core.models import User

from . import services, signals
from .models import Election, Eligible, Status


@shared_task
def voting_tick() -> dict:
    """Open and close votes whose time has come (Celery beat, every minute)."""
    return services.tick()


@receiver(signals.election_opened, dispatch_uid="odaq.voting.announce_election")
def _announce_when_opened(sender, election_id: int, **kwargs) -> None:
    announce_election.delay(election_id)


@shared_task
def announce_election(election_id: int) -> int:
    """Tell every member of the electorate who has an account that the vote is open."""
    from odaq.notify.services import notify

    election = Election.objects.filter(pk=election_id, status=Status.OPEN).first()
    if election is None:
        return 0
    users = User.objects.filter(is_active=True, person__in=Eligible.objects.filter(election=election).values(
        "person_id"))
    url = reverse("voting:ballot", args=[election.pk])
    sent = 0
    for user in users.iterator(chunk_size=1000):
        title = election.title_ru if getattr(user, "language", "") == "ru" else election.title_kk
        notify(user, subject=format_lazy(_("A vote is open: {title}"), title=title),
               body=_("You may take part in this vote. Open it from your cabinet or with the link."),
               url=url, kind="voting.opened")
        sent += 1
    return sent
