"""Who receives an appeal: the region's lawyer on duty, else a regional administrator; escalation goes to the
central committee's legal service (a lawyer on the root, else a central administrator)."""

from odaq.core.models import User
from odaq.orgs.choices import Role
from odaq.orgs.models import Organisation, RoleAssignment

from .models import DutyLawyer


def region_of(organisation: Organisation) -> Organisation:
    """The region (or republican branch): the ancestor right under the central committee."""
    if organisation.depth <= 2:
        return organisation
    return Organisation.objects.get(path=organisation.path[: 2 * Organisation.steplen])


def _first_holder(organisation: Organisation, roles: list[str]) -> User | None:
    for role in roles:
        grant = (RoleAssignment.objects.filter(organisation=organisation, role=role, revoked_at__isnull=True,
                                               user__is_active=True)
                 .select_related("user").order_by("granted_at", "pk").first())
        if grant:
            return grant.user
    return None


def duty_lawyer(region: Organisation) -> User | None:
    duty = DutyLawyer.objects.filter(region=region, user__is_active=True).select_related("user").first()
    if duty:
        return duty.user
    return _first_holder(region, [Role.REGIONAL_ADMIN])


def central_legal_service() -> User | None:
    root = Organisation.objects.filter(depth=1).order_by("path").first()
    return _first_holder(root, [Role.LAWYER, Role.CENTRAL_ADMIN]) if root else None
