"""The member's side: her appeals, a new appeal, the timeline, replies, reopening and rating."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.orgs.selectors import current_membership, my_person

from .. import selectors, services, workflow
from ..choices import Status
from ..forms import AppealForm, MessageForm, RateForm
from ..models import Topic
from .common import filing_from, show_errors


@login_required
def my_list(request):
    appeals = selectors.my_appeals(request.user).select_related("topic").order_by("-created_at", "-pk")[:200]
    return render(request, "appeals/my_list.html", {"appeals": appeals})


def _initial(request) -> dict:
    params = request.GET
    initial = {k: params.get(k, "")[:limit] for k, limit in (("subject", 200), ("description", 10000))}
    code = params.get("topic", "")
    if Topic.objects.filter(code=code, active=True).exists():
        initial["topic"] = code
    if params.get("ai_record", "").isdigit():
        initial["ai_record"] = int(params["ai_record"])
    person = my_person(request.user)
    initial["answer_language"] = person.language if person and person.language in ("kk", "ru") else "kk"
    return initial


@login_required
def new(request):
    person = my_person(request.user)
    membership = current_membership(person, active=True)
    if membership is None:
        return render(request, "appeals/not_member.html", status=403)
    form = AppealForm(request.POST or None, request.FILES or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            appeal, created = services.file_appeal(
                request.user, person, filing_from(form), files=form.cleaned_data["files"],
                idempotency_key=form.cleaned_data["idempotency_key"], request=request)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Your appeal is registered under number %(number)s.")
                                 % {"number": appeal.number})
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"form": form, "membership": membership})


def _can_reopen(appeal) -> bool:
    answered = appeal.answered_at or appeal.closed_at
    return (appeal.status in (Status.ANSWERED, Status.CLOSED) and answered is not None
            and (timezone.now() - answered).days < workflow.REOPEN_DAYS)


def _detail(request, appeal, **forms):
    can_rate = appeal.status in (Status.ANSWERED, Status.CLOSED) and appeal.rating is None
    return render(request, "appeals/detail.html", {
        "appeal": appeal,
        "events": selectors.timeline(appeal, for_member=True),
        "reply_form": forms.get("reply_form") or (MessageForm() if appeal.is_open else None),
        "reopen_form": forms.get("reopen_form") or (MessageForm(prefix="reopen") if _can_reopen(appeal) else None),
        "rate_form": forms.get("rate_form") or (RateForm() if can_rate else None),
    })


@login_required
def detail(request, pk: int):
    return _detail(request, selectors.my_appeal(request.user, pk))


@require_POST
@login_required
def reply(request, pk: int):
    appeal = selectors.my_appeal(request.user, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.reply(request.user, appeal, form.cleaned_data["text"], files=form.cleaned_data["files"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("appeals:detail", pk=appeal.pk)
    return _detail(request, appeal, reply_form=form)


@require_POST
@login_required
def reopen(request, pk: int):
    appeal = selectors.my_appeal(request.user, pk)
    form = MessageForm(request.POST, prefix="reopen")
    if form.is_valid():
        try:
            services.reopen(request.user, appeal, form.cleaned_data["text"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The appeal is reopened."))
            return redirect("appeals:detail", pk=appeal.pk)
    return _detail(request, appeal, reopen_form=form)


@require_POST
@login_required
def rate(request, pk: int):
    appeal = selectors.my_appeal(request.user, pk)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.rate(request.user, appeal, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("appeals:detail", pk=appeal.pk)
    return _detail(request, appeal, rate_form=form)
