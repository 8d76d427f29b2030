import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from odaq.practice.extract import text_of
from odaq.practice.models import Decision, SavedSearch, Status

from .conftest import DECISION_RU


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split(". "):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(text: str) -> bytes:
    """A one-page PDF with a text layer (ASCII text, Helvetica)."""
    stream = f"BT /F1 12 Tf 50 700 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_text_is_read_from_txt_docx_and_pdf():
    assert "статьи 52 ТК РК" in text_of("d.txt", DECISION_RU.encode("cp1251"))
    assert "статьи 52 ТК РК" in text_of("d.docx", _docx(DECISION_RU))
    pdf = _pdf("The court applied Labour Code article 52 and more words.")
    assert "Labour Code article 52" in text_of("d.pdf", pdf)


@pytest.mark.parametrize(("name", "data"), [("x.exe", b"MZ" + b"0" * 100), ("d.docx", b"PK broken" * 20),
                                            ("d.txt", b"short")])
def test_bad_files_are_refused(name, data):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        text_of(name, data)


def test_lawyer_uploads_a_docx_reviews_and_publishes_and_the_article_page_counts_it(client, law, people):
    client.force_login(people.lawyer)
    response = client.post(reverse("practice:upload"), {
        "file": SimpleUploadedFile("decision.docx", _docx(DECISION_RU)), "court": "Медеуский районный суд",
        "decided_on": "2025-03-01", "case_number": "2-100/2025", "outcome": "won"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse("practice:detail", args=[decision.pk])
    assert "Иванов" not in decision.text and decision.status == Status.DRAFT
    page = client.get(response.url)
    assert "Publish" in page.content.decode() or "Жариялау" in page.content.decode() or page.status_code == 200
    response = client.post(reverse("practice:review", args=[decision.pk]),
                           {"text": decision.text, "audience": "members", "outcome": "won"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Status.PUBLISHED and decision.reviewed_by == people.lawyer
    client.force_login(people.member_user)
    article = client.get(reverse("law:article_detail", args=["K1500000414", "52"]) + "?lang=ru")
    assert reverse("practice:article", args=["K1500000414", "52"]) in article.content.decode()
    listing = client.get(reverse("practice:article", args=["K1500000414", "52"]))
    assert reverse("practice:detail", args=[decision.pk]) in listing.content.decode()


def test_a_bad_upload_gets_an_error_and_stores_nothing(client, law, people):
    client.force_login(people.lawyer)
    response = client.post(reverse("practice:upload"), {
        "file": SimpleUploadedFile("virus.exe", b"MZ" * 100), "court": "Суд", "decided_on": "2025-03-01",
        "case_number": "1"})
    assert response.status_code == 400 and not Decision.objects.exists()


def test_members_cannot_upload_and_anonymous_are_sent_to_login(client, law, people):
    client.force_login(people.member_user)
    assert client.get(reverse("practice:upload")).status_code == 403
    client.logout()
    assert client.get(reverse("practice:list")).status_code == 302


def test_search_page_and_saved_search(client, make_decision, tree, people):
    make_decision(tree.region_a, publish_by=people.lawyer, outcome="won")
    client.force_login(people.lawyer)
    page = client.get(reverse("practice:list"), {"act": "K1500000414", "article": "52", "year": 2025})
    assert "2-100/2025" in page.content.decode()
    assert "2-100/2025" not in client.get(reverse("practice:list"), {"year": 2024}).content.decode()
    client.post(reverse("practice:save_search"), {"act": "K1500000414", "article": "52"})
    saved = SavedSearch.objects.get()
    assert (saved.user, saved.article) == (people.lawyer, "52")
    client.post(reverse("practice:delete_search", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_api_lists_what_the_caller_may_read(make_decision, tree, people):
    published = make_decision(tree.region_a, publish_by=people.lawyer, audience="members")
    draft_b = make_decision(tree.region_b, case_number="2-9/2025")
    api = APIClient()
    api.force_authenticate(people.member_user)
    ids = [d["id"] for d in api.get("/api/v1/practice/decisions/", {"article": "52", "act": "K1500000414"}).json()
           ["results"]] if "results" in api.get("/api/v1/practice/decisions/").json() else \
        [d["id"] for d in api.get("/api/v1/practice/decisions/").json()]
    assert ids == [published.pk]
    assert api.get(f"/api/v1/practice/decisions/{draft_b.pk}/").status_code == 404
    api.force_authenticate(None)
    assert api.get("/api/v1/practice/decisions/").status_code in (401, 403)
