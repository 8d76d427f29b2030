from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors
from .decorators import staff_required


@staff_required
def member_list(request):
    qs = selectors.member_list(request.user, query=request.GET.get("q", ""))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "orgs/member_list.html", {"page": page})
