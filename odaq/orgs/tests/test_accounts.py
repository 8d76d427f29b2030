"""Members registered by their chair get a cabinet account and an invitation to set a password."""

from django.urls import reverse

from odaq.core.models import User
from odaq.orgs import services
from odaq.orgs.tests.factories import valid_iin


def _data(**extra):
    return {"iin": valid_iin(7001), "last_name": "Жұмабаева", "first_name": "Меруерт", "email": "meruert@example.kz",
            "phone": "+77017770001", "language": "ru", **extra}


def test_registered_member_gets_an_account_and_an_invitation_in_her_language(people, tree, mailoutbox,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.register_member(people.chair, tree.school_a, _data())
    user = membership.person.user
    assert user is not None and not user.has_usable_password() and user.language == "ru"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["meruert@example.kz"]
    assert "/account/password/reset/" in mailoutbox[0].body


def test_invited_member_can_use_forgot_password(client, people, tree, mailoutbox,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.register_member(people.chair, tree.school_a, _data())
    mailoutbox.clear()
    client.post(reverse("password_reset"), {"email": "MERUERT@example.kz"})
    assert len(mailoutbox) == 1


def test_no_account_when_the_email_belongs_to_someone_else(people, tree, mailoutbox):
    membership = services.register_member(people.chair, tree.school_a, _data(email=people.lawyer.email, phone=""))
    assert membership.person.user is None
    assert User.objects.filter(email=people.lawyer.email).count() == 1
    assert mailoutbox == []
