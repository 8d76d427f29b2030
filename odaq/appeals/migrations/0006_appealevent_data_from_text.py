"""Codes that events used to carry in their text move into ``data``: "on_behalf" (submitted), a rating (rated),
a due date (reminder, overdue), an assignee's name (assigned) and "overdue" (escalated by the platform)."""

import datetime as dt

from django.db import migrations

BATCH = 2000


def _date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def _move(text: str, kind: str, actor_id) -> dict | None:
    """The data that ``text`` encoded for an event of ``kind``, or None when it is a person's own words."""
    text = text or ""
    if kind == "submitted" and text == "on_behalf":
        return {"on_behalf": True}
    if kind == "rated" and text.strip().isdigit() and 1 <= int(text) <= 5:
        return {"rating": int(text)}
    if kind in ("reminder", "overdue") and _date(text):
        return {"due_date": _date(text)}
    if kind == "assigned" and text.strip():
        return {"assignee_name": text.strip()}
    if kind == "escalated" and text == "overdue" and actor_id is None:
        return {"cause": "overdue"}
    return None


def forwards(apps, schema_editor):
    AppealEvent = apps.get_model("appeals", "AppealEvent")
    events = AppealEvent.objects.filter(kind__in=["submitted", "rated", "reminder", "overdue", "assigned",
                                                  "escalated"], data__isnull=True).exclude(text="")
    changed = []
    for event in events.only("pk", "kind", "text", "actor_id").iterator(chunk_size=BATCH):
        data = _move(event.text, event.kind, event.actor_id)
        if data is not None:
            event.data, event.text = data, ""
            changed.append(event)
        if len(changed) >= BATCH:
            AppealEvent.objects.bulk_update(changed, ["data", "text"])
            changed = []
    AppealEvent.objects.bulk_update(changed, ["data", "text"])


def backwards(apps, schema_editor):
    AppealEvent = apps.get_model("appeals", "AppealEvent")
    changed = []
    for event in AppealEvent.objects.filter(data__isnull=False, text="").iterator(chunk_size=BATCH):
        data = event.data or {}
        text = ("on_behalf" if data.get("on_behalf") else str(data.get("rating") or data.get("due_date")
                or data.get("assignee_name") or data.get("cause") or ""))
        if text:
            event.text = text
            changed.append(event)
    AppealEvent.objects.bulk_update(changed, ["text"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("appeals", "0005_appealevent_data")]

    operations = [migrations.RunPython(forwards, backwards)]
