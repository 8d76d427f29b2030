from django.urls import reverse
from django.utils.translation import ngettext

from . import selectors


def applied_in(request, act: str, number: str) -> dict | None:
    """'Applied in N decisions' on an article page, counting only decisions this reader may see."""
    if not request.user.is_authenticated:
        return None
    n = selectors.applied_count(request.user, act, number)
    if not n:
        return None
    label = ngettext("Applied in %(n)d court decision", "Applied in %(n)d court decisions", n) % {"n": n}
    return {"label": label, "url": reverse("practice:article", args=[act, number])}
