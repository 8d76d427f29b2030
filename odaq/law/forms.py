from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Act


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Question or words"), max_length=500, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
    act = forms.ChoiceField(label=_("Act"), required=False)
    # A visible choice: the question may be typed in either language, the articles are shown in this one.
    lang = forms.ChoiceField(label=_("Language of results"), required=False, widget=forms.RadioSelect,
                             choices=[("kk", _("Kazakh")), ("ru", _("Russian"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].choices = [("", _("All acts"))] + [(a.adilet_id, a.title) for a in Act.objects.all()]
