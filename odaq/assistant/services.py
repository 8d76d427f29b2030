"""Asking the assistant: validate, run the pipeline, store the AI record (and the member's conversation)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.aigov import services as ai_services
from odaq.aigov.models import AIRecord
from odaq.orgs.selectors import current_membership

from . import pipeline
from .models import Conversation

QUESTION_MIN, QUESTION_MAX = 3, 1000


def clean_question(text) -> str:
    if not isinstance(text, str):
        raise ValidationError({"question": _("Write your question as text.")})
    text = " ".join(text.replace("\x00", "").split())
    if len(text) < QUESTION_MIN:
        raise ValidationError({"question": _("Write your question (at least a few words).")})
    if len(text) > QUESTION_MAX:
        raise ValidationError({"question": _("The question is too long: at most 1000 characters.")})
    return text


def member_organisation(user):
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return None
    membership = current_membership(person)
    return membership.organisation if membership else None


def current_conversation(user, *, new: bool = False) -> Conversation:
    if not new:
        found = Conversation.objects.filter(user=user).order_by("-updated_at", "-pk").first()
        if found is not None:
            return found
    return Conversation.objects.create(user=user)


def ask(question, *, channel: str, user=None, ui_language: str | None = None, conversation=None,
        request=None, composer: str | None = None) -> AIRecord:
    """Answer one question; the record is stored with the masked question only."""
    text = clean_question(question)
    result = pipeline.run(text, ui_language=ui_language, composer=composer)
    with transaction.atomic():
        record = ai_services.create_record(result, channel=channel, user=user,
                                           organisation=member_organisation(user), conversation=conversation,
                                           request=request)
        if conversation is not None:
            Conversation.objects.filter(pk=conversation.pk).update(updated_at=timezone.now())
    return record
