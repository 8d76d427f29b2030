"""Forms of the survey pages: they parse input; services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from odaq.orgs.choices import Level, Position
from odaq.orgs.forms import OrganisationChoiceField, add_service_errors

from . import selectors
from .choices import MAX_OPTIONS, Kind
from .models import Question, Survey

SELECT_LIMIT = 300  # above this many organisations, primary organisations are left out of the list

__all__ = ["QuestionForm", "SurveyForm", "add_service_errors"]


class SurveyForm(forms.ModelForm):
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=None,
                                           help_text=Survey._meta.get_field("organisation").help_text)
    positions = forms.MultipleChoiceField(label=_("Only these positions"), choices=Position.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text=Survey._meta.get_field("positions").help_text)

    class Meta:
        model = Survey
        fields = ["organisation", "title_kk", "title_ru", "intro_kk", "intro_ru", "anonymous", "young_only",
                  "positions", "opens_at", "closes_at"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "intro_kk": forms.Textarea(attrs={"rows": 3}),
            "intro_ru": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        qs = selectors.survey_organisations_for(user)
        if qs.count() > SELECT_LIMIT:
            qs = qs.exclude(level=Level.PRIMARY)
        self.fields["organisation"].queryset = qs


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=Kind.choices)
    text_kk = forms.CharField(label=_("Question (Kazakh)"), max_length=500)
    text_ru = forms.CharField(label=_("Question (Russian)"), max_length=500)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options_kk = forms.CharField(
        label=_("Answers or table rows (Kazakh)"), required=False, max_length=MAX_OPTIONS * 310,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. For one or several choices: the answers; for a table: its rows. "
                    "Not used for scales and free text."))
    options_ru = forms.CharField(label=_("Answers or table rows (Russian)"), required=False,
                                 max_length=MAX_OPTIONS * 310, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("The same lines in the same order, in Russian."))

    @classmethod
    def for_question(cls, question: Question, **kwargs):
        initial = {"kind": question.kind, "text_kk": question.text_kk, "text_ru": question.text_ru,
                   "required": question.required,
                   "options_kk": "\n".join(o["kk"] for o in question.options),
                   "options_ru": "\n".join(o["ru"] for o in question.options)}
        return cls(initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        kk = [line.strip() for line in (data.get("options_kk") or "").splitlines() if line.strip()]
        ru = [line.strip() for line in (data.get("options_ru") or "").splitlines() if line.strip()]
        if data.get("kind") in (Kind.SINGLE, Kind.MULTIPLE, Kind.MATRIX) and len(kk) != len(ru):
            raise forms.ValidationError(_("The Kazakh and Russian lists must have the same number of lines "
                                          "(%(kk)d and %(ru)d now).") % {"kk": len(kk), "ru": len(ru)})
        data["options"] = [{"kk": a, "ru": b} for a, b in zip(kk, ru, strict=False)]
        return data

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kind", "text_kk", "text_ru", "required", "options")}
