"""What the audit log page shows instead of raw codes and JSON: translated action names and readable details.

Codes stay in the records (and in the "action starts with" filter); these labels are only for reading. An
action or key without a label is shown as it is, so a new action is never hidden."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTION_LABELS = {
    "ai.answered": gettext_lazy("Assistant answered a question"),
    "ai.card_approved": gettext_lazy("Answer card approved"),
    "ai.card_drafted": gettext_lazy("Starter answer card loaded as a draft"),
    "ai.card_retired": gettext_lazy("Answer card retired"),
    "ai.card_stale": gettext_lazy("Answer card marked out of date"),
    "ai.review_requested": gettext_lazy("Lawyer's check of an answer requested"),
    "ai.reviewed": gettext_lazy("Assistant answer reviewed by a lawyer"),
    "api_token.issued": gettext_lazy("API token issued"),
    "api_token.revoked": gettext_lazy("API token revoked"),
    "appeal.assigned": gettext_lazy("Appeal assigned"),
    "appeal.escalated": gettext_lazy("Appeal escalated"),
    "appeal.file_downloaded": gettext_lazy("Appeal attachment downloaded"),
    "appeal.filed": gettext_lazy("Appeal filed"),
    "appeal.viewed": gettext_lazy("Appeal viewed"),
    "appeals.duty_set": gettext_lazy("Duty lawyer set"),
    "appeals.export_downloaded": gettext_lazy("Appeal export downloaded"),
    "appeals.export_requested": gettext_lazy("Appeal export requested"),
    "appeals.exported": gettext_lazy("Appeals exported"),
    "audit.viewed": gettext_lazy("Audit log viewed"),
    "consent.given": gettext_lazy("Consent given"),
    "consent.withdrawn": gettext_lazy("Consent withdrawn"),
    "demo.built": gettext_lazy("Demo data created"),
    "dispute.closed": gettext_lazy("Labour dispute closed"),
    "dispute.decided": gettext_lazy("Labour dispute stage decided"),
    "dispute.file_downloaded": gettext_lazy("Labour dispute document downloaded"),
    "dispute.opened": gettext_lazy("Labour dispute opened"),
    "dispute.viewed": gettext_lazy("Labour dispute viewed"),
    "law.imported": gettext_lazy("Law text imported"),
    "member.registered": gettext_lazy("Member registered"),
    "member.registration_refused": gettext_lazy("Registration refused (details already on the register)"),
    "member.self_registered": gettext_lazy("Member registered herself"),
    "members.imported": gettext_lazy("Members imported"),
    "membership.approved": gettext_lazy("Membership approved"),
    "membership.rejected": gettext_lazy("Membership rejected"),
    "membership.status_changed": gettext_lazy("Membership status changed"),
    "news.changed": gettext_lazy("News changed"),
    "news.created": gettext_lazy("News created"),
    "person.changed": gettext_lazy("Member's data changed"),
    "person.contacts_changed": gettext_lazy("Member changed her contacts"),
    "person.viewed": gettext_lazy("Member's card viewed"),
    "role.granted": gettext_lazy("Role granted"),
    "role.revoked": gettext_lazy("Role revoked"),
    "staff.login": gettext_lazy("Staff login"),
    "survey.changed": gettext_lazy("Survey changed"),
    "survey.closed": gettext_lazy("Survey closed"),
    "survey.created": gettext_lazy("Survey created"),
    "survey.exported": gettext_lazy("Survey results exported"),
    "survey.opened": gettext_lazy("Survey opened"),
    "survey.question_added": gettext_lazy("Survey question added"),
    "survey.question_changed": gettext_lazy("Survey question changed"),
    "survey.question_deleted": gettext_lazy("Survey question deleted"),
    "voting.ballot_list_written": gettext_lazy("Ballot list written"),
    "voting.changed": gettext_lazy("Vote changed"),
    "voting.closed": gettext_lazy("Vote closed"),
    "voting.counted": gettext_lazy("Vote counted"),
    "voting.created": gettext_lazy("Vote created"),
    "voting.delegates_imported": gettext_lazy("Delegates imported"),
    "voting.integrity_failed": gettext_lazy("Vote integrity check failed"),
    "voting.opened": gettext_lazy("Vote opened"),
    "voting.published": gettext_lazy("Vote result published"),
    "voting.scheduled": gettext_lazy("Vote scheduled"),
}

KEY_LABELS = {
    "act": gettext_lazy("Act"),
    "action": gettext_lazy("Action"),
    "after": gettext_lazy("After"),
    "anonymous": gettext_lazy("Anonymous"),
    "articles": gettext_lazy("Articles"),
    "assignee": gettext_lazy("Assignee"),
    "attachment": gettext_lazy("Attachment"),
    "before": gettext_lazy("Before"),
    "card": gettext_lazy("Answer card"),
    "changes": gettext_lazy("Changes"),
    "channel": gettext_lazy("Channel"),
    "closes_at": gettext_lazy("Closes"),
    "decision": gettext_lazy("Decision"),
    "fields": gettext_lazy("Fields"),
    "files": gettext_lazy("Files"),
    "filters": gettext_lazy("Filters"),
    "format": gettext_lazy("Format"),
    "imported": gettext_lazy("Imported"),
    "kind": gettext_lazy("Kind"),
    "lang": gettext_lazy("Language"),
    "language": gettext_lazy("Language"),
    "membership": gettext_lazy("Membership"),
    "name": gettext_lazy("File name"),
    "number": gettext_lazy("Number"),
    "on_behalf": gettext_lazy("On behalf of a member"),
    "opens_at": gettext_lazy("Opens"),
    "organisation": gettext_lazy("Organisation"),
    "page": gettext_lazy("Page"),
    "person": gettext_lazy("Person"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "published": gettext_lazy("Published"),
    "purpose": gettext_lazy("Purpose"),
    "question": gettext_lazy("Question"),
    "record": gettext_lazy("AI record"),
    "responses": gettext_lazy("Responses"),
    "role": gettext_lazy("Role"),
    "rows": gettext_lazy("Rows"),
    "skipped": gettext_lazy("Skipped"),
    "source": gettext_lazy("Source"),
    "status": gettext_lazy("Status"),
    "user": gettext_lazy("User"),
    "voters": gettext_lazy("Voters"),
}


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def key_label(key: str) -> str:
    label = KEY_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


def _value(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        if set(value) == {"before", "after"}:
            return f"{_value(value['before'])} → {_value(value['after'])}"
        return "; ".join(f"{key_label(k)}: {_value(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "—"
    return str(value)


def data_lines(data) -> list[tuple[str, str]]:
    """A record's data as (label, value) lines; a ``changes`` map gives one line per changed field."""
    if not isinstance(data, dict):
        return [] if data in (None, "", [], {}) else [("", _value(data))]
    lines = []
    for key, value in sorted(data.items()):
        if key == "changes" and isinstance(value, dict):
            lines += [(key_label(field), _value(change)) for field, change in sorted(value.items())]
        else:
            lines.append((key_label(key), _value(value)))
    return lines
