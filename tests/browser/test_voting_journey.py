"""E-voting in a real headless Chromium: a member votes, keeps her tracking code, and after the vote is
closed and published finds it in the published list (the page and the downloaded ballots.json, whose SHA-256
matches the one on the page); the result page says whether quorum was reached."""

import hashlib
import json
from pathlib import Path

import pytest

from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from odaq.voting import services
from odaq.voting.models import Election
from odaq.voting.tests.factories import choices, close_election, make_election, open_election
from tests.browser.helpers import log_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_votes_and_finds_her_tracking_code_after_publication(page, tree):
    member = UserFactory(email="voter@example.kz")
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member))
    others = []
    for _ in range(5):
        user = UserFactory()
        MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=user))
        others.append(user)
    election = open_election(make_election(tree.school_a, quorum="half"))
    yes = election.questions.get().options.all()[0]

    log_in(page, "voter@example.kz", wait_for_cabinet=False)
    page.wait_for_url("**/cabinet/")
    page.locator(f"#vote-{election.pk}").click()  # the "vote" button in her cabinet
    page.wait_for_url(f"**/votes/{election.pk}/")
    page.locator(f"#o{yes.pk}").check()
    page.locator("#cast").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) == 19 and page.locator("h1").inner_text() == t("kk", "Your vote is counted")

    for user in others[:4]:
        services.cast_ballot(user, election.pk, choices(election, 0))
    close_election(election)
    organiser = UserFactory()
    grant(organiser, Role.CHAIR, tree.school_a)
    services.publish_election(organiser, Election.objects.get(pk=election.pk))

    page.goto(f"/votes/{election.pk}/results/")
    assert page.locator("#quorum").inner_text().strip() == t("kk", "Quorum was reached.")
    assert page.locator(".decision").first.inner_text().strip() == t("kk", "Adopted.")
    shown = page.locator("#ballot-list-sha256").inner_text().strip()
    with page.expect_download() as download:
        page.locator("#ballots-json").click()
    body = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(body).hexdigest() == shown  # the file she got is the one whose hash is published
    assert code in {ballot["tracking_code"] for ballot in json.loads(body)["ballots"]}
    page.locator("#track-link").click()
    page.fill("#code", code.lower())
    page.locator("#find").click()
    page.wait_for_load_state()
    found = page.locator("#track-found")
    assert code in found.inner_text() and yes.text_kk in found.inner_text()

    page.locator(".lang-switch button[value=ru]").click()
    page.wait_for_function("document.documentElement.lang === 'ru'")
    assert t("ru", "Your ballot is in the published list and was counted.") in page.locator("main").inner_text()
