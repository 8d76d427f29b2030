"""Reads. Staff reads pass through ``scope_q(user, Cap.RUN_SURVEYS)``; members see only surveys meant for them."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Membership, Organisation, Person
from odaq.orgs.scopes import Cap, scope_q
from odaq.orgs.selectors import current_membership

from .choices import Status
from .models import Participation, Survey

# --- staff -----------------------------------------------------------------------------------------------------

def surveys_for(user) -> QuerySet[Survey]:
    return Survey.objects.filter(scope_q(user, Cap.RUN_SURVEYS)).select_related("organisation")


def survey_for(user, pk: int) -> Survey:
    """A survey in the user's scope, else 404."""
    return get_object_or_404(surveys_for(user), pk=pk)


def survey_organisations_for(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(scope_q(user, Cap.RUN_SURVEYS, field="path")).order_by("path")


# --- eligibility -----------------------------------------------------------------------------------------------

def eligible_memberships(survey: Survey) -> QuerySet[Membership]:
    """Active memberships of the survey's subtree matching its member groups."""
    qs = Membership.objects.filter(organisation__path__startswith=survey.organisation.path,
                                   status=MembershipStatus.ACTIVE)
    if survey.young_only:
        qs = qs.filter(person__young_specialist=True)
    if survey.positions:
        qs = qs.filter(person__position__in=survey.positions)
    return qs


def is_eligible(survey: Survey, person: Person | None) -> bool:
    return person is not None and eligible_memberships(survey).filter(person=person).exists()


# --- members ---------------------------------------------------------------------------------------------------

def _member_q(membership: Membership) -> Q:
    """Surveys whose target covers this membership (subtree, young specialists, positions)."""
    path = membership.organisation.path
    ancestors = [path[:i] for i in range(Organisation.steplen, len(path) + 1, Organisation.steplen)]
    q = Q(organisation__path__in=ancestors)
    if not membership.person.young_specialist:
        q &= Q(young_only=False)
    return q


def open_surveys_for(person: Person | None) -> list[Survey]:
    """Open surveys this member may answer, each with ``answered`` set; newest closing last."""
    if person is None:
        return []
    membership = current_membership(person, active=True)
    if membership is None:
        return []
    now = timezone.now()
    qs = (Survey.objects.filter(_member_q(membership), status=Status.OPEN, closes_at__gt=now)
          .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
          .annotate(answered=Exists(Participation.objects.filter(survey=OuterRef("pk"), person=person)))
          .select_related("organisation").order_by("closes_at", "pk"))
    position = membership.person.position
    return [s for s in qs if not s.positions or position in s.positions]


def member_survey(person: Person | None, pk: int) -> Survey:
    """A survey this member is (or was) asked to answer; 404 for anything else, drafts included."""
    survey = get_object_or_404(Survey.objects.select_related("organisation").exclude(status=Status.DRAFT), pk=pk)
    if not is_eligible(survey, person) and not has_answered(survey, person):
        raise Http404
    return survey


def has_answered(survey: Survey, person: Person | None) -> bool:
    return person is not None and Participation.objects.filter(survey=survey, person=person).exists()
