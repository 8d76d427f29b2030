"""The announcement of an open vote: a task of its own module so that services can enqueue it without
importing ``tasks`` (which imports services). Its name stays ``odaq.voting.tasks.announce_election``."""

from celery import shared_task
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.core.models import User

from .models import Election, Eligible, Status


@shared_task(name="odaq.voting.tasks.announce_election")
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
