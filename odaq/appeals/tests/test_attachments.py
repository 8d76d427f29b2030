"""Attachments: type by content, size, count; stored out of the web root; downloads scoped and audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from odaq.appeals import services
from odaq.appeals.attachments import DOCX, check_files
from odaq.appeals.models import Appeal, Attachment
from odaq.appeals.tests.factories import HEIC, JPEG, PDF, PNG, docx_bytes, file_appeal, filing, upload
from odaq.core.audit_models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name,content,mime", [
    ("slip.png", PNG, "image/png"), ("slip.jpg", JPEG, "image/jpeg"), ("order.pdf", PDF, "application/pdf"),
    ("photo.heic", HEIC, "image/heic"), ("letter.docx", docx_bytes(), DOCX),
    ("no-extension", PDF, "application/pdf"),
])
def test_accepted_types_by_content(name, content, mime):
    [checked] = check_files([upload(name, content)])
    assert checked.content_type == mime and checked.size == len(content)


@pytest.mark.parametrize("name,content", [
    ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # an executable named .pdf
    ("page.png", b"<html><script>alert(1)</script></html>"),
    ("archive.docx", docx_bytes(with_document=False)),  # a zip that is not a Word document
    ("empty.pdf", b""),
    ("anim.gif", b"GIF89a" + b"\x00" * 40),  # a real image of a type we do not take
])
def test_forged_or_unsupported_types_are_refused(name, content, people):
    with pytest.raises(ValidationError) as exc:
        check_files([upload(name, content, "application/pdf")])
    assert exc.value.code == "file_type"
    with pytest.raises(ValidationError):
        services.file_appeal(people.member_user, people.member_a.person, filing(), files=[upload(name, content)])
    assert Appeal.objects.count() == 0 and Attachment.objects.count() == 0


def test_oversized_and_too_many(people, settings):
    settings.ODAQ_APPEAL_FILE_MAX = 1024
    with pytest.raises(ValidationError) as exc:
        check_files([upload("big.pdf", PDF + b"0" * 2000)])
    assert exc.value.code == "file_too_large"
    with pytest.raises(ValidationError) as exc:
        check_files([upload(f"{n}.png", PNG) for n in range(6)])
    assert exc.value.code == "too_many_files"
    assert len(check_files([upload(f"{n}.png", PNG) for n in range(5)])) == 5


def test_stored_under_media_root_not_served_publicly(people, settings):
    appeal = file_appeal(people.member_user, people.member_a.person, files=[upload("slip.png", PNG)])
    attachment = appeal.attachments.get()
    assert attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert "slip" not in attachment.file.name  # stored under its hash, the name is kept in the database
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_download_only_for_those_who_see_it_and_audited(client, people, appeals):
    appeal = file_appeal(people.member_user, people.member_a.person, files=[upload("slip.png", PNG)],
                         confidential=True)
    attachment = appeal.attachments.get()
    url = reverse("appeals:download", args=[attachment.pk])
    for user in (people.chair, people.regional_staff, appeals.lawyer_b, appeals.member_b_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    for user in (people.member_user, people.lawyer, people.auditor):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditRecord.objects.filter(action="appeal.file_downloaded", object_id=str(appeal.pk)).count() == 3
    client.logout()
    assert client.get(url).status_code == 302


def test_refused_file_keeps_the_text(client, people):
    client.cookies["django_language"] = "en"
    client.force_login(people.member_user)
    response = client.post(reverse("appeals:new"), {
        "topic": "pay", "subject": "Keep me", "description": "My long story", "answer_language": "kk",
        "answer_channel": "cabinet", "idempotency_key": "abc", "files": [upload("x.pdf", b"MZ" + b"\x00" * 50)],
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a PDF, DOCX, JPEG, PNG or HEIC file" in html
    assert 'value="Keep me"' in html and "My long story" in html
    assert "Please choose the files again." in html
    assert Appeal.objects.count() == 0
