from django import template

from odaq.orgs.scopes import Cap, has_cap

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def can_run_surveys(context) -> bool:
    request = context.get("request")
    return bool(request is not None and request.user.is_authenticated and has_cap(request.user, Cap.RUN_SURVEYS))


@register.inclusion_tag("surveys/_cabinet_list.html")
def cabinet_surveys(person):
    return {"surveys": selectors.open_surveys_for(person)}
