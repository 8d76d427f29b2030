"""Text out of an uploaded decision, on this machine only: plain text (UTF-8 or CP1251), DOCX (python-docx),
PDF with a text layer (pypdf). Scanned PDFs without text are refused (no OCR)."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024


def text_of(name: str, data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    lowered = name.lower()
    if data[:4] == b"%PDF":
        text = _pdf(data)
    elif data[:2] == b"PK" and lowered.endswith(".docx"):
        text = _docx(data)
    elif lowered.endswith((".txt", ".text")) and b"\x00" not in data[:4096]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251")
    else:
        raise ValidationError(_("Upload a decision as a text, DOCX or PDF file."))
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if len(text) < 50:
        raise ValidationError(_("No text could be read from this file (a scanned PDF needs a text layer)."))
    return text


def _docx(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any broken archive is a bad upload
        raise ValidationError(_("This DOCX file cannot be read.")) from exc
    return "\n".join(p.text for p in document.paragraphs)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise ValidationError(_("This PDF file cannot be read.")) from exc
