"""Appeal test data: files with real magic bytes, and a helper filing through the service."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from odaq.appeals import services
from odaq.appeals.models import Topic

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def docx_bytes(with_document: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            z.writestr("word/document.xml", "<w:document/>")
        else:
            z.writestr("payload.txt", "not a document")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def ensure_topics() -> None:
    """The topics come from a data migration; a transactional test's flush removes them, so put them back."""
    if not Topic.objects.exists():
        import importlib

        from django.apps import apps

        importlib.import_module("odaq.appeals.migrations.0002_topics").seed(apps, None)


def topic(code: str = "pay") -> Topic:
    ensure_topics()
    return Topic.objects.get(code=code)


def filing(**extra) -> services.Filing:
    data = {"topic": topic(extra.pop("topic_code", "pay")), "subject": "Pay slip is short",
            "description": "My pay for September is 40,000 tenge short.", "answer_language": "kk"}
    data.update(extra)
    return services.Filing(**data)


def file_appeal(actor, person, files=(), key=None, **extra):
    appeal, _created = services.file_appeal(actor, person, filing(**extra), files=files, idempotency_key=key)
    return appeal


def export_text(client, fmt: str, **params) -> str:
    """Ask for an export of the queue as the client's user (built in the request: ODAQ_EXPORTS_RUN=inline in the
    appeals tests), download it and return its text (an XLSX sheet as lines of cells)."""
    import io
    from urllib.parse import urlencode

    from django.test import TestCase
    from django.urls import reverse
    from openpyxl import load_workbook

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("appeals:export"), {"format": fmt, "query": urlencode(params)})
    assert response.status_code == 302, response.status_code
    job_url = response["Location"]
    page = client.get(job_url)
    assert page.status_code == 200 and page.context["job"].status == "done", page.context["job"].error
    file = client.get(reverse("appeals:export_download", args=[page.context["job"].pk]))
    assert file.status_code == 200
    content = b"".join(file.streaming_content)
    if fmt == "csv":
        return content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(" ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True))
