from django.shortcuts import render

from odaq.orgs.selectors import public_organisations

from .. import selectors
from ..content import contacts
from ..selectors import registration_regions


def home(request):
    return render(request, "portal/home.html", {"latest": selectors.latest_news(request.user, 3)})


def about(request):
    return render(request, "portal/about.html", {
        "contacts": contacts(),
        "regions": registration_regions(),
        "primary_count": public_organisations().filter(level="primary").count(),
    })
