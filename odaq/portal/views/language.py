"""The language switcher: Django's ``set_language`` plus, for a signed-in member, her profile follows."""

from django.views.i18n import set_language as django_set_language

from .. import services


def set_language(request):
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.remember_language(request.user, request.POST.get("language", ""))
    return response
