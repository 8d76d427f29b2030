from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from odaq.orgs import selectors


def home(request):
    return render(request, "portal/home.html")


@login_required
def cabinet(request):
    person = selectors.my_person(request.user)
    memberships = selectors.my_memberships(person) if person else []
    return render(request, "portal/cabinet.html", {"person": person, "memberships": memberships})
