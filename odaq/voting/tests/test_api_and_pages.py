"""API and pages: list, cast with a receipt, refusals with clear messages, results, tracking, cabinet."""

import json
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from odaq.voting import services
from odaq.voting.models import Ballot, Election, Kind, VoterRoll

from .factories import choices, close_election, make_election, open_election


def _cabinet(user) -> str:
    """The voting section of the member cabinet, as the cabinet page includes it."""
    with translation.override("en"):
        return render_to_string("voting/_cabinet.html", {"cab": SimpleNamespace(person=user.person)})


@pytest.fixture
def vote(tree, voters):
    users = voters(6)
    election = open_election(make_election(tree.school_a, questions=[(Kind.ONE, 1, "simple", 3)]))
    return election, users


def test_api_cast_with_token_and_second_attempt_refused(vote):
    election, (user, *_rest) = vote
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    listed = api.get("/api/v1/votes").json()
    assert [row["id"] for row in listed] == [election.pk] and listed[0]["voted"] is False
    response = api.post(f"/api/v1/votes/{election.pk}/ballots", {"choices": choices(election, 1)}, format="json")
    assert response.status_code == 201 and len(response.json()["tracking_code"]) == 19
    again = api.post(f"/api/v1/votes/{election.pk}/ballots", {"choices": choices(election, 2)}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    assert VoterRoll.objects.count() == Ballot.objects.count() == 1
    assert api.get("/api/v1/votes").json()[0]["voted"] is True


@pytest.mark.parametrize("payload", [{"choices": "yes"}, {"choices": {"1": ["x"]}}, {}, {"choices": {"1": [1] * 101}}])
def test_api_malformed_input_changes_nothing(vote, payload):
    election, (user, *_rest) = vote
    api = APIClient()
    api.force_authenticate(user)
    response = api.post(f"/api/v1/votes/{election.pk}/ballots", payload, format="json")
    assert response.status_code == 400
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_api_results_and_ballots_after_publishing(vote, people):
    election, users = vote
    for user in users[:5]:
        services.cast_ballot(user, election.pk, choices(election, 0))
    api = APIClient()
    assert api.get(f"/api/v1/votes/{election.pk}/results").status_code in (401, 403, 404)
    close_election(election)
    services.publish_election(people.chair, Election.objects.get(pk=election.pk))
    result = api.get(f"/api/v1/votes/{election.pk}/results").json()
    assert result["result"]["questions"][0]["outcome"] == "decided" and result["result"]["ballots"] == 5
    download = api.get(f"/api/v1/votes/{election.pk}/ballots")
    exported = json.loads(b"".join(download.streaming_content))
    assert len(exported["ballots"]) == 5 and exported["chain_head"] == result["chain_head"]
    assert download["Content-Type"] == "application/json"


def test_member_votes_in_the_browser_flow_and_finds_her_code(vote, client, people):
    election, users = vote
    user = users[0]
    client.cookies["django_language"] = "en"
    client.force_login(user)
    assert f'id="vote-{election.pk}"' in _cabinet(user)
    assert f'id="vote-{election.pk}"' in client.get("/cabinet/").content.decode()
    page = client.get(f"/votes/{election.pk}/").content.decode()
    option = election.questions.get().options.all()[1]
    assert f'name="q{election.questions.get().pk}"' in page
    response = client.post(f"/votes/{election.pk}/", {f"q{election.questions.get().pk}": str(option.pk)})
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    again = client.post(f"/votes/{election.pk}/", {f"q{election.questions.get().pk}": str(option.pk)})
    assert again.status_code == 409 and "already voted" in again.content.decode()
    assert "You have voted" in _cabinet(user)
    for other in users[1:]:
        services.cast_ballot(other, election.pk, choices(election, 0))
    close_election(election)
    services.publish_election(people.chair, Election.objects.get(pk=election.pk))
    found = client.get(f"/votes/{election.pk}/track/", {"code": code.lower().replace("-", " ")})
    assert found.context["found"]["code"] == code and option.text in found.content.decode()
    missing = client.get(f"/votes/{election.pk}/track/", {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert missing.context["found"] is None and 'id="track-missing"' in missing.content.decode()


def test_ballot_page_refuses_bad_input_with_a_message(vote, client):
    election, (user, *_rest) = vote
    client.cookies["django_language"] = "en"
    client.force_login(user)
    response = client.post(f"/votes/{election.pk}/", {})
    assert response.status_code == 400 and "Please answer every question." in response.content.decode()
    response = client.post(f"/votes/{election.pk}/", {f"q{election.questions.get().pk}": "<b>1</b>"})
    assert response.status_code == 400 and "<b>1</b>" not in response.content.decode()
    assert not Ballot.objects.exists()


def test_staff_creates_a_vote_with_questions_through_the_pages(tree, people, client):
    client.cookies["django_language"] = "en"
    client.force_login(people.regional_staff)
    response = client.post("/votes/staff/new/", {
        "organisation": tree.region_a.pk, "title_kk": "Сайлау", "title_ru": "Выборы",
        "opens_at": "2030-01-01T10:00", "closes_at": "2030-01-02T10:00", "electorate": "members",
        "quorum": "half"})
    election = Election.objects.get()
    assert response.status_code == 302 and election.opens_at.isoformat() == "2030-01-01T05:00:00+00:00"
    bad = client.post(f"/votes/staff/{election.pk}/questions/add/", {
        "text_kk": "Кім?", "text_ru": "Кто?", "kind": "candidates_k_seats", "k": 1, "rule": "simple",
        "options": "Only Kazakh text"})
    assert bad.status_code == 400 and not election.questions.exists()
    ok = client.post(f"/votes/staff/{election.pk}/questions/add/", {
        "text_kk": "Кім?", "text_ru": "Кто?", "kind": "candidates_k_seats", "k": 1, "rule": "simple",
        "options": "Асқар | Аскар\nБолат | Болат\n"})
    assert ok.status_code == 302 and election.questions.get().options.count() == 2
    client.post(f"/votes/staff/{election.pk}/schedule/")
    election.refresh_from_db()
    assert election.status == "scheduled"


def test_verifier_file_is_downloadable(client):
    response = client.get("/votes/verify.py")
    assert response.status_code == 200 and b"def verify(" in b"".join(response.streaming_content)


def test_opening_notifies_the_electorate(tree, voters, django_capture_on_commit_callbacks):
    from odaq.notify.models import Notification
    from odaq.voting.models import Status

    users = voters(2)
    election = make_election(tree.school_a)
    Election.objects.filter(pk=election.pk).update(status=Status.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_election(Election.objects.get(pk=election.pk))
    notes = Notification.objects.filter(kind="voting.opened")
    assert {n.user_id for n in notes} == {u.pk for u in users}
    assert all(n.url == f"/votes/{election.pk}/" for n in notes)


def test_html_in_texts_is_shown_as_text(tree, voters, client):
    (user,) = voters(1)
    election = make_election(tree.school_a)
    Election.objects.filter(pk=election.pk).update(title_kk="<script>alert(1)</script>")
    election = open_election(Election.objects.get(pk=election.pk))
    client.force_login(user)
    page = client.get(f"/votes/{election.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_staff_pages_render_in_every_state(tree, people, voters, client):
    from odaq.voting.models import Status

    users = voters(5)
    client.cookies["django_language"] = "ru"
    client.force_login(people.chair)
    election = make_election(tree.school_a, electorate="delegates")
    assert client.get(f"/votes/staff/{election.pk}/").status_code == 200  # draft, with the delegates form
    assert client.get(f"/votes/staff/{election.pk}/edit/").status_code == 200
    Election.objects.filter(pk=election.pk).update(electorate="members", status=Status.SCHEDULED)
    assert client.get(f"/votes/staff/{election.pk}/").status_code == 200
    client.post(f"/votes/staff/{election.pk}/open/")
    assert Election.objects.get(pk=election.pk).status == Status.OPEN
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    close_election(election)
    page = client.get(f"/votes/staff/{election.pk}/")
    assert page.status_code == 200 and 'id="result-h"' in page.content.decode()
    assert client.get(f"/votes/staff/{election.pk}/edit/").status_code == 302  # nothing to edit any more
    client.post(f"/votes/staff/{election.pk}/publish/")
    assert Election.objects.get(pk=election.pk).status == Status.PUBLISHED
    assert client.get("/votes/staff/").status_code == 200
    assert client.get("/votes/").status_code == 200
    assert client.get(f"/votes/{election.pk}/results/").status_code == 200


@pytest.mark.parametrize("body", ["[1, 2]", '"yes"', "{", "null"])
def test_api_body_that_is_not_a_ballot_is_refused_clearly(vote, body):
    election, (user, *_rest) = vote
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(user)
    response = api.post(f"/api/v1/votes/{election.pk}/ballots", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(("The ballot is malformed.", "JSON parse error"))
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_api_cast_with_the_session_needs_the_csrf_token(vote, client):
    election, (user, *_rest) = vote
    client.force_login(user)
    csrf_client = APIClient(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = csrf_client.post(f"/api/v1/votes/{election.pk}/ballots", {"choices": choices(election, 0)},
                                format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_api_cast_with_a_wrong_token_is_refused_and_asks_for_one(vote):
    election, _users = vote
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = api.post(f"/api/v1/votes/{election.pk}/ballots", {"choices": choices(election, 0)}, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Invalid token."
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_api_receipt_by_email_only_when_asked(vote, mailoutbox, django_capture_on_commit_callbacks):
    election, (first, second, third, *_rest) = vote
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    url = f"/api/v1/votes/{election.pk}/ballots"
    api.force_authenticate(first)
    refused = api.post(url, {"choices": choices(election, 0), "email_receipt": "yes"}, format="json")
    assert refused.status_code == 400 and refused.json()["detail"] == "“email_receipt” must be true or false."
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()
    codes = {}
    for user, asked in ((first, False), (second, True), (third, None)):
        api.force_authenticate(user)
        body = {"choices": choices(election, 0)} | ({} if asked is None else {"email_receipt": asked})
        with django_capture_on_commit_callbacks(execute=True):
            codes[user] = api.post(url, body, format="json").json()["tracking_code"]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [second.email] and codes[second] in mailoutbox[0].body


def test_organisers_are_told_when_the_embedded_database_keeps_casting_order(tree, people, client):
    """On SQLite (the embedded default) the organiser's pages say that the storage order can tie the latest
    ballots to voters; on PostgreSQL they do not."""
    from django.db import connection

    election = make_election(tree.school_a)
    client.cookies["django_language"] = "en"
    client.force_login(people.chair)
    for url in ("/votes/staff/", f"/votes/staff/{election.pk}/"):
        page = client.get(url).content.decode()
        assert ('id="embedded-database-note"' in page) == (connection.vendor == "sqlite"), url
        if connection.vendor == "sqlite":
            assert "PostgreSQL" in page


@pytest.mark.parametrize("status", ["open", "closed"])
def test_tracking_page_of_a_vote_not_yet_published_says_so(vote, client, status):
    election, users = vote
    if status == "closed":
        for user in users:
            services.cast_ballot(user, election.pk, choices(election, 0))
        close_election(election)
    client.cookies["django_language"] = "en"
    response = client.get(f"/votes/{election.pk}/track/", {"code": "AAAA-AAAA-AAAA-AAAA"})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="track-not-published"' in page
    assert "not published yet" in page and 'id="track-missing"' not in page and 'name="code"' not in page


def test_tracking_page_of_a_draft_or_unknown_vote_is_not_found(tree, client):
    draft = make_election(tree.school_a)
    assert client.get(f"/votes/{draft.pk}/track/").status_code == 404
    assert client.get(f"/votes/{draft.pk + 1000}/track/").status_code == 404
