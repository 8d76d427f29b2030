"""Forms of the staff pages. They parse and check input; services do the writing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core.auth import find_user
from odaq.core.choices import Language
from odaq.core.iin import validate_iin
from odaq.core.phone import normalise_phone

from . import importing, selectors
from .choices import Level, MembershipStatus, Position, Role
from .scopes import GRANTABLE, Cap, active_roles, grantable_roles

FILTER_SELECT_LIMIT = 60  # above this, the filter lists only the upper levels of the tree


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations indented by their depth in the tree."""

    def label_from_instance(self, obj):
        return "— " * (obj.depth - 1) + obj.name


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form (unknown field names become form-wide errors)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or IIN"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=None, required=False,
                                           empty_label=_("All in my scope"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Current (not left)")), *MembershipStatus.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = selectors.organisations_for(user)
        if field.queryset.count() > FILTER_SELECT_LIMIT:
            upper = field.queryset.exclude(level=Level.PRIMARY)
            if upper.count() > FILTER_SELECT_LIMIT:
                upper = upper.filter(depth__lte=2)  # the central committee and the regions
            shown = list(upper[:FILTER_SELECT_LIMIT])
            chosen = str(self.data.get("organisation", ""))
            if chosen.isdigit() and all(str(o.pk) != chosen for o in shown):
                shown += list(field.queryset.filter(pk=int(chosen)))  # keep a linked-to school selected
            field.choices = [("", field.empty_label), *((o.pk, field.label_from_instance(o)) for o in shown)]

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"query": data.get("q") or "", "organisation": data.get("organisation"),
                "status": data.get("status") or ""}


class PersonForm(forms.Form):
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    middle_name = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                            help_text=_("For example +7 701 234 56 78."))
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices, initial=Language.KK)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices, initial=Position.TEACHER)
    young_specialist = forms.BooleanField(label=_("Young specialist"), required=False)

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normalise_phone(value) if value else ""


class MemberAddForm(PersonForm):
    iin = forms.CharField(label=_("IIN"), max_length=12, min_length=12, validators=[validate_iin],
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                          help_text=_("Twelve digits."))
    organisation = OrganisationChoiceField(label=_("Primary organisation"), queryset=None)
    joined_on = forms.DateField(label=_("Joined the union on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                help_text=_("Leave empty for today."))

    field_order = ["iin", "last_name", "first_name", "middle_name", "phone", "email", "language", "position",
                   "young_specialist", "organisation", "joined_on"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = selectors.primary_organisations_for(user)
        self.fields["organisation"].queryset = orgs
        if len(orgs[:2]) == 1:
            self.fields["organisation"].initial = orgs[0].pk

    def clean_iin(self):
        return self.cleaned_data["iin"].strip()

    def clean_joined_on(self):
        day = self.cleaned_data["joined_on"]
        if day and day > timezone.localdate():
            raise ValidationError(_("The date is in the future."))
        return day


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        (MembershipStatus.ACTIVE, MembershipStatus.ACTIVE.label),
        (MembershipStatus.SUSPENDED, MembershipStatus.SUSPENDED.label),
        (MembershipStatus.LEFT, MembershipStatus.LEFT.label),
    ])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])


class RoleGrantForm(forms.Form):
    login = forms.CharField(label=_("Account e-mail or phone"), max_length=254,
                            help_text=_("The person must already have an account."))
    role = forms.ChoiceField(label=_("Role"))
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = user
        grantable = set()
        for role, _path, _pk in active_roles(user):
            grantable |= GRANTABLE.get(role, frozenset())
        self.fields["role"].choices = [("", "---------"), *((v, label) for v, label in Role.choices if v in grantable)]
        self.fields["organisation"].queryset = selectors.organisations_for(user, Cap.MANAGE_ROLES)

    def clean_login(self):
        account = find_user(self.cleaned_data["login"])
        if account is None:
            raise ValidationError(_("No account has this e-mail or phone. Ask the person to register first."))
        return account

    def clean(self):
        data = super().clean()
        role, organisation = data.get("role"), data.get("organisation")
        if role and organisation and role not in grantable_roles(self.actor, organisation):
            self.add_error("role", _("You may not grant this role in that organisation."))
        return data


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=64,
                             widget=forms.TextInput(attrs={"type": "search"}),
                             help_text=_("For example person.viewed or role."))


class ImportForm(forms.Form):
    organisation = OrganisationChoiceField(label=_("Primary organisation"), queryset=None)
    file = forms.FileField(label=_("File (XLSX or CSV)"),
                           help_text=_("Up to 5 MB and 5000 rows; the first row holds the column names."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    import_valid = forms.BooleanField(
        label=_("Import the valid rows even if other rows have errors"), required=False,
        help_text=_("Without this, nothing is saved while any row has an error."),
    )

    def __init__(self, *args, user, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        orgs = selectors.primary_organisations_for(user)
        self.fields["organisation"].queryset = orgs
        if len(orgs[:2]) == 1:
            self.fields["organisation"].initial = orgs[0].pk

    def clean(self):
        data = super().clean()
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", _("The file is too large; the limit is %(limit)s MB.")
                           % {"limit": importing.MAX_BYTES // 1048576})
        elif data.get("file") is not None:
            try:
                data["table"] = importing.read_table(data["file"])
            except ValidationError as exc:
                self.add_error("file", exc)
        return data

