from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..pipeline import citations
from ..pipeline.topics import appeal_topic

register = template.Library()

NOTES = {
    "llm_timeout": _("The language model did not answer in time, so this answer was assembled from the law "
                     "articles directly."),
    "llm_http_error": _("The language model failed, so this answer was assembled from the law articles directly."),
    "llm_unreachable": _("The language model is unreachable, so this answer was assembled from the law articles "
                         "directly."),
    "llm_bad_reply": _("The language model gave an unusable reply, so this answer was assembled from the law "
                       "articles directly."),
    "llm_wrong_language": _("The language model answered in another language, so this answer was assembled from "
                            "the law articles directly."),
    "llm_no_citation": _("The language model's answer cited no verified article, so this answer was assembled "
                         "from the law articles directly."),
    "llm_no_sources": _("No article was found for the language model to work from."),
}


@register.filter
def answer_html(record):
    """The answer as shown: escaped, verified citations linked to the article pages, paragraphs kept."""
    good = {(c["act"], c["number"]) for c in record.citations if c.get("verified")}
    html = citations.render(record.shown_answer, good, record.language)
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 - render() escaped every piece


@register.filter
def note_text(code: str) -> str:
    return NOTES.get(code, code)


@register.simple_tag
def source_links(record):
    """Verified cited articles: (label, url) in the answer's language."""
    out = []
    for c in record.verified_citations:
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
