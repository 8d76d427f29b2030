"""Members' pages: the surveys addressed to me, and answering one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from odaq.orgs.selectors import my_person

from .. import selectors, services
from ..answers import from_post
from ..choices import SCALE_MAX, SCALE_MIN, TEXT_MAX, Kind
from ..services import AlreadyAnswered


@login_required
def my_surveys(request):
    person = my_person(request.user)
    return render(request, "surveys/my_surveys.html", {"surveys": selectors.open_surveys_for(person)})


@login_required
def answer(request, pk: int):
    person = my_person(request.user)
    survey = selectors.member_survey(person, pk)
    questions = list(survey.questions.all())
    answered = selectors.has_answered(survey, person)
    errors: dict = {}
    raw: dict = {}
    status = 200
    if request.method == "POST":
        raw = from_post(questions, request.POST)
        try:
            services.submit_response(person, survey, raw)
        except AlreadyAnswered as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("surveys:answer", pk=survey.pk)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            status = 400
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect("surveys:answer", pk=survey.pk)
    items = [_item(q, raw.get(str(q.pk)), errors.get(str(q.pk), [])) for q in questions]
    return render(request, "surveys/answer.html", {
        "survey": survey, "items": items, "answered": answered, "form_errors": errors.get("__all__", []) + errors.get(
            "answers", []), "has_errors": bool(errors), "text_max": TEXT_MAX,
    }, status=status)


SCALE = [str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)]


def _item(question, value, errors) -> dict:
    """What the page needs to draw one question, with the member's earlier input kept after an error."""
    item = {"question": question, "errors": errors, "name": f"q{question.pk}", "text": "", "scale": SCALE}
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        chosen = set(value if isinstance(value, list) else [value or ""])
        item["choices"] = [(str(i), label, str(i) in chosen) for i, label in enumerate(question.labels())]
    elif question.kind == Kind.SCALE:
        item["choices"] = [(n, n, n == value) for n in SCALE]
    elif question.kind == Kind.MATRIX:
        value = value if isinstance(value, dict) else {}
        item["rows"] = [(f"q{question.pk}_{i}", label, [(n, n == value.get(str(i))) for n in SCALE])
                        for i, label in enumerate(question.labels())]
    else:
        item["text"] = value if isinstance(value, str) else ""
    return item
