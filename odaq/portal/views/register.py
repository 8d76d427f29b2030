from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from odaq.orgs import services as org_services

from .. import selectors, services
from ..forms import RegionForm, RegistrationForm
from .cabinet import add_errors


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
    status = 200
    if request.method == "POST" and not services.count_registration_attempt(request):
        form.is_valid()
        form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            org_services.self_register(
                form.cleaned_data["organisation"], form.person_data(), form.cleaned_data["password1"],
                request=request,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            # The same answer whether or not her IIN, e-mail or phone is on the register already, and no automatic
            # login (that would tell the difference too).
            messages.success(request, _(
                "Your application is received. Log in with your phone or e-mail and the password you chose; your "
                "primary organisation's chair will confirm your membership. If you already had an account, log in "
                "with it or use \"Forgot your password?\"."
            ))
            return redirect("login")
    return render(request, "portal/register.html", {
        "form": form, "region": region, "query": query,
        "consent_version": org_services.current_consent_version(),
    }, status=status)
