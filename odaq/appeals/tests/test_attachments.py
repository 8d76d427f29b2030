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


POLYGLOT = PDF[:9] + b"<html><script>alert(document.cookie)</script></html>\n" + PDF[9:]


def test_a_pdf_html_polyglot_is_downloaded_as_a_pdf_never_as_html(client, people):
    appeal = file_appeal(people.member_user, people.member_a.person, files=[upload("evil.html", POLYGLOT)])
    attachment = appeal.attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.name == "evil.pdf"
    client.force_login(people.member_user)
    response = client.get(reverse("appeals:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="evil.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_row_stored_before_the_fix_is_still_served_with_the_checked_extension(client, people):
    appeal = file_appeal(people.member_user, people.member_a.person, files=[upload("order.pdf", PDF)])
    Attachment.objects.filter(appeal=appeal).update(name="evil.html")
    client.force_login(people.member_user)
    response = client.get(reverse("appeals:download", args=[appeal.attachments.get().pk]))
    assert 'filename="evil.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("given, mime, shown", [
    ("evil.html", "application/pdf", "evil.pdf"), ("photo.JPG", "image/jpeg", "photo.jpg"),
    ("../../etc/passwd", "image/png", "_.png"), (".htaccess", "application/pdf", "htaccess.pdf"),
    ('a"b;.svg', "image/png", "ab.png"), ("", "application/pdf", "file.pdf"),
])
def test_safe_name_keeps_the_stem_and_takes_the_checked_extension(given, mime, shown):
    from odaq.appeals.attachments import safe_name

    assert safe_name(given, mime) == shown


def _age(path, hours: float):
    import os
    import time

    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_files_left_by_a_crash_mid_appeal_are_removed_by_the_cleanup(people, settings):
    """A crash (kill -9) between writing the files and committing the appeal leaves files with no row: here the
    transaction is rolled back at that point. The scheduled cleanup removes them and keeps every file in use."""
    from django.core.management import call_command
    from django.db import transaction

    from odaq.appeals import tasks
    from odaq.appeals.attachments import check_files

    kept = file_appeal(people.member_user, people.member_a.person, files=[upload("kept.png", PNG)])

    class Crash(Exception):
        pass

    real_register = services._register

    def register_then_die(*args, **kwargs):
        real_register(*args, **kwargs)
        raise Crash

    with pytest.raises(Crash), transaction.atomic():
        services._register = register_then_die
        try:
            services.file_appeal(people.member_user, people.member_a.person, filing(subject="lost"),
                                 files=[upload("a.pdf", PDF), upload("b.jpg", JPEG)])
        finally:
            services._register = real_register
    media = settings.MEDIA_ROOT / "appeals"
    stored = sorted(p for p in media.rglob("*") if p.is_file())
    kept_path = settings.MEDIA_ROOT / kept.attachments.get().file.name
    orphans = [p for p in stored if p != kept_path]
    assert len(orphans) == 2 and Attachment.objects.count() == 1
    for path in stored:
        _age(path, 2)
    fresh = settings.MEDIA_ROOT / "appeals" / "2026" / "12" / "ff" / ("f" * 64)
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(PDF)  # a transaction that may still be open: too young to judge

    call_command("appeals_orphan_files", "--dry-run")
    assert all(p.exists() for p in orphans)
    assert tasks.remove_orphan_files.delay().get() == 2
    assert not any(p.exists() for p in orphans)
    assert kept_path.exists() and fresh.exists()
    assert check_files([upload("x.png", kept_path.read_bytes())])  # the kept file is intact


def test_the_beat_schedule_runs_the_cleanup(settings):
    assert settings.CELERY_BEAT_SCHEDULE["appeals-orphan-files"]["task"] == "odaq.appeals.tasks.remove_orphan_files"
