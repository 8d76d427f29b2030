"""Members: staff home, list, card, add, edit, status and pending self-registrations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.core.paging import CappedPaginator

from .. import selectors, services
from ..choices import MembershipStatus, Position
from ..decorators import staff_required
from ..forms import DecisionForm, MemberAddForm, MemberFilterForm, PersonForm, StatusForm, add_service_errors
from ..scopes import Cap, can, has_cap

PAGE_SIZE = 50


@staff_required
def dashboard(request):
    user = request.user
    counts = selectors.member_counts_for(user)
    can_change = has_cap(user, Cap.CHANGE_MEMBERS)
    return render(request, "orgs/dashboard.html", {
        "counts": [(value, label, counts[value]) for value, label in MembershipStatus.choices],
        "current_total": sum(n for status, n in counts.items() if status != MembershipStatus.LEFT),
        "pending": selectors.pending_memberships_for(user).count() if can_change else 0,
        "can_change": can_change,
    })


@staff_required
def member_list(request):
    form = MemberFilterForm(request.GET or None, user=request.user)
    qs = selectors.member_list(request.user, **form.filters())
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orgs/member_list.html", {
        "form": form, "page": page, "can_change": has_cap(request.user, Cap.CHANGE_MEMBERS),
    })


@staff_required
def member_detail(request, pk: int):
    membership = selectors.person_detail_for(request.user, pk, request=request)
    can_change = can(request.user, Cap.CHANGE_MEMBERS, membership.organisation)
    return render(request, "orgs/member_detail.html", {
        "membership": membership,
        "person": membership.person,
        "consents": selectors.my_consents(membership.person),
        "can_change": can_change,
        "status_form": StatusForm(initial={"status": membership.status}) if can_change else None,
    })


@staff_required(cap=Cap.CHANGE_MEMBERS)
def member_add(request):
    form = MemberAddForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        try:
            membership = services.register_member(request.user, form.cleaned_data["organisation"], data,
                                                  request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered as a member.") % {"name": membership.person})
            return redirect("orgs:member_detail", pk=membership.pk)
    return render(request, "orgs/member_form.html", {"form": form, "adding": True})


def _changeable(request, pk: int, *, audit_view: bool = False):
    """A membership the user sees (else 404) and may change (else 403)."""
    if audit_view:
        membership = selectors.person_detail_for(request.user, pk, request=request)
    else:
        membership = selectors.membership_for(request.user, pk)
    if not can(request.user, Cap.CHANGE_MEMBERS, membership.organisation):
        raise PermissionDenied
    return membership


@staff_required(cap=Cap.CHANGE_MEMBERS)
def member_edit(request, pk: int):
    membership = _changeable(request, pk, audit_view=request.method != "POST")
    person = membership.person
    form = PersonForm(request.POST or None, initial={name: getattr(person, name) for name in PersonForm.base_fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(request.user, membership, form.cleaned_data, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("orgs:member_detail", pk=membership.pk)
    return render(request, "orgs/member_form.html", {"form": form, "membership": membership, "adding": False})


@require_POST
@staff_required(cap=Cap.CHANGE_MEMBERS)
def member_status(request, pk: int):
    membership = _changeable(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("orgs:member_detail", pk=membership.pk)
    try:
        services.set_membership_status(request.user, membership, form.cleaned_data["status"], request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status is now: %(status)s.") % {"status": membership.get_status_display()})
    return redirect("orgs:member_detail", pk=membership.pk)


@staff_required(cap=Cap.CHANGE_MEMBERS)
def approvals(request):
    qs = selectors.pending_memberships_for(request.user).select_related("person", "organisation").order_by("pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    # An application that matched a person on record shows her submitted details next to the record
    applications = selectors.pending_applications(page.object_list)
    for membership in page.object_list:
        membership.submitted = applications.get(membership.pk)
        if membership.submitted is not None:
            membership.earlier = [m for m in selectors.my_memberships(membership.person) if m.pk != membership.pk]
            membership.submitted_position = Position(membership.submitted.data["position"]).label
    return render(request, "orgs/approvals.html", {"page": page})


@require_POST
@staff_required(cap=Cap.CHANGE_MEMBERS)
def approval_decide(request, pk: int):
    membership = get_object_or_404(selectors.pending_memberships_for(request.user).select_related("person"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to reject."))
        return redirect("orgs:approvals")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.approve_membership(request.user, membership, approve=approve, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("%(name)s is now a member.") if approve else _("The application of %(name)s is rejected.")
        messages.success(request, text % {"name": membership.person})
    return redirect("orgs:approvals")
