"""The central administrator exports the appeal queue on a phone: the export page, then its download link.

The export is built in the request here (ODAQ_EXPORTS_RUN=inline): the test database is an in-memory SQLite
whose shared cache does not wait for locks, so a builder thread racing the page would make the journey flaky.
The background modes are covered in odaq/appeals/tests/test_exports.py."""

import pytest

from odaq.appeals.tests.factories import file_appeal
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_central_admin_exports_the_queue_and_downloads_it(page, tree, settings, lang):
    settings.ODAQ_EXPORTS_RUN = "inline"
    admin = UserFactory(email="admin@example.kz", language=lang)
    grant(admin, Role.CENTRAL_ADMIN, tree.central)
    member = UserFactory()
    person = PersonFactory(user=member)
    MembershipFactory(organisation=tree.school_b, person=person)
    appeal = file_appeal(member, person, subject="Unpaid overtime")

    log_in(page, "admin@example.kz", lang=lang)
    page.goto("/appeals/staff/")
    page.locator("#export-csv").click()
    page.wait_for_url("**/appeals/staff/export/*/")
    assert page.locator("h1").inner_text() == t(lang, "Export of appeals")
    link = page.locator("#export-job a.export-download")
    link.wait_for()
    assert page.locator("#export-job").get_attribute("data-status") == "done"
    with page.expect_download() as info:
        link.click()
    content = open(info.value.path(), encoding="utf-8-sig").read()
    assert appeal.number in content and "Unpaid overtime" in content

    page.goto("/appeals/staff/export/")
    assert page.locator("#export-list li").count() == 1
