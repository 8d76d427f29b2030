"""Reads for the public site and the member cabinet.

News visibility: a member reads the news of her primary organisation and all its ancestors
(so central news too); staff also read the news of the nodes they hold a role on and their
ancestors; everybody else reads central news only. Drafts and scheduled items are seen only
by staff who may publish for that node.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from odaq.orgs import selectors as org_selectors
from odaq.orgs.choices import ConsentPurpose, Level, MembershipStatus
from odaq.orgs.models import Application, Consent, Membership, Organisation, Person
from odaq.orgs.scopes import Cap, active_roles, scope_paths, scope_q

from .models import News


def lineage_paths(path: str) -> list[str]:
    """Paths of a node and all its ancestors (materialised-path prefixes)."""
    step = Organisation.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def home_paths(user) -> set[str]:
    """Nodes whose branch of the tree the user belongs to: her current membership and her staff roles."""
    if user is None or not user.is_authenticated:
        return set()
    paths = {path for _role, path, _pk in active_roles(user)}
    person = org_selectors.my_person(user)
    membership = org_selectors.current_membership(person)
    if membership is not None:
        paths.add(membership.organisation.path)
    return paths


def _live() -> Q:
    return Q(is_published=True, published_at__lte=timezone.now())


def visible_news(user) -> QuerySet[News]:
    """Published news this visitor may read, newest first."""
    visible = Q(organisation__level=Level.CENTRAL)
    readable = {p for path in home_paths(user) for p in lineage_paths(path)}
    if readable:
        visible |= Q(organisation__path__in=sorted(readable))
    return News.objects.filter(_live() & visible).select_related("organisation").order_by("-published_at", "-pk")


def latest_news(user, limit: int = 3) -> list[News]:
    return list(visible_news(user)[:limit])


def manageable_news(user) -> QuerySet[News]:
    """Every news item (drafts included) on nodes where the user may publish."""
    return (
        News.objects.filter(scope_q(user, Cap.PUBLISH_NEWS, field="organisation__path"))
        .select_related("organisation", "author")
        .order_by("-published_at", "-pk")
    )


def news_detail(user, pk: int) -> News:
    """One news item; 404 unless it is visible to the visitor or she may publish for its node."""
    item = visible_news(user).filter(pk=pk).first()
    if item is None:
        item = get_object_or_404(manageable_news(user), pk=pk)
    return item


def news_for_edit(user, pk: int) -> News:
    return get_object_or_404(manageable_news(user), pk=pk)


def publishable_organisations(user) -> list[Organisation]:
    """Nodes offered in the news form: the user's scope roots and every non-primary node under them.

    (Nine thousand schools would not fit a select; a chair still gets her own school as a scope root.)
    """
    roots = scope_paths(user, Cap.PUBLISH_NEWS)
    if not roots:
        return []
    qs = Organisation.objects.filter(scope_q(user, Cap.PUBLISH_NEWS, field="path"))
    qs = qs.filter(~Q(level=Level.PRIMARY) | Q(path__in=roots))
    return list(qs.order_by("path"))


# --- registration -------------------------------------------------------------------------------


def registration_regions() -> list[Organisation]:
    regions = Organisation.objects.filter(level__in=[Level.REGION, Level.BRANCH])
    return sorted(regions, key=lambda org: org.name.casefold())


def region_by_id(value) -> Organisation | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return Organisation.objects.filter(pk=pk, level__in=[Level.REGION, Level.BRANCH]).first()


def primary_choices(region: Organisation, query: str = "") -> list[tuple[str, list[tuple[int, str]]]]:
    """Primary organisations of a region grouped by their parent (district or city committee)."""
    nodes = Organisation.objects.filter(path__startswith=region.path).order_by("path")
    names = {}
    primaries = []
    query = (query or "").strip().casefold()
    for org in nodes:
        names[org.path] = org.name
        if org.level == Level.PRIMARY and (
            not query or query in org.name_kk.casefold() or query in org.name_ru.casefold()
        ):
            primaries.append(org)
    groups: dict[str, list[tuple[int, str]]] = {}
    for org in primaries:
        parent = names.get(org.path[: -Organisation.steplen], region.name)
        groups.setdefault(parent, []).append((org.pk, org.name))
    return [(parent, sorted(opts, key=lambda o: o[1].casefold())) for parent, opts in
            sorted(groups.items(), key=lambda g: g[0].casefold())]


def primary_in_region(region: Organisation, pk) -> Organisation | None:
    return Organisation.objects.filter(pk=pk, level=Level.PRIMARY, path__startswith=region.path).first()


# --- cabinet ------------------------------------------------------------------------------------


@dataclass
class Cabinet:
    person: Person | None
    membership: Membership | None = None
    chain: list[Organisation] = field(default_factory=list)
    history: list[Membership] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    missing_purposes: list[tuple[str, str]] = field(default_factory=list)
    application: Application | None = None

    @property
    def pending(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.PENDING


def cabinet_for(user) -> Cabinet:
    """The signed-in user's own data only: her person, membership with its chain, consents."""
    person = org_selectors.my_person(user)
    if person is None:
        return Cabinet(person=None, application=org_selectors.my_application(user))
    memberships = list(org_selectors.my_memberships(person))
    current = next((m for m in memberships if m.status != MembershipStatus.LEFT), None)
    consents = list(org_selectors.my_consents(person))
    active = {c.purpose for c in consents if c.active}
    return Cabinet(
        person=person,
        membership=current,
        chain=org_selectors.ancestors_and_self(current.organisation) if current else [],
        history=[m for m in memberships if m is not current],
        consents=consents,
        missing_purposes=[(value, label) for value, label in ConsentPurpose.choices if value not in active],
    )
