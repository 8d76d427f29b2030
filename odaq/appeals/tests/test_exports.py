"""Exports of the staff queue run in the background: the request only queues them and answers at once, the
page shows progress and then a download link, only the requester can download the file (kept under
MEDIA_ROOT), and every step leaves an audit record."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from odaq.appeals import exports, services
from odaq.appeals.models import AppealExport
from odaq.appeals.tests.factories import file_appeal
from odaq.core.audit_models import AuditRecord
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _ask(client, django_capture_on_commit_callbacks, fmt="csv", query=""):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("appeals:export"), {"format": fmt, "query": query})
    assert response.status_code == 302
    return AppealExport.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_the_request_only_queues_the_export_and_the_page_follows_it(client, people, appeals, settings,
                                                                   monkeypatch, django_capture_on_commit_callbacks):
    settings.ODAQ_EXPORTS_RUN = "celery"
    sent = []
    monkeypatch.setattr("odaq.appeals.tasks.build_appeal_export.delay", lambda pk: sent.append(pk))
    client.force_login(people.central_admin)
    job = _ask(client, django_capture_on_commit_callbacks, "xlsx", "status=open")
    assert sent == [job.pk] and job.status == "queued" and not job.file  # nothing was built in the request
    assert job.requested_by == people.central_admin and job.query == "status=open"

    page = client.get(reverse("appeals:export_job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page
    assert reverse("appeals:export_download", args=[job.pk]) not in page
    assert client.get(reverse("appeals:export_download", args=[job.pk])).status_code == 404  # not ready yet

    assert services.build_export(job.pk) == "done"
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == job.rows_total == 3 and job.percent == 100
    page = client.get(reverse("appeals:export_job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page and reverse("appeals:export_download", args=[job.pk]) in page
    assert reverse("appeals:export_job", args=[job.pk]) in client.get(reverse("appeals:export")).content.decode()


def test_only_the_requester_downloads_her_file_kept_under_media_root(client, people, appeals, settings, tree,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(people.central_admin)
    job = _ask(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert Path(job.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    response = client.get(reverse("appeals:export_download", args=[job.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert appeals.secret_a.number in b"".join(response.streaming_content).decode("utf-8-sig")

    other_admin = UserFactory()
    grant(other_admin, Role.CENTRAL_ADMIN, tree.central)
    client.force_login(other_admin)
    for name in ("appeals:export_job", "appeals:export_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert reverse("appeals:export_job", args=[job.pk]) not in client.get(reverse("appeals:export")).content.decode()
    client.force_login(people.member_user)
    assert client.get(reverse("appeals:export_download", args=[job.pk])).status_code in (403, 404)


def test_every_step_is_audited(client, people, appeals, django_capture_on_commit_callbacks):
    client.force_login(people.lawyer)
    job = _ask(client, django_capture_on_commit_callbacks, "csv", "q=appeal")
    client.get(reverse("appeals:export_download", args=[job.pk]))
    records = {r.action: r for r in AuditRecord.objects.filter(action__startswith="appeals.export")}
    assert set(records) == {"appeals.export_requested", "appeals.exported", "appeals.export_downloaded"}
    assert all(r.actor_id == people.lawyer.pk for r in records.values())
    assert records["appeals.exported"].data["rows"] == 2 and records["appeals.exported"].data["filters"] == "q=appeal"


def test_progress_is_reported_while_the_file_is_written(people, tree, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 2)
    for i in range(5):
        file_appeal(people.member_user, people.member_a.person, subject=f"Appeal {i}")
    job = services.request_export(people.lawyer, "", "csv")
    seen = []
    original = exports.write_export

    def write(qs, kind, out, progress=None):
        def report(n):
            progress(n)
            seen.append(AppealExport.objects.values_list("rows_done", "rows_total").get(pk=job.pk))
        return original(qs, kind, out, report)

    monkeypatch.setattr(exports, "write_export", write)
    assert services.build_export(job.pk) == "done"
    assert seen == [(2, 5), (4, 5)]


def test_a_requester_who_lost_her_role_gets_no_file(people, appeals):
    job = services.request_export(people.lawyer, "", "csv")
    people.lawyer.roles.update(revoked_at=timezone.now())
    assert services.build_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and not job.file


def test_bad_format_changes_nothing(client, people, appeals):
    client.force_login(people.lawyer)
    response = client.post(reverse("appeals:export"), {"format": "pdf", "query": ""})
    assert response.status_code == 302 and response["Location"] == reverse("appeals:queue")
    assert not AppealExport.objects.exists()


def test_old_exports_are_purged_with_their_files(people, appeals):
    job = services.request_export(people.lawyer, "", "csv")
    services.build_export(job.pk)
    job.refresh_from_db()
    path = Path(job.file.path)
    assert path.exists()
    AppealExport.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    fresh = services.request_export(people.lawyer, "", "csv")
    assert services.purge_exports() == 1
    assert not path.exists() and list(AppealExport.objects.values_list("pk", flat=True)) == [fresh.pk]


@pytest.mark.django_db(transaction=True)
def test_embedded_default_builds_in_a_thread_after_the_request(people, appeals, settings, monkeypatch):
    import threading

    settings.ODAQ_EXPORTS_RUN = "thread"
    ran_in = []
    build = services._build_in_thread
    monkeypatch.setattr(services, "_build_in_thread",
                        lambda pk: (ran_in.append(threading.current_thread()), build(pk)))
    job = services.request_export(people.lawyer, "", "csv")  # committed: the thread starts on commit
    for thread in threading.enumerate():
        if thread.name == f"appeal-export-{job.pk}":
            thread.join(timeout=30)
    assert len(ran_in) == 1 and ran_in[0] is not threading.current_thread()
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == 2 and job.file
