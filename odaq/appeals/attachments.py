"""Checking uploaded files: type by content (not by name), size and count."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
    DOCX: "docx",
}


def max_size() -> int:
    return settings.ODAQ_APPEAL_FILE_MAX


def max_count() -> int:
    return settings.ODAQ_APPEAL_FILES_PER_MESSAGE


@dataclass
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    mime = kind.mime if kind else None
    if mime in ("application/zip", DOCX):
        return DOCX if _is_docx(content) else None
    return mime if mime in ALLOWED else None


def check_files(files) -> list[CheckedFile]:
    """Read and check uploaded files; a translated ValidationError names the first file refused."""
    files = [f for f in files or [] if f]
    if len(files) > max_count():
        raise ValidationError(_("At most %(count)s files can be attached to one message."),
                              code="too_many_files", params={"count": max_count()})
    checked = []
    for upload in files:
        name = (getattr(upload, "name", "") or "file").replace("/", "_").replace("\\", "_")[-120:]
        if (getattr(upload, "size", None) or 0) > max_size():
            raise ValidationError(_("“%(name)s” is larger than %(limit)s."), code="file_too_large",
                                  params={"name": name, "limit": filesizeformat(max_size())})
        content = upload.read(max_size() + 1)
        if len(content) > max_size():
            raise ValidationError(_("“%(name)s” is larger than %(limit)s."), code="file_too_large",
                                  params={"name": name, "limit": filesizeformat(max_size())})
        mime = _sniff(content) if content else None
        if mime is None:
            raise ValidationError(
                _("“%(name)s” is not a PDF, DOCX, JPEG, PNG or HEIC file (checked by its content)."),
                code="file_type", params={"name": name},
            )
        checked.append(CheckedFile(name, content, mime, hashlib.sha256(content).hexdigest()))
    return checked
