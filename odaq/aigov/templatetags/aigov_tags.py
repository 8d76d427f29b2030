from django import template

from odaq.orgs.scopes import Cap, has_cap

from ..choices import TOPIC_LABELS, Flag, Note

register = template.Library()


@register.simple_tag(takes_context=True)
def ai_caps(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"review": False, "records": False}
    return {"review": has_cap(user, Cap.REVIEW_AI), "records": has_cap(user, Cap.VIEW_AI_RECORDS)}


def _label(choices, code) -> str:
    return str(dict(choices).get(code, code))


@register.filter
def flag_label(code: str) -> str:
    return _label(Flag.choices, code)


@register.filter
def flag_labels(codes) -> str:
    return ", ".join(flag_label(c) for c in codes or [])


@register.filter
def note_label(code: str) -> str:
    return _label(Note.choices, code)


@register.filter
def topic_label(code: str) -> str:
    return str(TOPIC_LABELS.get(code, code)) if code else ""


@register.filter
def language_label(code: str) -> str:
    from django.utils.translation import gettext

    return {"kk": gettext("Kazakh"), "ru": gettext("Russian")}.get(code, code)
