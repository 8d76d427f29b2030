"""Pages: the staff list, card, actions, hearings calendar (page and iCalendar feed), the outcomes report, and
the member's own disputes. Thin: every write is a service call."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.appeals import selectors as appeal_selectors
from odaq.appeals.attachments import download_response
from odaq.core import audit
from odaq.core.models import User
from odaq.core.paging import CappedPaginator
from odaq.orgs.decorators import staff_required
from odaq.orgs.forms import add_service_errors
from odaq.orgs.models import Organisation, Person
from odaq.orgs.scopes import Cap, has_cap, scope_q

from . import deadlines, ical, selectors, services
from .choices import Status
from .forms import (
    BasisForm,
    ClaimForm,
    DatesForm,
    DecisionForm,
    DocumentForm,
    HearingForm,
    NewDisputeForm,
    ReportForm,
    SkipForm,
    StageForm,
)
from .models import Stage

PAGE_SIZE = 50


# --- the member


@login_required
def my_list(request):
    disputes = selectors.my_disputes(request.user).select_related("region").order_by("-created_at", "-pk")
    return render(request, "disputes/my_list.html", {"disputes": disputes})


@login_required
def my_detail(request, pk: int):
    dispute = selectors.my_dispute(request.user, pk)
    stage_list = selectors.stages(dispute)
    return render(request, "disputes/my_detail.html", {
        "dispute": dispute, "stages": stage_list, "current": selectors.current_stage(dispute, stage_list),
        "next_hearing": selectors.next_hearing(dispute), "documents": selectors.member_documents(dispute),
    })


@login_required
def download(request, pk: int):
    document = selectors.document_for(request.user, pk)
    audit.record("dispute.file_downloaded", actor=request.user, obj=document.dispute, request=request,
                 scope=document.dispute.organisation, data={"document": document.pk, "name": document.name})
    return download_response(document.file.open("rb"), document.name, document.content_type)


# --- staff


def _regions(user):
    return Organisation.objects.filter(scope_q(user, Cap.VIEW_APPEALS, "path"), depth=2).order_by("name_ru")


@staff_required(cap=Cap.VIEW_APPEALS)
def staff_list(request):
    region = None
    if request.GET.get("region", "").isdigit():
        region = _regions(request.user).filter(pk=int(request.GET["region"])).first()
        if region is None:
            region = Organisation(pk=0)  # a region outside the scope shows nothing
    status = request.GET.get("status", "open")
    qs = selectors.dispute_list(request.user, status=status if status in Status.values else "",
                                mine=request.GET.get("mine") == "1", region=region, q=request.GET.get("q", ""))
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disputes/list.html", {
        "page": page, "status": status, "regions": _regions(request.user), "today": timezone.localdate(),
        "can_open": has_cap(request.user, Cap.HANDLE_APPEALS), "q": request.GET.get("q", ""),
    })


def _handled_organisations(user):
    return Organisation.objects.filter(scope_q(user, Cap.HANDLE_APPEALS, "path")).order_by("path")


@staff_required(cap=Cap.HANDLE_APPEALS)
def new(request):
    form = NewDisputeForm(request.POST or None, organisations=_handled_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["iin"]:
            person = Person.objects.filter(iin=data["iin"].strip(),
                                           memberships__organisation__path__startswith=data["organisation"].path
                                           ).first()
            if person is None:
                form.add_error("iin", _("No member with this IIN in the chosen organisation."))
        if not form.errors:
            try:
                dispute = services.open_dispute(
                    request.user, organisation=data["organisation"], subject=data["subject"],
                    employer=data["employer"], employer_bin=data["employer_bin"], kind=data["kind"], person=person,
                    topic=data["topic"], confidential=data["confidential"], request=request)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("disputes:detail", dispute.pk)
    return render(request, "disputes/new.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@staff_required(cap=Cap.HANDLE_APPEALS)
def from_appeal(request, appeal_pk: int):
    appeal = appeal_selectors.staff_appeal(request.user, appeal_pk)
    dispute, created = services.open_from_appeal(request.user, appeal, request=request)
    if created:
        messages.success(request, _("Dispute %(number)s is opened.") % {"number": dispute.number})
    return redirect("disputes:detail", dispute.pk)


def _card_context(request, dispute, **forms):
    stage_list = selectors.stages(dispute)
    current = selectors.current_stage(dispute, stage_list)
    context = {
        "dispute": dispute, "stages": stage_list, "current": current,
        "claims": list(dispute.claims.all()), "basis": list(dispute.basis.all()),
        "documents": list(dispute.documents.select_related("stage")),
        "events": list(dispute.events.select_related("actor")),
        "limits": deadlines.limits(dispute, stage_list) if dispute.is_open else [],
        "can_handle": selectors.can_handle(request.user, dispute), "today": timezone.localdate(),
        "dates_form": DatesForm(initial={"dismissal_served_on": dispute.dismissal_served_on,
                                         "violation_known_on": dispute.violation_known_on,
                                         "no_commission": dispute.no_commission}, prefix="dates"),
        "claim_form": ClaimForm(prefix="claim"), "basis_form": BasisForm(prefix="basis"),
        "stage_form": StageForm(prefix="stage"), "skip_form": SkipForm(prefix="skip"),
        "decision_form": DecisionForm(prefix="decision"), "hearing_form": HearingForm(prefix="hearing"),
        "document_form": DocumentForm(prefix="document"),
    }
    context.update(forms)
    return context


@staff_required(cap=Cap.VIEW_APPEALS)
def detail(request, pk: int):
    dispute = selectors.staff_dispute(request.user, pk)
    selectors.audit_read(request.user, dispute, request=request)
    return render(request, "disputes/detail.html", _card_context(request, dispute))


def _stage_of(dispute, request) -> Stage:
    value = request.POST.get("stage", "")
    if not value.isdigit():
        raise Http404
    return get_object_or_404(Stage, pk=int(value), dispute=dispute)


def _do(request, dispute, action: str):
    """Run one action; return (form name, bound form) when it has errors, else None."""
    user = request.user
    forms = {"dates": DatesForm, "claim": ClaimForm, "basis": BasisForm, "stage": StageForm, "skip": SkipForm,
             "decide": DecisionForm, "hearing": HearingForm, "document": DocumentForm}
    if action == "close":
        services.close(user, dispute, request=request)
        return None
    if action not in forms:
        raise Http404
    prefix = "decision" if action == "decide" else action
    form = forms[action](request.POST, request.FILES, prefix=prefix)
    key = f"{prefix}_form"
    if not form.is_valid():
        return key, form
    data = form.cleaned_data
    try:
        if action == "dates":
            services.set_dates(user, dispute, **data)
        elif action == "claim":
            services.add_claim(user, dispute, **data)
        elif action == "basis":
            services.add_basis(user, dispute, **data)
        elif action == "stage":
            services.add_stage(user, dispute, **data)
        elif action == "skip":
            services.skip_stage(user, dispute, **data)
        elif action == "decide":
            services.decide_stage(user, _stage_of(dispute, request), **data)
        elif action == "hearing":
            services.add_hearing(user, _stage_of(dispute, request), **data)
        elif action == "document":
            stage = _stage_of(dispute, request) if request.POST.get("stage") else None
            services.add_documents(user, dispute, data["files"], kind=data["kind"], stage=stage,
                                   shared=data["shared"])
    except ValidationError as exc:
        add_service_errors(form, exc)
        return key, form
    return None


@require_POST
@staff_required(cap=Cap.HANDLE_APPEALS)
def action(request, pk: int, action: str):
    dispute = selectors.staff_dispute(request.user, pk)
    if not selectors.can_handle(request.user, dispute):
        raise Http404
    failed = _do(request, dispute, action)
    if failed is not None:
        dispute.refresh_from_db()
        return render(request, "disputes/detail.html", _card_context(request, dispute, **{failed[0]: failed[1]}),
                      status=400)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('disputes:detail', args=[dispute.pk])}#{action}")


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@staff_required(cap=Cap.VIEW_APPEALS)
def calendar(request):
    lawyer_id, region_id = _int(request.GET.get("lawyer")), _int(request.GET.get("region"))
    start = timezone.now() - dt.timedelta(days=1)
    hearings = selectors.hearings(request.user, lawyer_id=lawyer_id, region_id=region_id, start=start)[:200]
    token = ical.make_token(request.user, lawyer_id=lawyer_id, region_id=region_id)
    mine = ical.make_token(request.user, lawyer_id=request.user.pk)
    return render(request, "disputes/calendar.html", {
        "hearings": hearings, "regions": _regions(request.user), "region_id": region_id,
        "feed_url": request.build_absolute_uri(reverse("disputes:calendar_feed", args=[token])),
        "my_feed_url": request.build_absolute_uri(reverse("disputes:calendar_feed", args=[mine])),
    })


def calendar_feed(request, token: str):
    data = ical.read_token(token)
    user = User.objects.filter(pk=data["u"], is_active=True).first() if data else None
    if user is None:
        raise Http404
    start = timezone.now() - dt.timedelta(days=30)
    hearings = selectors.hearings(user, lawyer_id=_int(data.get("l")), region_id=_int(data.get("r")),
                                  start=start)[:1000]
    body = ical.feed(hearings, name=_("Hearings"), host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(cap=Cap.VIEW_APPEALS)
def report(request):
    form = ReportForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    by = data.get("by") or "region"
    rows = selectors.outcomes_summary(request.user, by=by, date_from=data.get("date_from"),
                                      date_to=data.get("date_to"))
    totals = {k: sum(r[k] for r in rows) for k in ("disputes", "won", "lost", "awarded", "recovered", "reinstated")}
    return render(request, "disputes/report.html", {"form": form, "rows": rows, "totals": totals, "by": by})
