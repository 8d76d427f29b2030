from django import template

from odaq.orgs.scopes import Cap, has_cap

from .. import selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.simple_tag(takes_context=True)
def dispute_caps(context) -> dict:
    user = _user(context)
    return {"view": has_cap(user, Cap.VIEW_APPEALS)} if user else {}


@register.simple_tag(takes_context=True)
def has_disputes(context) -> bool:
    user = _user(context)
    return bool(user) and selectors.my_disputes(user).exists()


@register.inclusion_tag("disputes/_cabinet_list.html", takes_context=True)
def cabinet_disputes(context):
    user = _user(context)
    disputes = list(selectors.my_disputes(user).order_by("-created_at", "-pk")[:5]) if user else []
    return {"disputes": disputes, "request": context.get("request")}
