"""Every write about organisations, people, memberships, consents and roles.

Each function checks the actor's scope, changes data in one transaction and writes an
audit record. Views and the API call these; they never save models themselves.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odaq.core import audit
from odaq.core.models import User

from .choices import ConsentPurpose, Level, MembershipStatus
from .models import Application, Consent, Membership, Organisation, Person, RoleAssignment
from .scopes import Cap, can, forget_roles, grantable_roles
from .selectors import current_membership

PERSON_FIELDS = (
    "iin", "last_name", "first_name", "middle_name", "phone", "email", "language", "position",
    "young_specialist",
)


def _require(actor, cap: Cap, organisation: Organisation) -> None:
    if not can(actor, cap, organisation):
        raise PermissionDenied(_("You may not do this in that organisation."))


def _person_snapshot(person: Person) -> dict:
    return {f: getattr(person, f) for f in PERSON_FIELDS if f != "iin"}


def _check_primary(organisation: Organisation) -> None:
    if organisation.level != Level.PRIMARY:
        raise ValidationError({"organisation": _("Members belong to a primary organisation.")})


def _current_membership_error(person: Person) -> ValidationError | None:
    current = current_membership(person)
    if current is None:
        return None
    return ValidationError(
        {"iin": _("A person with this IIN is already a current member (organisation: %(org)s).")
         % {"org": current.organisation.name}}
    )


def current_consent_version() -> str:
    return settings.ODAQ_CONSENT_VERSION


@transaction.atomic
def register_member(actor, organisation: Organisation, data: dict, *, request=None,
                    audit_each: bool = True) -> Membership:
    """A chair or admin registers a member in a primary organisation of their scope."""
    _require(actor, Cap.CHANGE_MEMBERS, organisation)
    _check_primary(organisation)
    person = Person.objects.filter(iin=data["iin"]).first()
    if person is not None:
        error = _current_membership_error(person)
        if error:
            raise error
        for field in PERSON_FIELDS:
            if field in data:
                setattr(person, field, data[field])
    else:
        person = Person(**{f: data[f] for f in PERSON_FIELDS if f in data})
    person.full_clean(exclude=["user"])
    person.save()
    _ensure_account(person)
    membership = Membership.objects.create(
        person=person,
        organisation=organisation,
        status=MembershipStatus.ACTIVE,
        joined_on=data.get("joined_on") or timezone.localdate(),
    )
    Consent.objects.create(
        person=person, purpose=ConsentPurpose.MEMBERSHIP, text_version=current_consent_version()
    )
    if audit_each:
        audit.record("member.registered", actor=actor, obj=membership, request=request,
                     data={"organisation": organisation.pk, "person": person.pk})
    return membership


def _ensure_account(person: Person) -> None:
    """Give a registered member a cabinet account (no password yet) and e-mail her an invitation.

    She sets her password from the invitation link, or later with "Forgot your password?".
    Nothing is created when her e-mail or phone already belongs to another account.
    """
    if person.user_id is not None or not (person.email or person.phone):
        return
    taken = User.objects.none()
    if person.email:
        taken |= User.objects.filter(email__iexact=person.email)
    if person.phone:
        taken |= User.objects.filter(phone=person.phone)
    if taken.exists():
        return
    user = User(email=person.email or None, phone=person.phone or None, language=person.language,
                display_name=f"{person.first_name} {person.last_name}")
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    if person.email:
        from .tasks import send_invitation

        transaction.on_commit(lambda: send_invitation.delay(user.pk))


@transaction.atomic
def update_person(actor, membership: Membership, data: dict, *, request=None) -> Person:
    _require(actor, Cap.CHANGE_MEMBERS, membership.organisation)
    person = membership.person
    before = _person_snapshot(person)
    for field in PERSON_FIELDS:
        if field in data and field != "iin":
            setattr(person, field, data[field])
    person.full_clean(exclude=["user"])
    person.save()
    if person.user_id and "language" in data:  # her account (notifications, pages when signed in) follows
        User.objects.filter(pk=person.user_id).exclude(language=person.language).update(language=person.language)
    after = _person_snapshot(person)
    changed = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    if changed:
        audit.record("person.changed", actor=actor, obj=person, request=request, data={"changes": changed})
    return person


@transaction.atomic
def set_membership_status(actor, membership: Membership, status: str, *, request=None) -> Membership:
    _require(actor, Cap.CHANGE_MEMBERS, membership.organisation)
    if status not in MembershipStatus.values:
        raise ValidationError({"status": _("Unknown membership status.")})
    before = membership.status
    if before == status:
        return membership
    membership.status = status
    membership.left_on = timezone.localdate() if status == MembershipStatus.LEFT else None
    membership.save(update_fields=["status", "left_on"])
    audit.record("membership.status_changed", actor=actor, obj=membership, request=request,
                 data={"before": before, "after": status})
    return membership


SUBMITTED_FIELDS = tuple(f for f in PERSON_FIELDS if f != "iin")


def _account_with(email: str | None, phone: str | None) -> User | None:
    taken = User.objects.none()
    if email:
        taken |= User.objects.filter(email__iexact=email)
    if phone:
        taken |= User.objects.filter(phone=phone)
    return taken.first() if (email or phone) else None


def _tell_about_registration(email: str, language: str) -> None:
    """Tell the owner of an e-mail that someone registered with her details (after the transaction commits)."""
    if not email:
        return
    from .tasks import send_registration_notice

    transaction.on_commit(lambda: send_registration_notice.delay(email, language))


@transaction.atomic
def self_register(organisation: Organisation, data: dict, password: str, *, request=None) -> User | None:
    """A worker applies to join; her membership waits for the chair's (or regional staff's) approval.

    Returns the new account, or None when nothing was created. The caller answers the same either way, so the form
    tells no one whether an IIN, an e-mail or a phone is on the register:

    - her e-mail or phone already belongs to an account: no second account; that account's e-mail is told;
    - her IIN is new: a person, a pending membership and a consent, linked to the new account (no history to see);
    - her IIN is a former member's without an account: the new account and a pending membership, her details kept
      on an ``Application``; the person on record is left as it is and the account sees nothing of her until a
      chair compares the details with the record and approves (``approve_membership``);
    - her IIN belongs to a current member or to someone with an account: nothing is created; the e-mail on record
      is told.
    """
    _check_primary(organisation)
    probe = Person(**{f: data[f] for f in PERSON_FIELDS if f in data})
    probe.full_clean(exclude=["user"], validate_unique=False)
    email, phone = data.get("email") or None, data.get("phone") or None
    owner = _account_with(email, phone)
    if owner is not None:
        make_password(password)  # the same work as creating an account: no timing hint either
        _tell_about_registration(owner.email, owner.language)
        audit.record("member.registration_refused", request=request,
                     data={"organisation": organisation.pk, "reason": "account exists"})
        return None
    existing = Person.objects.select_for_update(of=("self",)).filter(iin=data["iin"]).select_related("user").first()
    if existing is not None and (existing.user_id is not None or _current_membership_error(existing) is not None):
        make_password(password)
        _tell_about_registration(existing.user.email if existing.user else existing.email,
                                 existing.user.language if existing.user else existing.language)
        audit.record("member.registration_refused", obj=existing, request=request,
                     data={"organisation": organisation.pk, "reason": "person has an account or membership"})
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, phone=phone, password=password,
                                            display_name=f"{probe.first_name} {probe.last_name}",
                                            language=probe.language)
            if existing is None:
                probe.user = user
                probe.save()
                membership = Membership.objects.create(person=probe, organisation=organisation,
                                                       status=MembershipStatus.PENDING)
                Consent.objects.create(person=probe, purpose=ConsentPurpose.MEMBERSHIP,
                                       text_version=current_consent_version())
            else:
                membership = Membership.objects.create(person=existing, organisation=organisation,
                                                       status=MembershipStatus.PENDING)
                submitted = {f: getattr(probe, f) for f in SUBMITTED_FIELDS}
                Application.objects.create(membership=membership, user=user,
                                           data={**submitted, "consent_version": current_consent_version()})
    except IntegrityError:
        return None  # a registration with the same details won a race: say nothing more than usual
    audit.record("member.self_registered", actor=user, obj=membership, request=request,
                 data={"organisation": organisation.pk, "matched_record": existing is not None})
    return user


@transaction.atomic
def approve_membership(actor, membership: Membership, *, approve: bool = True, request=None) -> Membership:
    _require(actor, Cap.CHANGE_MEMBERS, membership.organisation)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This application has already been decided."))
    application = Application.objects.filter(membership=membership).select_related("user").first()
    if approve:
        changes = _accept_application(application) if application is not None else {}
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
        audit.record("membership.approved", actor=actor, obj=membership, request=request,
                     data={"linked_account": application.user_id, "changes": changes} if application else None)
        return membership
    if application is not None:
        # someone claimed a former member's IIN and was not she: her record keeps no trace of the claim
        _close_account(application.user)
        audit.record("membership.rejected", actor=actor, obj=membership, request=request,
                     data={"applicant_account": application.user_id})
        membership.delete()
        return membership
    membership.status = MembershipStatus.LEFT
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["status", "left_on"])
    audit.record("membership.rejected", actor=actor, obj=membership, request=request)
    _release_rejected_applicant(membership.person)
    return membership


def _accept_application(application: Application) -> dict:
    """The chair confirmed that the applicant is the person on record: link her account, apply her details."""
    person = application.membership.person
    if person.user_id is not None:
        raise ValidationError(_("This person already has an account; reject the application."))
    if not application.user.is_active:
        raise ValidationError(_("The applicant's account is closed; reject the application."))
    before = _person_snapshot(person)
    for field in SUBMITTED_FIELDS:
        if field in application.data:
            setattr(person, field, application.data[field])
    person.user = application.user
    person.full_clean(exclude=["user"])
    person.save()
    Consent.objects.create(person=person, purpose=ConsentPurpose.MEMBERSHIP,
                           text_version=application.data.get("consent_version") or current_consent_version())
    after = _person_snapshot(person)
    return {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}


def _close_account(user: User) -> None:
    from odaq.core.tokens import revoke_tokens

    User.objects.filter(pk=user.pk).update(is_active=False, email=None, phone=None)
    revoke_tokens(user)


def _release_rejected_applicant(person: Person) -> None:
    """A rejected applicant's account is closed and her IIN freed, so a squatted IIN can be registered again.

    A person with any other membership history stays on the register (it is union history).
    """
    if person.memberships.exclude(status=MembershipStatus.LEFT).exists() or person.memberships.count() > 1:
        return
    if person.user_id is not None:
        _close_account(person.user)
    person.delete()


@transaction.atomic
def give_consent(person: Person, purpose: str, *, actor=None, request=None) -> Consent:
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if person.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists():
        raise ValidationError(_("This consent is already given."))
    consent = Consent.objects.create(person=person, purpose=purpose, text_version=current_consent_version())
    audit.record("consent.given", actor=actor, obj=consent, request=request, data={"purpose": purpose})
    return consent


@transaction.atomic
def withdraw_consent(person: Person, consent: Consent, *, actor=None, request=None) -> Consent:
    if consent.person_id != person.pk:
        raise PermissionDenied
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    audit.record("consent.withdrawn", actor=actor, obj=consent, request=request,
                 data={"purpose": consent.purpose})
    return consent


@transaction.atomic
def grant_role(actor, user: User, role: str, organisation: Organisation, *, request=None) -> RoleAssignment:
    if role not in grantable_roles(actor, organisation):
        raise PermissionDenied(_("You may not grant this role in that organisation."))
    if role == "chair" and organisation.level != Level.PRIMARY:
        raise ValidationError({"organisation": _("A chair's role is held on a primary organisation.")})
    if RoleAssignment.objects.filter(user=user, role=role, organisation=organisation,
                                     revoked_at__isnull=True).exists():
        raise ValidationError(_("This person already holds this role there."))
    grant = RoleAssignment.objects.create(user=user, role=role, organisation=organisation, granted_by=actor)
    forget_roles(user)
    audit.record("role.granted", actor=actor, obj=grant, request=request,
                 data={"user": user.pk, "role": role, "organisation": organisation.pk})
    return grant


@transaction.atomic
def revoke_role(actor, grant: RoleAssignment, *, request=None) -> RoleAssignment:
    if grant.role not in grantable_roles(actor, grant.organisation):
        raise PermissionDenied(_("You may not revoke this role."))
    if grant.revoked_at is not None:
        raise ValidationError(_("This role has already been revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    forget_roles(grant.user)
    audit.record("role.revoked", actor=actor, obj=grant, request=request,
                 data={"user": grant.user_id, "role": grant.role, "organisation": grant.organisation_id})
    return grant


@transaction.atomic
def import_members(actor, organisation: Organisation, rows, *, skipped: int = 0, source: str = "",
                   request=None) -> dict:
    """Register many members of one primary organisation at once (rows checked by ``importing``).

    ``rows`` are ``importing.ImportRow`` (row number and clean data). Everything is saved in one
    transaction: if any row fails at save time nothing is kept. One audit record sums it up.
    """
    _require(actor, Cap.CHANGE_MEMBERS, organisation)
    _check_primary(organisation)
    for row in rows:
        try:
            register_member(actor, organisation, row.data, request=request, audit_each=False)
        except (ValidationError, IntegrityError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [_("A conflicting record exists.")]
            raise ValidationError(
                _("Row %(row)s could not be saved: %(error)s Nothing was imported.")
                % {"row": row.number, "error": " ".join(messages)}
            ) from exc
    counts = {"organisation": organisation.pk, "imported": len(rows), "skipped": skipped}
    audit.record("members.imported", actor=actor, obj=organisation, request=request,
                 data={**counts, "source": source[:200]})
    return counts
