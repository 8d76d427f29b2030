"""The chair of the member's primary organisation never sees a confidential appeal: not on a page, not in a
search, not in an export, not through the API. Lawyers, administrators and auditors of the region do."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from odaq.appeals.tests.factories import export_text

pytestmark = pytest.mark.django_db


def _export(client, fmt, **params):
    return export_text(client, fmt, **params)


def test_chair_sees_the_ordinary_appeal_only(client, people, appeals):
    open_a, secret = appeals.open_a, appeals.secret_a
    client.force_login(people.chair)
    queue = client.get(reverse("appeals:queue")).content.decode()
    assert open_a.number in queue and secret.number not in queue
    for q in (secret.number, "Secret", "Secret appeal A"):
        page = client.get(reverse("appeals:queue"), {"q": q})
        assert list(page.context["page"].object_list) == []
    assert [a.pk for a in client.get(reverse("appeals:queue"), {"q": "appeal A"}).context["page"]] == [open_a.pk]
    assert client.get(reverse("appeals:staff_detail", args=[secret.pk])).status_code == 404
    assert client.get(reverse("appeals:staff_detail", args=[open_a.pk])).status_code == 200
    for fmt in ("csv", "xlsx"):
        text = _export(client, fmt)
        assert open_a.number in text and secret.number not in text
        assert secret.number not in _export(client, fmt, q="Secret")
    api = APIClient()
    api.force_authenticate(people.chair)
    listed = [a["number"] for a in api.get("/api/v1/appeals/").json()["results"]]
    assert open_a.number in listed and secret.number not in listed
    assert api.get(f"/api/v1/appeals/{secret.pk}/").status_code == 404
    assert api.get(f"/api/v1/appeals/{secret.pk}/messages/").status_code == 404
    assert api.post(f"/api/v1/appeals/{secret.pk}/messages/", {"text": "hi"}, format="json").status_code == 404


def test_regional_staff_also_only_ordinary(client, people, appeals):
    client.force_login(people.regional_staff)
    page = client.get(reverse("appeals:queue")).content.decode()
    assert appeals.open_a.number in page and appeals.secret_a.number not in page


@pytest.mark.parametrize("role", ["lawyer", "regional_admin", "auditor", "central_admin"])
def test_handlers_and_auditors_see_confidential(client, people, appeals, role):
    client.force_login(getattr(people, role))
    page = client.get(reverse("appeals:queue")).content.decode()
    assert appeals.secret_a.number in page
    assert client.get(reverse("appeals:staff_detail", args=[appeals.secret_a.pk])).status_code == 200
    assert appeals.secret_a.number in _export(client, "csv")


def test_the_member_sees_her_confidential_appeal(client, people, appeals):
    client.force_login(people.member_user)
    assert client.get(reverse("appeals:detail", args=[appeals.secret_a.pk])).status_code == 200
    listed = client.get(reverse("appeals:my_list")).content.decode()
    assert appeals.secret_a.number in listed and appeals.appeal_b.number not in listed


def test_reading_a_confidential_appeal_is_audited_alike_through_page_and_api(client, people, appeals):
    from odaq.core.audit_models import AuditRecord

    secret = appeals.secret_a

    def reads():
        return list(AuditRecord.objects.filter(action="appeal.viewed", object_id=str(secret.pk),
                                               actor_id=people.lawyer.pk).values_list("data", "scope_path"))

    client.force_login(people.lawyer)
    assert client.get(reverse("appeals:staff_detail", args=[secret.pk])).status_code == 200
    assert reads() == [({"confidential": True, "channel": "page"}, secret.organisation.path)]
    api = APIClient()
    api.force_authenticate(people.lawyer)
    assert api.get(f"/api/v1/appeals/{secret.pk}/").status_code == 200
    assert api.get(f"/api/v1/appeals/{secret.pk}/messages/").status_code == 200
    assert [d for d, _p in reads()] == [{"confidential": True, "channel": c} for c in ("page", "api", "api")]
    assert {p for _d, p in reads()} == {secret.organisation.path}
    own = APIClient()
    own.force_authenticate(people.member_user)  # the member reading her own appeal leaves no read record
    assert own.get(f"/api/v1/appeals/{secret.pk}/").status_code == 200
    assert len(reads()) == 3 and not AuditRecord.objects.filter(
        action="appeal.viewed", actor_id=people.member_user.pk).exists()
