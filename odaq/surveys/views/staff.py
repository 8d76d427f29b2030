"""Organisers' pages: list, builder (survey settings and questions), open, close, results, export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.orgs.decorators import staff_required
from odaq.orgs.scopes import Cap

from .. import exports, results, selectors, services
from ..forms import QuestionForm, SurveyForm, add_service_errors

run_surveys = staff_required(cap=Cap.RUN_SURVEYS)


@run_surveys
def survey_list(request):
    qs = selectors.surveys_for(request.user).order_by("-created_at", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "surveys/manage_list.html", {"page": page})


@run_surveys
def survey_create(request):
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(request.user, form.cleaned_data, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey is created as a draft. Now add its questions."))
            return redirect("surveys:edit", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@run_surveys
def survey_edit(request, pk: int):
    """The builder: the survey's settings and its questions; read-only once the survey is open."""
    survey = selectors.survey_for(request.user, pk)
    form = SurveyForm(request.POST or None, instance=survey, user=request.user) if survey.editable else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This survey is already open: its questions and settings can no longer "
                                      "change."))
            return redirect("surveys:edit", pk=survey.pk)
        if form.is_valid():
            try:
                services.update_survey(request.user, survey, form.cleaned_data, request=request)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect("surveys:edit", pk=survey.pk)
    return _builder(request, survey, form=form)


def _builder(request, survey, *, form=None, question_form=None, status=200):
    survey.refresh_from_db()
    if form is None and survey.editable:
        form = SurveyForm(instance=survey, user=request.user)
    return render(request, "surveys/builder.html", {
        "survey": survey, "form": form, "questions": list(survey.questions.all()),
        "question_form": question_form or (QuestionForm(initial={"required": True}) if survey.editable else None),
    }, status=status)


@require_POST
@run_surveys
def survey_question_add(request, pk: int):
    survey = selectors.survey_for(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(request.user, survey, form.service_data(), request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect("surveys:edit", pk=survey.pk)
    return _builder(request, survey, question_form=form, status=400)


def _question(request, pk: int, qid: int):
    survey = selectors.survey_for(request.user, pk)
    return get_object_or_404(survey.questions.select_related("survey__organisation"), pk=qid)


@run_surveys
def survey_question_edit(request, pk: int, qid: int):
    question = _question(request, pk, qid)
    form = QuestionForm(request.POST) if request.method == "POST" else QuestionForm.for_question(question)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(request.user, question, form.service_data(), request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("surveys:edit", pk=pk)
    return render(request, "surveys/question_form.html", {"form": form, "question": question,
                                                           "survey": question.survey})


@require_POST
@run_surveys
def survey_question_delete(request, pk: int, qid: int):
    question = _question(request, pk, qid)
    try:
        services.delete_question(request.user, question, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question is deleted."))
    return redirect("surveys:edit", pk=pk)


@require_POST
@run_surveys
def survey_question_move(request, pk: int, qid: int):
    question = _question(request, pk, qid)
    try:
        services.move_question(request.user, question, request.POST.get("direction", ""), request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("surveys:edit", args=[pk]) + f"#q{question.pk}")


@require_POST
@run_surveys
def survey_open(request, pk: int):
    survey = selectors.survey_for(request.user, pk)
    try:
        services.open_survey(request.user, survey, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey is open. Members it is addressed to will find it in their cabinet."))
    return redirect("surveys:edit", pk=pk)


@require_POST
@run_surveys
def survey_close(request, pk: int):
    survey = selectors.survey_for(request.user, pk)
    try:
        services.close_survey(request.user, survey, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey is closed."))
    return redirect("surveys:results", pk=pk)


@run_surveys
def survey_results(request, pk: int):
    survey = selectors.survey_for(request.user, pk)
    return render(request, "surveys/results.html", {"survey": survey, "results": results.survey_results(survey)})


@run_surveys
def survey_export(request, pk: int, fmt: str):
    if fmt not in ("csv", "xlsx", "rates.csv"):
        raise Http404
    survey = selectors.survey_for(request.user, pk)
    services.record_export(request.user, survey, fmt, request=request)
    name = f"survey-{survey.pk}-{slugify(survey.title_ru, allow_unicode=False) or 'responses'}"[:60]
    if fmt == "rates.csv":
        response = HttpResponse(exports.rates_csv(survey), content_type="text/csv; charset=utf-8")
        name += "-rates"
        fmt = "csv"
    elif fmt == "xlsx":
        response = HttpResponse(exports.as_xlsx(survey), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        response = StreamingHttpResponse(exports.csv_lines(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
