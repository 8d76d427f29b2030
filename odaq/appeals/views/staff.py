"""Union staff: the queue, export, bulk assignment, the appeal card and its actions, filing on a member's
behalf, and the lawyer on duty per region."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.core.models import User
from odaq.core.paging import CappedPaginator
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.decorators import staff_required
from odaq.orgs.models import Membership, Organisation, build_search_name
from odaq.orgs.scopes import Cap, has_cap, scope_q

from .. import selectors, services
from ..choices import ExportStatus
from ..exports import XLSX
from ..forms import AnswerForm, AppealForm, MemberSearchForm, ReasonForm, StaffMessageForm, queue_filter_form
from ..models import DutyLawyer
from .common import filing_from, show_errors

PAGE_SIZE = 50


class QueuePaginator(CappedPaginator):
    """Counts without the joins the page itself needs (select_related), which a count does not."""

    @cached_property
    def count(self) -> int:
        return self.object_list.select_related(None).order_by()[: self.cap + 1].count()


def _filter_form(request):
    return queue_filter_form(request.user, request.GET)


@staff_required(cap=Cap.VIEW_APPEALS)
def queue(request):
    form = _filter_form(request)
    qs = selectors.queue(request.user, **form.filters())
    page = QueuePaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "appeals/queue.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_handle": has_cap(request.user, Cap.HANDLE_APPEALS),
        "can_file": has_cap(request.user, Cap.FILE_APPEALS),
        "handlers": selectors.handlers_for(request.user) if has_cap(request.user, Cap.HANDLE_APPEALS) else [],
    })


@staff_required(cap=Cap.VIEW_APPEALS)
def export(request):
    """GET: the exports I asked for. POST (from the queue): queue a new one and follow its progress."""
    if request.method == "POST":
        try:
            job = services.request_export(request.user, request.POST.get("query", ""),
                                          request.POST.get("format", ""), request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("appeals:queue")
        return redirect("appeals:export_job", job.pk)
    return render(request, "appeals/exports.html", {"exports": selectors.my_exports(request.user)[:20]})


@staff_required(cap=Cap.VIEW_APPEALS)
def export_job(request, pk: int):
    return render(request, "appeals/export_job.html", {"job": selectors.my_export(request.user, pk)})


@staff_required(cap=Cap.VIEW_APPEALS)
def export_download(request, pk: int):
    job = selectors.my_export(request.user, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    services.record_export_download(request.user, job, request=request)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename,
                            content_type=XLSX if job.kind == "xlsx" else "text/csv; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_required(cap=Cap.HANDLE_APPEALS)
def bulk_assign(request):
    ids = [int(v) for v in request.POST.getlist("appeal") if v.isdigit()][:PAGE_SIZE]
    assignee = User.objects.filter(pk=request.POST.get("assignee") or 0).first()
    appeals = list(selectors.staff_appeals(request.user).filter(pk__in=ids).select_related("organisation"))
    if len(appeals) != len(set(ids)):
        raise Http404  # an appeal outside the caller's scope
    if not ids or assignee is None:
        messages.error(request, _("Choose appeals and a person to assign them to."))
        return redirect("appeals:queue")
    try:
        done = services.bulk_assign(request.user, appeals, assignee, request=request)
    except PermissionDenied:
        messages.error(request, _("You cannot assign some of these appeals."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(count)s appeals assigned.") % {"count": done})
    return redirect(request.POST.get("next") if str(request.POST.get("next", "")).startswith("/appeals/")
                    else "appeals:queue")


def _card(request, appeal, status=200, **forms):
    handle = selectors.can_handle(request.user, appeal)
    return render(request, "appeals/staff_detail.html", {
        "appeal": appeal,
        "events": selectors.timeline(appeal, for_member=False),
        "can_handle": handle,
        "message_form": forms.get("message_form") or StaffMessageForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"result": appeal.result,
                                                                       "legal_basis": appeal.legal_basis}),
        "extend_form": forms.get("extend_form") or ReasonForm(prefix="extend"),
        "escalate_form": forms.get("escalate_form") or ReasonForm(prefix="escalate"),
        "handlers": selectors.handlers_for(request.user, appeal) if handle else [],
    }, status=status)


@staff_required(cap=Cap.VIEW_APPEALS)
def staff_detail(request, pk: int):
    appeal = selectors.staff_appeal(request.user, pk)
    selectors.audit_read(request.user, appeal, request=request)
    return _card(request, appeal)


ACTIONS = {"take", "message", "answer", "close", "extend", "escalate", "assign"}


@require_POST
@staff_required(cap=Cap.HANDLE_APPEALS)
def staff_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    appeal = selectors.staff_appeal(request.user, pk)
    if not selectors.can_handle(request.user, appeal):
        raise PermissionDenied
    user, forms = request.user, {}
    try:
        if action == "take":
            services.take(user, appeal)
        elif action == "close":
            services.close(user, appeal)
        elif action == "assign":
            assignee = get_object_or_404(selectors.handlers_for(user, appeal), pk=request.POST.get("assignee") or 0)
            services.assign(user, appeal, assignee, request=request)
        elif action == "message":
            form = forms["message_form"] = StaffMessageForm(request.POST, request.FILES)
            if not form.is_valid():
                return _card(request, appeal, status=400, **forms)
            if form.cleaned_data["internal"]:
                services.comment(user, appeal, form.cleaned_data["text"])
            else:
                services.ask(user, appeal, form.cleaned_data["text"], files=form.cleaned_data["files"])
        elif action == "answer":
            form = forms["answer_form"] = AnswerForm(request.POST, request.FILES)
            if not form.is_valid():
                return _card(request, appeal, status=400, **forms)
            data = form.cleaned_data
            services.answer(user, appeal, text=data["text"], result=data["result"], legal_basis=data["legal_basis"],
                            economic_effect=data["economic_effect"], files=data["files"])
        else:  # extend, escalate
            form = forms[f"{action}_form"] = ReasonForm(request.POST, prefix=action)
            if not form.is_valid():
                return _card(request, appeal, status=400, **forms)
            service = services.extend if action == "extend" else services.escalate
            service(user, appeal, form.cleaned_data["reason"])
    except ValidationError as exc:
        form = next(iter(forms.values()), None)
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect("appeals:staff_detail", pk=appeal.pk)
        show_errors(form, exc)
        return _card(request, selectors.staff_appeal(request.user, pk), status=400, **forms)
    messages.success(request, _("Done."))
    return redirect("appeals:staff_detail", pk=appeal.pk)


def _member_matches(user, q: str):
    qs = Membership.objects.filter(scope_q(user, Cap.FILE_APPEALS, "organisation__path"),
                                   status=MembershipStatus.ACTIVE).select_related("person", "organisation")
    digits = q.replace(" ", "")
    if digits.isdigit():
        return qs.filter(person__iin__startswith=digits)[:20]
    name = build_search_name(q)
    cond = Q()
    for token in name.split()[:3]:
        cond &= Q(person__search_name__contains=token)
    return qs.filter(cond).order_by("person__search_name", "pk")[:20]


@staff_required(cap=Cap.FILE_APPEALS)
def file_for(request):
    """A chair (or regional staff) files an appeal on behalf of a member of her organisation."""
    chosen = request.GET.get("membership") or request.POST.get("membership")
    if not chosen:
        search = MemberSearchForm(request.GET or None)
        found = _member_matches(request.user, search.cleaned_data["q"]) if search.is_valid() else []
        return render(request, "appeals/file_for_search.html", {"search": search, "found": found})
    membership = get_object_or_404(
        Membership.objects.filter(scope_q(request.user, Cap.FILE_APPEALS, "organisation__path"),
                                  status=MembershipStatus.ACTIVE).select_related("person", "organisation"),
        pk=int(chosen) if str(chosen).isdigit() else 0)
    form = AppealForm(request.POST or None, request.FILES or None, on_behalf=True,
                      initial={"answer_language": membership.person.language})
    if request.method == "POST" and form.is_valid():
        try:
            appeal, created = services.file_appeal(
                request.user, membership.person, filing_from(form), files=form.cleaned_data["files"],
                idempotency_key=form.cleaned_data["idempotency_key"], request=request)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The appeal is registered under number %(number)s.")
                                 % {"number": appeal.number})
            return redirect("appeals:staff_detail", pk=appeal.pk)
    return render(request, "appeals/file_for.html", {"form": form, "membership": membership})


@staff_required(cap=Cap.MANAGE_ROLES)
def duty(request):
    """Regional and central administrators choose the lawyer on duty of each region they manage."""
    regions = list(Organisation.objects.filter(scope_q(request.user, Cap.MANAGE_ROLES, "path"), depth=2)
                   .order_by("code", "path"))
    if request.method == "POST":
        region = next((r for r in regions if str(r.pk) == request.POST.get("region")), None)
        if region is None:
            raise Http404
        user_id = request.POST.get("user") or ""
        try:
            services.set_duty_lawyer(request.user, region, int(user_id) if user_id.isdigit() else None,
                                     request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The lawyer on duty is saved."))
        return redirect("appeals:duty")
    duties = {d.region_id: d.user for d in DutyLawyer.objects.filter(region__in=regions).select_related("user")}
    rows = [(r, duties.get(r.pk), selectors.handlers_for(request.user).filter(
        roles__organisation__path__startswith=r.path, roles__revoked_at__isnull=True).distinct()) for r in regions]
    return render(request, "appeals/duty.html", {"rows": rows})
