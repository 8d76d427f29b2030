from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from odaq.orgs import services as org_services

from .. import selectors
from ..forms import RegionForm, RegistrationForm
from .cabinet import add_errors

BACKEND = "odaq.core.auth.EmailOrPhoneBackend"


@sensitive_post_parameters("password1", "password2", "iin")
def register(request):
    """Two steps driven by GET: choose a region, then the primary organisation and the details."""
    if request.user.is_authenticated:
        messages.info(request, _("You already have an account."))
        return redirect("portal:cabinet")
    region = selectors.region_by_id(request.GET.get("region"))
    if region is None:
        region_form = RegionForm(request.GET if "region" in request.GET else None)
        return render(request, "portal/register_region.html", {"form": region_form})
    query = request.GET.get("q", "")[:100]
    form = RegistrationForm(request.POST or None, region=region, query=query)
    if request.method == "POST" and form.is_valid():
        try:
            user = org_services.self_register(
                form.cleaned_data["organisation"], form.person_data(), form.cleaned_data["password1"],
                request=request,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Welcome! Your application is sent to your primary organisation's chair."))
            return redirect("portal:cabinet")
    return render(request, "portal/register.html", {
        "form": form, "region": region, "query": query,
        "consent_version": org_services.current_consent_version(),
    })
