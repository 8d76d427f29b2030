from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from odaq.aigov.choices import Note

from ..pipeline import citations
from ..pipeline.topics import appeal_topic

register = template.Library()

NOTES = dict(Note.choices)  # the labels live with the AI record


@register.filter
def answer_html(record):
    """The answer as shown: escaped, verified citations linked to the article pages, paragraphs kept."""
    good = {(c["act"], c["number"]) for c in record.shown_citations}
    html = citations.render(record.shown_answer, good, record.language)
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 - render() escaped every piece


@register.filter
def note_text(code: str) -> str:
    return NOTES.get(code, code)


@register.simple_tag
def source_links(record):
    """The shown answer's sources (a lawyer's for a corrected answer): (label, url) in the answer's language."""
    out = []
    for c in record.shown_citations:
        out.append((citations.cite_form(c["act"], c["number"], record.language),
                    citations.article_url(c["act"], c["number"], record.language)))
    return out


def conversation_text(record) -> str:
    turns = list(record.conversation.records.order_by("created_at", "pk")) if record.conversation_id else [record]
    lines = []
    for turn in turns:
        lines += [f"Q: {turn.question}", f"A: {turn.shown_answer}", ""]
    return "\n".join(lines).strip()[:5000]


@register.simple_tag
def appeal_url(record) -> str:
    """A pre-filled new appeal with the conversation attached, or "" while appeals are not available."""
    try:
        base = reverse("appeals:new")
    except NoReverseMatch:
        return ""
    params = {"subject": record.question[:150], "description": conversation_text(record),
              "topic": appeal_topic(record.topic), "ai_record": record.pk}
    return f"{base}?{urlencode(params)}"


@register.inclusion_tag("assistant/_cabinet_card.html", takes_context=True)
def assistant_cabinet(context):
    from ..selectors import conversation_records, latest_conversation

    request = context.get("request")
    user = getattr(request, "user", None)
    records = conversation_records(latest_conversation(user))[-3:] if user and user.is_authenticated else []
    return {"records": records}


@register.simple_tag
def private_url(record) -> str:
    """The private address of an answer asked without an account (see ``selectors.private_url``)."""
    from ..selectors import private_url as url

    return url(record)
