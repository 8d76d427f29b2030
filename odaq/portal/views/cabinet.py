from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from odaq.orgs import services as org_services
from odaq.orgs.selectors import my_person

from .. import selectors, services
from ..content import consent_text
from ..forms import ContactsForm


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on a field it names, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _own_person(request):
    person = my_person(request.user)
    if person is None:
        raise Http404
    return person


def _to_consents():
    return redirect(reverse("portal:cabinet") + "#consents")


@login_required
def cabinet(request):
    data = selectors.cabinet_for(request.user)
    consents = [(c, consent_text(c.purpose)) for c in data.consents]
    missing = [(value, label, consent_text(value)) for value, label in data.missing_purposes]
    return render(request, "portal/cabinet.html", {"cab": data, "consents": consents, "missing": missing})


@login_required
def cabinet_profile(request):
    person = _own_person(request)
    initial = {"phone": person.phone, "email": person.email, "language": person.language}
    form = ContactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_my_contacts(request.user, form.cleaned_data, request=request)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your contact details are saved."))
            return redirect("portal:cabinet")
    return render(request, "portal/cabinet_profile.html", {"form": form, "person": person})


@require_POST
@login_required
def consent_withdraw(request, pk: int):
    person = _own_person(request)
    consent = get_object_or_404(person.consents, pk=pk)
    try:
        org_services.withdraw_consent(person, consent, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your consent is withdrawn."))
    return _to_consents()


@require_POST
@login_required
def consent_give(request):
    person = _own_person(request)
    try:
        org_services.give_consent(person, request.POST.get("purpose", ""), actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: your consent is recorded."))
    return _to_consents()
