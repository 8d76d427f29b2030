from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notify/list.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    raw = request.POST.getlist("id")
    ids = [int(v) for v in raw if v.isdigit()] if raw else None
    services.mark_read(request.user, ids)
    return redirect("notify:list")
