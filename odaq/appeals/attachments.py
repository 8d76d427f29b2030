"""Checking uploaded files: type by content (not by name), size and count."""

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)
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


def safe_name(name: str, content_type: str) -> str:
    """The name a file is shown and downloaded under: the given stem with the extension of its checked type.

    ``evil.html`` that is (also) a PDF becomes ``evil.pdf``, so no browser or desktop opens it as a page."""
    name = (name or "file").replace("/", "_").replace("\\", "_").replace("\x00", "")
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>:|?*;') or "file"
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = stem.strip(" .")[:100] or "file"
    return f"{stem}.{ALLOWED.get(content_type, 'bin')}"


def download_response(fileobj, name: str, content_type: str):
    """A stored file as a download: always the type checked at upload, a name with that type's extension, never
    sniffed or rendered in the browser (a polyglot PDF/HTML named evil.html is saved as evil.pdf and cannot run)."""
    from django.http import FileResponse

    content_type = content_type if content_type in ALLOWED else "application/octet-stream"
    response = FileResponse(fileobj, as_attachment=True, filename=safe_name(name, content_type),
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


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
        checked.append(CheckedFile(safe_name(name, mime), content, mime, hashlib.sha256(content).hexdigest()))
    return checked


ORPHAN_GRACE = timedelta(hours=1)


def _walk(storage, top: str):
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:
        return
    if files:
        yield top, files
    for d in dirs:
        yield from _walk(storage, f"{top}/{d}")


def remove_orphan_files(*, older_than: timedelta = ORPHAN_GRACE, dry_run: bool = False) -> list[str]:
    """Delete stored attachment files that no row refers to; return their names.

    A file is written before its appeal's transaction commits: a process killed in between (or a transaction
    rolled back) leaves the file with no row. Files younger than ``older_than`` are left alone, because their
    transaction may still be open. Run by the beat schedule (``appeals-orphan-files``) and
    ``manage.py appeals_orphan_files``."""
    from .models import Attachment

    storage = Attachment._meta.get_field("file").storage
    cutoff = timezone.now() - older_than
    removed = []
    for directory, names in _walk(storage, "appeals"):
        paths = [f"{directory}/{name}" for name in names]
        known = set(Attachment.objects.filter(file__in=paths).values_list("file", flat=True))
        for path in paths:
            if path in known or storage.get_modified_time(path) > cutoff:
                continue
            if not dry_run:
                storage.delete(path)
            removed.append(path)
    if removed and not dry_run:
        log.warning("removed %d orphan attachment file(s)", len(removed))
    return removed
