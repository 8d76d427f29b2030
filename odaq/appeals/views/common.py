from django.core.exceptions import ValidationError

from odaq.orgs.forms import add_service_errors

from ..services import Filing


def filing_from(form) -> Filing:
    data = form.cleaned_data
    return Filing(topic=data["topic"], subject=data["subject"], description=data["description"],
                  employer=data.get("employer") or "", confidential=bool(data.get("confidential")),
                  answer_language=data["answer_language"], answer_channel=data["answer_channel"],
                  ai_record_id=data.get("ai_record"))


def show_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict") and "text" in exc.error_dict and "text" not in form.fields:
        exc = ValidationError(exc.error_dict["text"])
    add_service_errors(form, exc)
