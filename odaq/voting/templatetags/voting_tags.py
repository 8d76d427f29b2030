from django import template
from django.utils.translation import gettext as _

from odaq.orgs.scopes import Cap, has_cap

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def can_organise_votes(context) -> bool:
    request = context.get("request")
    return bool(request is not None and has_cap(request.user, Cap.ORGANISE_VOTES))


@register.inclusion_tag("voting/_cabinet_votes.html")
def cabinet_votes(person):
    return {"open_votes": list(selectors.open_for_member(person)[:10])}


@register.filter
def outcome_text(question_row) -> str:
    """A plain sentence saying what was decided on a question."""
    outcome, kind = question_row.get("outcome"), question_row["question"].kind
    names = ", ".join(o.text for o in question_row.get("decided", []))
    if outcome == "no_quorum":
        return _("Nothing was decided: the quorum was not reached.")
    if outcome == "adopted":
        return _("Adopted.")
    if outcome == "rejected":
        return _("Not adopted: the required majority was not reached.")
    if outcome == "tie" and names:
        return _("Decided: %(names)s. The remaining places are tied and not decided.") % {"names": names}
    if outcome == "tie":
        return _("Nothing was decided: options are tied.")
    if outcome == "decided":
        if kind == "candidates_k_seats":
            return _("Elected: %(names)s.") % {"names": names}
        return _("Decided: %(names)s.") % {"names": names}
    return _("Nothing was decided: no option reached the required majority.")
