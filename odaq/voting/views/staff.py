"""Staff pages: create and edit a vote before it opens, delegates, open, turnout, close, publish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.orgs.decorators import staff_required
from odaq.orgs.forms import add_service_errors
from odaq.orgs.scopes import Cap

from .. import selectors, services
from ..forms import DelegatesForm, ElectionForm, QuestionForm
from ..models import Status

ORGANISE = Cap.ORGANISE_VOTES


@staff_required(cap=ORGANISE)
def election_list(request):
    elections = selectors.elections_for_staff(request.user).order_by("-created_at")[:200]
    return render(request, "voting/staff/list.html", {"elections": elections,
                                                      "embedded_database": selectors.embedded_database()})


@staff_required(cap=ORGANISE)
def election_create(request):
    form = ElectionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            election = services.create_election(request.user, form.cleaned_data, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("organisation", str(exc))
        else:
            messages.success(request, _("The vote is created as a draft. Add its questions."))
            return redirect("voting:election_detail", election.pk)
    return render(request, "voting/staff/form.html", {"form": form}, status=400 if form.errors else 200)


@staff_required(cap=ORGANISE)
def election_edit(request, pk: int):
    election = selectors.election_for_staff(request.user, pk)
    if not election.editable:
        messages.error(request, _("The vote has opened: nothing about it can be changed any more."))
        return redirect("voting:election_detail", election.pk)
    form = ElectionForm(request.POST or None, instance=election, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_election(request.user, selectors.election_for_staff(request.user, pk),
                                     form.cleaned_data, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("organisation", str(exc))
        else:
            messages.success(request, _("The vote is saved."))
            return redirect("voting:election_detail", election.pk)
    return render(request, "voting/staff/form.html", {"form": form, "election": election},
                  status=400 if form.errors else 200)


def _detail(request, election, *, question_form=None, delegates_form=None, status=200):
    context = {
        "election": election,
        "questions": election.questions.prefetch_related("options"),
        "question_form": question_form or QuestionForm(),
        "delegates_form": delegates_form or DelegatesForm(),
        "delegate_count": election.delegates.count(),
        "problems": services.readiness_problems(election) if election.editable else [],
        "embedded_database": selectors.embedded_database(),
    }
    if election.status != Status.DRAFT and election.status != Status.SCHEDULED:
        context["turnout"] = selectors.turnout(election)
        context["by_org"] = selectors.turnout_by_organisation(election)
    if election.result is not None:
        context.update(selectors.result_view(election))
    return render(request, "voting/staff/detail.html", context, status=status)


@staff_required(cap=ORGANISE)
def election_detail(request, pk: int):
    return _detail(request, selectors.election_for_staff(request.user, pk))


@require_POST
@staff_required(cap=ORGANISE)
def question_add(request, pk: int):
    election = selectors.election_for_staff(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(request.user, election, form.cleaned_data, form.cleaned_data["options"],
                                  request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect("voting:election_detail", election.pk)
    return _detail(request, election, question_form=form, status=400)


@require_POST
@staff_required(cap=ORGANISE)
def question_delete(request, pk: int, qpk: int):
    election = selectors.election_for_staff(request.user, pk)
    question = get_object_or_404(election.questions, pk=qpk)
    try:
        services.delete_question(request.user, question, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question is deleted."))
    return redirect("voting:election_detail", election.pk)


@require_POST
@staff_required(cap=ORGANISE)
def import_delegates(request, pk: int):
    election = selectors.election_for_staff(request.user, pk)
    form = DelegatesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.import_delegates(request.user, election, form.cleaned_data["file"].read(),
                                              request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(n)s delegates are imported.") % {"n": count})
            return redirect("voting:election_detail", election.pk)
    return _detail(request, election, delegates_form=form, status=400)


def _transition(request, pk: int, action, done: str):
    election = selectors.election_for_staff(request.user, pk)
    try:
        action(election)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("voting:election_detail", election.pk)


@require_POST
@staff_required(cap=ORGANISE)
def election_schedule(request, pk: int):
    return _transition(request, pk, lambda e: services.schedule_election(request.user, e, request=request),
                       _("The vote is scheduled: it opens by itself at its opening time."))


@require_POST
@staff_required(cap=ORGANISE)
def election_open(request, pk: int):
    return _transition(request, pk, lambda e: services.open_election(e, user=request.user, request=request),
                       _("The vote is open."))


@require_POST
@staff_required(cap=ORGANISE)
def election_close(request, pk: int):
    return _transition(request, pk, lambda e: services.close_election(e, user=request.user, request=request),
                       _("The vote is closed and counted."))


@require_POST
@staff_required(cap=ORGANISE)
def election_publish(request, pk: int):
    return _transition(request, pk, lambda e: services.publish_election(request.user, e, request=request),
                       _("The result is published."))
