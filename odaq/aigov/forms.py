from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Channel, Decision, Flag, ReviewStatus
from .models import ANSWER_MAX, NOTE_MAX


def parse_articles(text: str) -> list[tuple[str, str]]:
    """"act number" pairs, one per line (``K1500000414 88`` or ``K1500000414/88``)."""
    pairs = []
    for line in (text or "").splitlines():
        parts = line.replace("/", " ").split()
        if not parts:
            continue
        if len(parts) != 2 or len(parts[0]) > 32 or len(parts[1]) > 16:
            raise forms.ValidationError(_("Write each article as: act number (e.g. K1500000414 88)."))
        pairs.append((parts[0], parts[1]))
    return pairs


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    corrected_answer = forms.CharField(label=_("Corrected answer"), max_length=ANSWER_MAX, required=False,
                                       widget=forms.Textarea(attrs={"rows": 8}),
                                       help_text=_("Needed when you correct the answer; the member gets it."))
    articles = forms.CharField(label=_("Sources of the corrected answer"), max_length=500, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("The articles your corrected answer relies on, one per line as act and "
                                           "number (e.g. K1500000414 88). The member sees these, not the "
                                           "assistant's sources."))

    def clean_articles(self):
        return parse_articles(self.cleaned_data["articles"])


class RecordFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Review"), required=False,
                               choices=[("", _("Any"))] + list(ReviewStatus.choices))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("Any"))] + list(Channel.choices))
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any")), ("kk", _("Kazakh")), ("ru", _("Russian"))])
    flag = forms.ChoiceField(label=_("Flag"), required=False, choices=[("", _("Any"))] + list(Flag.choices))
    q = forms.CharField(label=_("Question contains"), required=False, max_length=100)


class CardForm(forms.Form):
    questions_kk = forms.CharField(label=_("Question variants (Kazakh), one per line"), max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    questions_ru = forms.CharField(label=_("Question variants (Russian), one per line"), max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    answer_kk = forms.CharField(label=_("Answer (Kazakh)"), max_length=ANSWER_MAX,
                                widget=forms.Textarea(attrs={"rows": 6}))
    answer_ru = forms.CharField(label=_("Answer (Russian)"), max_length=ANSWER_MAX,
                                widget=forms.Textarea(attrs={"rows": 6}))
    articles = forms.CharField(label=_("Cited articles"), max_length=500,
                               help_text=_("Act and article number, one pair per line, e.g. K1500000414 88"),
                               widget=forms.Textarea(attrs={"rows": 2}))

    def clean_articles(self):
        pairs = parse_articles(self.cleaned_data["articles"])
        if not pairs:
            raise forms.ValidationError(_("Cite at least one article."))
        return pairs
