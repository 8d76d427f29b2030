"""Forms of the voting staff pages: they parse input; services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from odaq.orgs.forms import OrganisationChoiceField
from odaq.orgs.scopes import Cap
from odaq.orgs.selectors import organisations_for

from .models import Election, Kind, Question

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_OPTIONS = 100


class ElectionForm(forms.ModelForm):
    organisation = OrganisationChoiceField(label=_("Organising body"), queryset=None)

    class Meta:
        model = Election
        fields = ["organisation", "title_kk", "title_ru", "description_kk", "description_ru", "opens_at",
                  "closes_at", "electorate", "quorum"]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME,
                   "description_kk": forms.Textarea(attrs={"rows": 3}),
                   "description_ru": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"opens_at": _("Time in Asia/Almaty."), "closes_at": _("Time in Asia/Almaty.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Cap.ORGANISE_VOTES)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One option per line: Kazakh text | Russian text. Not needed for yes / no / abstain."),
    )

    class Meta:
        model = Question
        fields = ["text_kk", "text_ru", "kind", "k", "rule"]

    def clean_options(self):
        pairs = []
        for line_no, line in enumerate(self.cleaned_data["options"].splitlines(), 1):
            if not line.strip():
                continue
            kk, sep, ru = line.partition("|")
            kk, ru = kk.strip(), ru.strip()
            if not sep or not kk or not ru:
                raise forms.ValidationError(
                    _("Line %(line)s: write the Kazakh and the Russian text separated by “|”."),
                    params={"line": line_no})
            if len(kk) > 300 or len(ru) > 300:
                raise forms.ValidationError(_("Line %(line)s is too long."), params={"line": line_no})
            pairs.append((kk, ru))
        if len(pairs) > MAX_OPTIONS:
            raise forms.ValidationError(_("At most %(n)s options."), params={"n": MAX_OPTIONS})
        return pairs

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] != Kind.YES_NO and len(data.get("options") or []) < 2:
            self.add_error("options", _("Give at least two options."))
        return data


class DelegatesForm(forms.Form):
    file = forms.FileField(label=_("CSV file: IIN, weight"),
                           help_text=_("One delegate per line. The new list replaces the old one."))
