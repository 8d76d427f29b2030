"""Reads for the assistant's pages: a member's own conversation and records."""

from django.http import Http404

from odaq.aigov.models import AIRecord

from .models import Conversation

SESSION_KEY = "assistant_records"


def conversation_records(conversation: Conversation | None) -> list[AIRecord]:
    if conversation is None:
        return []
    return list(conversation.records.select_related("reviewer", "card").order_by("created_at", "pk"))


def latest_conversation(user) -> Conversation | None:
    return Conversation.objects.filter(user=user).order_by("-updated_at", "-pk").first()


def own_record(request, pk: int) -> AIRecord:
    """A record the asker may act on: her own (logged in) or one asked in this browser session."""
    record = AIRecord.objects.filter(pk=pk).select_related("reviewer", "card").first()
    if record is None:
        raise Http404
    user = request.user
    if record.user_id is not None:
        if not user.is_authenticated or record.user_id != user.pk:
            raise Http404
    elif pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    return record


def remember(request, record: AIRecord) -> None:
    ids = [*request.session.get(SESSION_KEY, []), record.pk][-50:]
    request.session[SESSION_KEY] = ids
