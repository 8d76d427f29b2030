from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from odaq.orgs.decorators import staff_required
from odaq.orgs.scopes import Cap, can

from .. import selectors, services
from ..forms import NewsForm
from .cabinet import add_errors

PAGE_SIZE = 10


def news_list(request):
    page = Paginator(selectors.visible_news(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/news_list.html", {"page": page})


def news_detail(request, pk: int):
    item = selectors.news_detail(request.user, pk)
    return render(request, "portal/news_detail.html", {
        "item": item,
        "can_edit": can(request.user, Cap.PUBLISH_NEWS, item.organisation),
    })


@staff_required(cap=Cap.PUBLISH_NEWS)
def news_manage(request):
    page = Paginator(selectors.manageable_news(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "portal/news_manage.html", {"page": page})


def _save(request, form, item=None):
    """Run the service for a valid form; map its refusal onto the form. Returns the item or None."""
    try:
        if item is None:
            return services.create_news(request.user, form.cleaned_data["organisation"], form.service_data(),
                                        request=request)
        return services.update_news(request.user, item, form.service_data(),
                                    organisation=form.cleaned_data["organisation"], request=request)
    except ValidationError as exc:
        add_errors(form, exc)
    return None


@staff_required(cap=Cap.PUBLISH_NEWS)
def news_create(request):
    form = NewsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = _save(request, form)
        if item is not None:
            messages.success(request, _("The news item is saved."))
            return redirect("portal:news_detail", pk=item.pk)
    return render(request, "portal/news_form.html", {"form": form, "item": None})


@staff_required(cap=Cap.PUBLISH_NEWS)
def news_edit(request, pk: int):
    item = selectors.news_for_edit(request.user, pk)
    form = NewsForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        # the form wrote onto ``item`` in memory; the service reloads the row under lock and applies changes
        saved = _save(request, form, item)
        if saved is not None:
            messages.success(request, _("The news item is saved."))
            return redirect("portal:news_detail", pk=saved.pk)
    return render(request, "portal/news_form.html", {"form": form, "item": item})
