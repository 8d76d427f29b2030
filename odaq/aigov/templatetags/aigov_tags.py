from django import template

from odaq.orgs.scopes import Cap, has_cap

register = template.Library()


@register.simple_tag(takes_context=True)
def ai_caps(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"review": False, "records": False}
    return {"review": has_cap(user, Cap.REVIEW_AI), "records": has_cap(user, Cap.VIEW_AI_RECORDS)}
