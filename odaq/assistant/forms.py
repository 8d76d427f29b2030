from django import forms
from django.utils.translation import gettext_lazy as _

from odaq.aigov.choices import Feedback

from .services import QUESTION_MAX


class AskForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=QUESTION_MAX, min_length=3,
                               widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_MAX}),
                               help_text=_("Do not write your IIN, phone or card number: the assistant does not "
                                           "need them and hides them."))


class FeedbackForm(forms.Form):
    feedback = forms.ChoiceField(choices=[(Feedback.UP, _("Helpful")), (Feedback.DOWN, _("Not helpful"))])
    comment = forms.CharField(label=_("Comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
