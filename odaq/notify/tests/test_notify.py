import pytest
from django.core import mail
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.notify.models import Notification
from odaq.notify.services import mark_read, notify
from odaq.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_texts_are_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    kk = UserFactory(language="kk", email="kk@example.kz")
    ru = UserFactory(language="ru", email="ru@example.kz")
    subject = format_lazy("{}: {}", _("Notifications"), "A-1")
    with django_capture_on_commit_callbacks(execute=True):
        n_kk = notify(kk, subject=subject, body=lambda: str(_("Open")), url="/cabinet/")
        n_ru = notify(ru, subject=subject, body=lambda: str(_("Open")), url="/cabinet/")
    assert (n_kk.language, n_ru.language) == ("kk", "ru")
    # Both are written in each user's own language, whatever language is active for the sender ("en" in tests).
    from django.utils import translation

    for n, lang in ((n_kk, "kk"), (n_ru, "ru")):
        with translation.override(lang):
            assert n.subject == f"{translation.gettext('Notifications')}: A-1"
            assert n.body == translation.gettext("Open")
    assert sorted(m.to[0] for m in mail.outbox) == ["kk@example.kz", "ru@example.kz"]
    assert all(Notification.objects.get(pk=n.pk).emailed_at for n in (n_kk, n_ru))


def test_email_waits_for_commit_and_is_skipped_without_address(django_capture_on_commit_callbacks):
    no_mail = UserFactory(email=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(UserFactory(email="a@example.kz"), subject="Hello", url="/x/")
        notify(no_mail, subject="Hello")
    assert len(callbacks) == 1 and not mail.outbox
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["a@example.kz"]]
    assert "http://" in mail.outbox[0].body or "https://" in mail.outbox[0].body


def test_no_email_when_not_asked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(UserFactory(email="b@example.kz"), subject="Quiet", email=False)
    assert not mail.outbox and not n.email_requested


def test_foreign_links_are_refused():
    with pytest.raises(ValueError):
        notify(UserFactory(), subject="x", url="javascript:alert(1)")
    assert not Notification.objects.exists()


def test_long_texts_are_cut_to_the_column_size():
    n = notify(UserFactory(), subject="s" * 1000, body="b" * 10_000, email=False)
    assert len(n.subject) == 300 and len(n.body) == 4000


def test_list_shows_only_own_notifications_and_escapes_html(client):
    me, other = UserFactory(), UserFactory()
    notify(me, subject="<b>mine</b>", body="<script>x()</script>", email=False)
    notify(other, subject="not mine", email=False)
    client.force_login(me)
    page = client.get(reverse("notify:list")).content.decode()
    assert "&lt;b&gt;mine&lt;/b&gt;" in page and "<script>x()" not in page
    assert "not mine" not in page


def test_mark_read_touches_only_own_notifications(client):
    me, other = UserFactory(), UserFactory()
    mine = notify(me, subject="m", email=False)
    theirs = notify(other, subject="t", email=False)
    client.force_login(me)
    response = client.post(reverse("notify:mark_read"), {"id": [str(theirs.pk), "x"]})
    assert response.status_code == 302
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.read_at is None
    client.post(reverse("notify:mark_read"))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert mark_read(me) == 0


def test_unread_badge_in_the_menu(client):
    me = UserFactory()
    notify(me, subject="one", email=False)
    notify(me, subject="two", email=False)
    client.force_login(me)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("notify:list")).content.decode()
    assert 'aria-label="2 unread"' in page
    mark_read(me)
    assert 'aria-label="2 unread"' not in client.get(reverse("notify:list")).content.decode()


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("notify:list")).status_code == 302
    assert client.post(reverse("notify:mark_read")).status_code == 302


def test_a_refused_letter_is_kept_for_the_retry_and_sent_once(monkeypatch):
    import smtplib

    from odaq.notify import tasks

    n = notify(UserFactory(email="r@example.kz"), subject="Hello", url="/x/", email=False)
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(tasks, "send_mail", refuse)
    with pytest.raises(smtplib.SMTPException):
        tasks.send_notification_email.run(n.pk)
    assert Notification.objects.get(pk=n.pk).emailed_at is None
    assert smtplib.SMTPException in tasks.send_notification_email.autoretry_for
    monkeypatch.undo()
    assert tasks.send_notification_email.run(n.pk) is True
    assert tasks.send_notification_email.run(n.pk) is False
    assert [m.to for m in mail.outbox] == [["r@example.kz"]]


def test_switching_the_interface_language_moves_notifications_along(client, django_capture_on_commit_callbacks):
    from odaq.orgs.tests.factories import PersonFactory

    user = UserFactory(language="kk", email="ru-reader@example.kz")
    PersonFactory(user=user, language="kk")
    client.force_login(user)
    assert client.post("/i18n/setlang/", {"language": "ru", "next": "/cabinet/"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "ru" and user.person.language == "ru"
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(user, subject=_("Notifications"), body=lambda: str(_("Open")), url="/cabinet/")
    assert (n.language, n.subject) == ("ru", "Уведомления")
    assert mail.outbox[0].subject == "Уведомления"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})  # not a profile language: the profile stays
    user.refresh_from_db()
    assert user.language == "ru"


def test_without_a_profile_language_the_causing_requests_language_is_used():
    from django.utils import translation

    user = UserFactory(language="")  # e.g. an account made outside the forms; no member card either
    with translation.override("ru"):
        n = notify(user, subject=_("Notifications"), email=False)
    assert n.language == "ru" and n.subject == "Уведомления"


def test_a_chair_changing_the_members_language_moves_her_account_along(people):
    from odaq.orgs import services as org_services

    user = people.member_a.person.user
    assert user.language == "kk"
    org_services.update_person(people.chair, people.member_a, {"language": "ru"})
    user.refresh_from_db()
    assert user.language == "ru"
    assert notify(user, subject=_("Notifications"), email=False).language == "ru"
