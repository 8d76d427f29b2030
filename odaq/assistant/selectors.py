"""Reads for the assistant's pages: a member's own conversation and records."""

from django.core import signing
from django.http import Http404
from django.urls import reverse

from odaq.aigov.models import AIRecord

from .models import Conversation

SESSION_KEY = "assistant_records"
KEY_SALT = "odaq.assistant.record"


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
        if not _key_opens(request.GET.get("key", ""), pk):
            raise Http404
        remember(request, record)  # the private address opens it in this browser from now on
    return record


def _key_opens(key: str, pk: int) -> bool:
    try:
        return bool(key) and signing.loads(key, salt=KEY_SALT) == pk
    except signing.BadSignature:
        return False


def private_url(record: AIRecord) -> str:
    """The address of an answer asked without an account: whoever holds it reads the answer and its review.
    It is the only way back to the answer from another browser (no one can be notified)."""
    return reverse("assistant:record", args=[record.pk]) + "?key=" + signing.dumps(record.pk, salt=KEY_SALT)


def remember(request, record: AIRecord) -> None:
    ids = [*request.session.get(SESSION_KEY, []), record.pk][-50:]
    request.session[SESSION_KEY] = ids
