from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Audience, Outcome


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    act = forms.CharField(label=_("Act"), max_length=32, required=False)
    article = forms.CharField(label=_("Article"), max_length=16, required=False)
    court = forms.CharField(label=_("Court"), max_length=300, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Decision (text, DOCX or PDF)"))
    court = forms.CharField(label=_("Court"), max_length=300)
    decided_on = forms.DateField(label=_("Date of decision"), widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label=_("Case number"), max_length=100)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)


class ReviewForm(forms.Form):
    text = forms.CharField(label=_("De-identified text"), widget=forms.Textarea(attrs={"rows": 20}),
                           max_length=500_000)
    audience = forms.ChoiceField(label=_("Published for"), choices=Audience.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
