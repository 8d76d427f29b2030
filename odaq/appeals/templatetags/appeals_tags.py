from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from odaq.orgs.scopes import Cap, has_cap
from odaq.orgs.selectors import current_membership, my_person

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def appeal_caps(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"view": has_cap(user, Cap.VIEW_APPEALS), "file": has_cap(user, Cap.FILE_APPEALS),
            "duty": has_cap(user, Cap.MANAGE_ROLES) and has_cap(user, Cap.HANDLE_APPEALS)}


@register.inclusion_tag("appeals/_cabinet_list.html", takes_context=True)
def cabinet_appeals(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    appeals, can_file = [], False
    if user is not None and user.is_authenticated:
        appeals = list(selectors.my_appeals(user).select_related("topic").order_by("-created_at", "-pk")[:5])
        person = my_person(user)
        # "New appeal" only for whom it opens: a pending (or former) member would meet a refusal
        can_file = person is not None and current_membership(person, active=True) is not None
    return {"appeals": appeals, "can_file": can_file, "request": request}


@register.filter
def status_class(appeal) -> str:
    return "overdue" if appeal.is_overdue else appeal.status


@register.simple_tag
def status_badges(appeal) -> str:
    """The status badge, plus "overdue" and "confidential" when they apply (a tag, not an include: the queue
    shows fifty of them per page)."""
    overdue = appeal.is_overdue
    html = format_html('<span class="badge appeal-{}">{}</span>', "overdue" if overdue else appeal.status,
                       appeal.get_status_display())
    if overdue:
        html += format_html(' <span class="badge appeal-overdue">{}</span>', gettext("Overdue"))
    if appeal.confidential:
        html += format_html(' <span class="badge">{}</span>', gettext("Confidential"))
    return mark_safe(html)  # noqa: S308 - every part above is escaped by format_html


@register.filter
def law_url(text: str) -> str:
    from ..lawlinks import article_url

    return article_url(text)
