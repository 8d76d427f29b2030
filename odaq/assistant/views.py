"""The assistant's pages: the member's chat (htmx, works without JS), the public page, handover buttons."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from odaq.aigov import services as ai_services
from odaq.aigov.choices import Channel

from . import pipeline, selectors, services
from .forms import AskForm, FeedbackForm


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@sensitive_post_parameters("question")  # error reports never carry the question
@login_required
def chat(request):
    conversation = selectors.latest_conversation(request.user)
    form = AskForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            conversation = conversation or services.current_conversation(request.user)
            try:
                record = services.ask(form.cleaned_data["question"], channel=Channel.CABINET, user=request.user,
                                      ui_language=get_language(), conversation=conversation, request=request)
            except ValidationError as exc:
                form.add_error("question", _error_text(exc))
            else:
                if _htmx(request):
                    return render(request, "assistant/_turn.html", {"record": record, "fresh": True})
                return redirect(reverse("assistant:chat") + f"#turn-{record.pk}")
        if _htmx(request):  # errors go into the form's error box, the conversation stays as it is
            response = render(request, "assistant/_ask_errors.html", {"form": form})
            response["HX-Retarget"], response["HX-Reswap"] = "#ask-errors-box", "innerHTML"
            return response
    return render(request, "assistant/chat.html", {
        "form": form, "records": selectors.conversation_records(conversation), "conversation": conversation})


@login_required
@require_POST
def chat_new(request):
    services.current_conversation(request.user, new=True)
    return redirect("assistant:chat")


def _client_key(request) -> str:
    return "assistant:rate:" + (request.META.get("REMOTE_ADDR") or "unknown")


def _rate_limited(request) -> bool:
    key = _client_key(request)
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60)
        count = 1
    return count > settings.ODAQ_ASSISTANT_PUBLIC_PER_MINUTE


@sensitive_post_parameters("question")
def public(request):
    """For visitors: one question, one answer, nothing kept but the AI record."""
    form = AskForm(request.POST or None)
    record = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request):
            form.add_error(None, _("Too many questions from this address: please wait a minute and try again."))
            status = 429
        else:
            try:
                record = services.ask(form.cleaned_data["question"], channel=Channel.PUBLIC, user=request.user,
                                      ui_language=get_language(), request=request)
            except ValidationError as exc:
                form.add_error("question", _error_text(exc))
            else:
                selectors.remember(request, record)
                form = AskForm()
    elif request.method == "POST":
        status = 400
    return render(request, "assistant/public.html", {"form": form, "record": record}, status=status)


def record(request, pk: int):
    return render(request, "assistant/record.html", {"record": selectors.own_record(request, pk)})


def _back(request, record):
    if record.conversation_id and request.user.is_authenticated:
        return redirect(reverse("assistant:chat") + f"#turn-{record.pk}")
    return redirect("assistant:record", pk=record.pk)


@require_POST
def ask_lawyer(request, pk: int):
    record = ai_services.request_review(selectors.own_record(request, pk), request=request)
    if _htmx(request):
        return render(request, "assistant/_answer.html", {"record": record})
    if record.user_id:
        messages.success(request, _("A union lawyer will check this answer. You will get a notification."))
    else:  # no account, no one to notify: say where the checked answer will be
        messages.success(request, format_html(
            "{} <a href=\"{}\" id=\"private-answer-link\">{}</a>",
            _("A union lawyer will check this answer. Without an account we cannot notify you: the checked answer "
              "will appear on this answer's page. Keep its private address (bookmark or copy it):"),
            selectors.private_url(record), request.build_absolute_uri(selectors.private_url(record))))
    return _back(request, record)


@sensitive_post_parameters("comment")
@require_POST
def feedback(request, pk: int):
    record = selectors.own_record(request, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            comment = pipeline.mask(form.cleaned_data["comment"])[0]  # personal numbers out, as in questions
            record = ai_services.give_feedback(record, form.cleaned_data["feedback"], comment, request=request)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Choose helpful or not helpful."))
    if _htmx(request):
        return render(request, "assistant/_answer.html", {"record": record})
    return _back(request, record)
