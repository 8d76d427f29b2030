"""E-voting. The voter roll (who voted) and the ballot box (what was chosen) are separate tables with
random primary keys, no timestamps and no column that links one to the other (see docs/voting.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core.i18n import localized
from odaq.orgs.models import Organisation, Person


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Published")


class Electorate(models.TextChoices):
    MEMBERS = "members", _("Active members of the organisation and everything under it")
    DELEGATES = "delegates", _("A list of delegates with weights")


class Quorum(models.TextChoices):
    NONE = "none", _("No quorum")
    HALF = "half", _("More than half of the electorate takes part")
    TWO_THIRDS = "two_thirds", _("At least two thirds of the electorate take part")


class Kind(models.TextChoices):
    YES_NO = "yes_no_abstain", _("Yes / no / abstain")
    ONE = "one_of_n", _("One of several options")
    UP_TO_K = "up_to_k", _("Up to k of several options")
    SEATS = "candidates_k_seats", _("Candidates for k seats")


class Rule(models.TextChoices):
    SIMPLE = "simple", _("More than half of the votes cast")
    ABSOLUTE = "absolute", _("More than half of the whole electorate")
    TWO_THIRDS = "two_thirds", _("At least two thirds of the votes cast")


class Bilingual:
    def _pick(self, name: str) -> str:
        return localized(self, name)


class Election(Bilingual, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="elections",
                                     verbose_name=_("organising body"))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True, max_length=5000)
    description_ru = models.TextField(_("description (Russian)"), blank=True, max_length=5000)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    electorate = models.CharField(_("electorate"), max_length=16, choices=Electorate.choices,
                                  default=Electorate.MEMBERS)
    quorum = models.CharField(_("quorum"), max_length=16, choices=Quorum.choices, default=Quorum.HALF)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Frozen at opening: number of eligible voters and their total weight.
    electorate_count = models.PositiveIntegerField(default=0)
    electorate_weight = models.PositiveIntegerField(default=0)
    chain_head = models.CharField(max_length=64, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The public ballot list, written once at publication; everyone downloads the same file.
    ballot_list = models.FileField(upload_to="voting/ballots/", max_length=200, blank=True)
    ballot_list_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "opens_at"]), models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self._pick("title")

    @property
    def description(self) -> str:
        return self._pick("description")

    @property
    def editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.SCHEDULED)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class Question(Bilingual, models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.YES_NO)
    k = models.PositiveSmallIntegerField(_("at most (k)"), default=1,
                                         help_text=_("How many options a voter may choose, or seats to fill."))
    rule = models.CharField(_("decision rule"), max_length=16, choices=Rule.choices, default=Rule.SIMPLE)
    text_kk = models.CharField(_("question (Kazakh)"), max_length=500)
    text_ru = models.CharField(_("question (Russian)"), max_length=500)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self._pick("text")

    @property
    def max_choices(self) -> int:
        return self.k if self.kind in (Kind.UP_TO_K, Kind.SEATS) else 1


class Option(Bilingual, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    text_kk = models.CharField(_("option (Kazakh)"), max_length=300)
    text_ru = models.CharField(_("option (Russian)"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self._pick("text")


class Delegate(models.Model):
    """A conference delegate and her voting weight (edited before opening)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="one_delegate_row_per_person")]

    def __str__(self) -> str:
        return f"{self.person_id} × {self.weight}"


class Eligible(models.Model):
    """The electorate frozen at opening: who may vote, with weight and organisation (for turnout)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="one_eligibility_per_person")]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.person_id}"


class VoterRoll(models.Model):
    """Who has voted. Random key, no time, no order, nothing about the ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="one_member_one_vote")]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.person_id}"


class Ballot(models.Model):
    """What was chosen. Random key, no person, no time. ``digest`` is written at casting; ``prev_hash``
    and ``hash`` link the ballots in tracking-code order and are written at closing. ``mixed``: rewritten in a
    random order since it was cast (``services.mixing``), so its storage no longer follows casting order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    tracking_code = models.CharField(max_length=24, unique=True)
    choices = models.JSONField()
    weight = models.PositiveIntegerField(default=1)
    digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)
    mixed = models.BooleanField(default=False, db_default=False)

    def __str__(self) -> str:
        return self.tracking_code
