from django import forms
from django.utils.translation import gettext_lazy as _

from odaq.appeals.forms import MultipleFileField
from odaq.appeals.models import Topic

from .choices import ClaimKind, DocumentKind, Kind, Outcome, StageKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewDisputeForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    employer = forms.CharField(label=_("Employer"), max_length=255, required=False)
    employer_bin = forms.CharField(label=_("Employer BIN"), max_length=12, required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), required=False)
    iin = forms.CharField(label=_("Member's IIN"), max_length=12, required=False)
    confidential = forms.BooleanField(label=_("Confidential"), required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DatesForm(forms.Form):
    dismissal_served_on = forms.DateField(label=_("Dismissal order served on"), required=False, widget=DATE)
    violation_known_on = forms.DateField(label=_("Violation known since"), required=False, widget=DATE)
    no_commission = forms.BooleanField(label=_("No conciliation commission (straight to court)"), required=False)


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label=_("Claim"), choices=ClaimKind.choices)
    amount = forms.IntegerField(label=_("Amount, tenge"), required=False, min_value=0, max_value=10**12)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)


class BasisForm(forms.Form):
    act = forms.CharField(label=_("Act (knowledge base id)"), max_length=32, initial="K1500000414")
    article = forms.CharField(label=_("Article"), max_length=16)


class StageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)
    body = forms.CharField(label=_("Body (commission or court)"), max_length=255, required=False)
    case_number = forms.CharField(label=_("Case number"), max_length=64, required=False)
    filed_on = forms.DateField(label=_("Filed on"), required=False, widget=DATE)
    repeat = forms.BooleanField(label=_("Go through this stage again"), required=False)


class SkipForm(forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decision_received_on = forms.DateField(label=_("Decision received on"), required=False, widget=DATE)
    awarded = forms.IntegerField(label=_("Awarded, tenge"), required=False, min_value=0, max_value=10**12)
    recovered = forms.IntegerField(label=_("Recovered, tenge"), required=False, min_value=0, max_value=10**12)
    reinstated = forms.BooleanField(label=_("Reinstated"), required=False)
    case_number = forms.CharField(label=_("Case number"), max_length=64, required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HearingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Date and time"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    files = MultipleFileField(label=_("Files"), help_text=_("PDF, DOCX, JPEG, PNG or HEIC."))
    shared = forms.BooleanField(label=_("Share with the member"), required=False)


class ReportForm(forms.Form):
    by = forms.ChoiceField(label=_("Group by"), required=False, choices=[
        ("region", _("Region")), ("topic", _("Topic")), ("employer", _("Employer")), ("month", _("Month"))])
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
