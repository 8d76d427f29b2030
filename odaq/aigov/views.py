"""Staff pages: the expert review queue, AI records (scoped; auditors read all of their subtree), approved answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.orgs.decorators import staff_required
from odaq.orgs.scopes import Cap, has_cap

from . import selectors, services
from .forms import CardForm, DecisionForm, RecordFilterForm
from .models import AnswerCard

PAGE_SIZE = 50


def _add_errors(form, exc: ValidationError) -> None:
    for field, errs in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
        for err in errs:
            form.add_error(field if field in form.fields else None, err)


@staff_required(cap=Cap.REVIEW_AI)
def queue(request):
    page = Paginator(selectors.review_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    # Approved answers serve every member: the cards waiting for a lawyer are for central-level reviewers.
    cards = selectors.cards_for_review() if selectors.is_central(request.user, Cap.REVIEW_AI) else None
    return render(request, "aigov/queue.html", {"page": page, "waiting_cards": cards})


@staff_required(cap=Cap.VIEW_AI_RECORDS)
def records(request):
    form = RecordFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = Paginator(selectors.records_for(request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "aigov/records.html", {"form": form, "page": page})


@staff_required
def record(request, pk: int):
    user = request.user
    if not (has_cap(user, Cap.REVIEW_AI) or has_cap(user, Cap.VIEW_AI_RECORDS)):
        raise PermissionDenied
    rec = selectors.record_for(user, pk, Cap.REVIEW_AI, Cap.VIEW_AI_RECORDS)
    can_review = rec.review_status == "pending" and selectors.may(user, Cap.REVIEW_AI, rec)
    form = DecisionForm(request.POST or None, initial={"corrected_answer": rec.answer})
    if request.method == "POST":
        if not can_review:
            return render(request, "aigov/record.html", {"record": rec, "form": None}, status=403)
        if form.is_valid():
            try:
                services.decide(rec, user, form.cleaned_data["decision"], note=form.cleaned_data["note"],
                                corrected_answer=form.cleaned_data["corrected_answer"],
                                articles=form.cleaned_data["articles"], request=request)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Decision saved."))
                return redirect("aigov:queue")
    return render(request, "aigov/record.html", {
        "record": rec, "form": form if can_review else None,
        "can_make_card": selectors.may(user, Cap.REVIEW_AI, rec) and rec.reviewed}, status=400 if form.errors else 200)


@staff_required(cap=Cap.REVIEW_AI)
def card_new(request, pk: int):
    rec = selectors.record_for(request.user, pk, Cap.REVIEW_AI)
    other = "ru" if rec.language == "kk" else "kk"
    initial = {f"questions_{rec.language}": rec.question, f"answer_{rec.language}": rec.shown_answer,
               f"questions_{other}": "", "articles": "\n".join(f"{c['act']} {c['number']}"
                                                               for c in rec.shown_citations)}
    form = CardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_card(request.user, topic=rec.topic, source_record=rec, request=request,
                               **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The approved answer is in use."))
            return redirect("aigov:cards")
    return render(request, "aigov/card_form.html", {"form": form, "record": rec},
                  status=400 if form.errors else 200)


@staff_required(cap=Cap.REVIEW_AI)
def cards(request):
    central = selectors.is_central(request.user, Cap.REVIEW_AI)
    page = Paginator(selectors.cards_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "aigov/cards.html", {"page": page, "central": central})


def _central_card(request, pk: int) -> AnswerCard:
    """Approved answers serve every member: only central-level reviewers change them."""
    if not selectors.is_central(request.user, Cap.REVIEW_AI):
        raise PermissionDenied
    return get_object_or_404(AnswerCard, pk=pk)


@staff_required(cap=Cap.REVIEW_AI)
def card_edit(request, pk: int):
    card = _central_card(request, pk)
    cited = sorted({f"{c.act.adilet_id} {c.number}" for c in card.cited.select_related("act")})
    initial = {"questions_kk": card.questions_kk, "questions_ru": card.questions_ru, "answer_kk": card.answer_kk,
               "answer_ru": card.answer_ru, "articles": "\n".join(cited)}
    form = CardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_card(request.user, card=card, topic=card.topic, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The approved answer is in use."))
            return redirect("aigov:cards")
    return render(request, "aigov/card_form.html", {"form": form, "card": card}, status=400 if form.errors else 200)


@staff_required(cap=Cap.REVIEW_AI)
@require_POST
def card_retire(request, pk: int):
    card = _central_card(request, pk)
    services.retire_card(card, request.user, request=request)
    messages.success(request, _("The approved answer is no longer used."))
    return redirect("aigov:cards")
