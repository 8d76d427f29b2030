"""Public pages of the legal knowledge base."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from . import panels, selectors
from .forms import SearchForm
from .models import Act


def _lang(request) -> str:
    requested = request.GET.get("lang")
    if requested in ("kk", "ru"):
        return requested
    return "ru" if get_language() == "ru" else "kk"


def act_list(request):
    return render(request, "law/act_list.html", {"acts": selectors.acts_with_editions()})


def act_detail(request, act_id: str):
    act = get_object_or_404(Act, adilet_id=act_id)
    edition = selectors.pick_edition(act, _lang(request))
    return render(request, "law/act_detail.html",
                  {"act": act, "edition": edition, "contents": selectors.edition_contents(act, edition)})


def article_detail(request, act_id: str, number: str):
    art = selectors.article(act_id, number, _lang(request))
    prev, nxt = selectors.neighbours(art)
    return render(request, "law/article_detail.html", {
        "article": art,
        "prev": prev,
        "next": nxt,
        "other": selectors.other_language_article(art),
        "change": selectors.last_change(art),
        "panels": panels.for_article(request, art.act.adilet_id, art.number),
    })


def search(request):
    data = None
    if request.GET:
        data = request.GET.copy()
        if data.get("lang") not in ("kk", "ru"):
            data["lang"] = _lang(request)  # the interface language, shown as the checked choice
    form = SearchForm(data, initial={"lang": _lang(request)})
    hits = []
    if form.is_valid() and form.cleaned_data["q"]:
        from .search import search_articles

        data = form.cleaned_data
        hits = search_articles(data["q"], lang=data["lang"] or _lang(request), act=data["act"] or None)
    return render(request, "law/search.html", {"form": form, "hits": hits})
