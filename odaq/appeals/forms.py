import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from odaq.core.choices import Language

from .attachments import max_count
from .choices import Channel, Result, Status
from .models import SUBJECT_MAX, TEXT_MAX, Topic


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,.heic"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def files_field():
    return MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, DOCX, JPEG, PNG or HEIC, up to 10 MB each, at most %(count)s files.") % {
            "count": max_count()},
    )


class AppealForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), to_field_name="code",
                                   empty_label=_("Choose a topic"))
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    description = forms.CharField(label=_("What happened"), max_length=TEXT_MAX,
                                  widget=forms.Textarea(attrs={"rows": 8}),
                                  help_text=_("Dates, names of documents, what you have already done."))
    employer = forms.CharField(label=_("Employer"), max_length=255, required=False,
                               help_text=_("Leave empty if it is your organisation's employer."))
    files = files_field()
    confidential = forms.BooleanField(
        label=_("Confidential"), required=False,
        help_text=_("The chair of your primary organisation will not see this appeal; only union lawyers will."),
    )
    answer_language = forms.ChoiceField(label=_("Language of the answer"), choices=Language.choices)
    answer_channel = forms.ChoiceField(label=_("How to answer"), choices=Channel.choices)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    ai_record = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4().hex
        if on_behalf:
            del self.fields["confidential"]


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    files = files_field()


class StaffMessageForm(MessageForm):
    internal = forms.BooleanField(label=_("Internal comment (the member does not see it)"), required=False)


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=500, required=False,
                                  help_text=_("For example: Labour Code, article 113."))
    economic_effect = forms.IntegerField(label=_("Economic effect, tenge"), required=False, min_value=0,
                                         max_value=10**12,
                                         help_text=_("Money recovered or saved for the member."))
    files = files_field()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any")), ("open", _("Waiting for an answer")), *Status.choices])
    topic = forms.ModelChoiceField(label=_("Topic"), required=False, queryset=Topic.objects.all(),
                                   to_field_name="code", empty_label=_("Any"))
    organisation = forms.ModelChoiceField(label=_("Part of the union"), required=False, queryset=None,
                                          empty_label=_("All I can see"))
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    date_from = forms.DateField(label=_("Filed from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Filed to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations=None, handlers=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.handlers = {str(u.pk): u for u in handlers or []}
        self.fields["assignee"].choices = [("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody yet")),
                                           *[(pk, str(u)) for pk, u in self.handlers.items()]]
        self.user = user

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        who = data.get("assignee")
        return {
            "q": data.get("q") or "", "status": data.get("status") or "", "topic": data.get("topic"),
            "organisation": data.get("organisation"), "overdue": bool(data.get("overdue")),
            "date_from": data.get("date_from"), "date_to": data.get("date_to"),
            "assignee": self.user if who == "me" else self.handlers.get(who or ""),
            "unassigned": who == "none",
        }


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Member's name or IIN"), max_length=100, min_length=2)


def queue_filter_form(user, data) -> QueueFilterForm:
    """The queue's filters as ``user`` may use them (her part of the union, her handlers); ``data`` is a
    QueryDict or None. The queue page, the export request and the background export all read filters here."""
    from odaq.orgs.models import Organisation
    from odaq.orgs.scopes import Cap, scope_q

    from .selectors import handlers_for

    organisations = Organisation.objects.filter(scope_q(user, Cap.VIEW_APPEALS, "path"), depth__lte=3)
    return QueueFilterForm(data or None, organisations=organisations.order_by("path"),
                           handlers=handlers_for(user), user=user)
