from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from odaq.core.choices import Language
from odaq.core.iin import validate_iin
from odaq.core.models import User
from odaq.core.phone import normalise_phone
from odaq.orgs.choices import Position
from odaq.orgs.models import Organisation

from . import selectors
from .content import consent_text
from .models import News


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                                           "inputmode": "tel"}))
        kwargs.setdefault("help_text", _("For example +7 701 234 56 78."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""


class IINField(forms.CharField):
    """Twelve digits; spaces people type between groups are dropped before the check."""

    default_validators = [validate_iin]

    def to_python(self, value):
        return super().to_python(value).replace(" ", "")


def _language_initial() -> str:
    lang = (get_language() or "kk")[:2]
    return lang if lang in Language.values else Language.KK


class NewsForm(forms.ModelForm):
    """News in Kazakh and Russian (English optional); text is plain, shown with line breaks."""

    organisation = forms.TypedChoiceField(label=_("For the organisation"), coerce=int)

    class Meta:
        model = News
        fields = ["title_kk", "body_kk", "title_ru", "body_ru", "title_en", "body_en", "published_at",
                  "is_published"]
        widgets = {
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "body_kk": forms.Textarea(attrs={"rows": 8, "lang": "kk"}),
            "body_ru": forms.Textarea(attrs={"rows": 8, "lang": "ru"}),
            "body_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "title_kk": forms.TextInput(attrs={"lang": "kk"}),
            "title_ru": forms.TextInput(attrs={"lang": "ru"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
        }
        help_texts = {
            "published_at": _("Leave as it is to publish now; a later time schedules the item."),
            "is_published": _("Untick to keep the item as a draft that only staff see."),
            "body_kk": _("Plain text: an empty line starts a new paragraph."),
        }

    field_order = ["organisation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {org.pk: org for org in selectors.publishable_organisations(user)}
        top = min((org.depth for org in self.organisations.values()), default=1)
        choices = [(pk, f"{'— ' * (org.depth - top)}{org.name}") for pk, org in self.organisations.items()]
        current = self.instance.organisation if self.instance.pk else None
        if current is not None and current.pk not in self.organisations:
            # a school's item edited by a regional publisher: keep it where it is
            self.organisations[current.pk] = current
            choices.insert(0, (current.pk, current.name))
        self.fields["organisation"].choices = choices
        if current is not None:
            self.initial["organisation"] = current.pk
        self.fields["published_at"].required = False

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ContactsForm(forms.Form):
    phone = PhoneField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("Password reset links are sent to this address."))
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)


class RegionForm(forms.Form):
    region = forms.TypedChoiceField(label=_("Your region or republican branch"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—")] + [(r.pk, r.name) for r in selectors.registration_regions()]


class RegistrationForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Your primary organisation"), coerce=int,
        help_text=_("The union organisation at your school, kindergarten, college or university."),
    )
    iin = IINField(
        label=_("IIN"), max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Twelve digits, as on your identity card."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=100,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    first_name = forms.CharField(label=_("First name"), max_length=100,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    middle_name = forms.CharField(label=_("Patronymic"), max_length=100, required=False,
                                  widget=forms.TextInput(attrs={"autocomplete": "additional-name"}))
    phone = PhoneField(label=_("Mobile phone"), help_text=_("You can log in with it. For example +7 701 234 56 78."))
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("Optional, but needed to reset a forgotten password."))
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters; not only digits, not a common password."))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data as described above"),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
        error_messages={"required": _("Without this consent we cannot keep you in the membership register.")},
    )

    def __init__(self, *args, region: Organisation, query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["organisation"].choices = [("", "—"), *selectors.primary_choices(region, query)]
        self.fields["language"].initial = _language_initial()
        self.consent_text = consent_text("membership")

    def clean_organisation(self) -> Organisation:
        org = selectors.primary_in_region(self.region, self.cleaned_data["organisation"])
        if org is None:
            raise ValidationError(_("Choose your primary organisation from the list."))
        return org

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            probe = User(email=data.get("email") or None, phone=data.get("phone") or None,
                         display_name=f"{data.get('first_name', '')} {data.get('last_name', '')}")
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def person_data(self) -> dict:
        fields = ("iin", "last_name", "first_name", "middle_name", "phone", "email", "language", "position")
        return {name: self.cleaned_data[name].strip() if isinstance(self.cleaned_data[name], str)
                else self.cleaned_data[name] for name in fields}
