import re

from django.core import mail
from django.urls import reverse

from odaq.orgs.tests.factories import UserFactory

from .factories import NewsFactory


def test_home_default_language_is_kazakh(client, db):
    body = client.get("/").content.decode()
    assert '<html lang="kk">' in body


def test_home_with_russian_cookie_is_russian(client, db):
    client.cookies["django_language"] = "ru"
    response = client.get("/")
    assert '<html lang="ru">' in response.content.decode()
    assert response["Content-Language"] == "ru"


def test_home_links_and_latest_visible_news(client, tree):
    NewsFactory(organisation=tree.central, title_kk="Орталық жаңалық")
    NewsFactory(organisation=tree.region_b, title_kk="Аймақ жаңалығы")
    body = client.get("/").content.decode()
    assert "Орталық жаңалық" in body and "Аймақ жаңалығы" not in body
    for name in ("portal:register", "login", "portal:news_list", "portal:about"):
        assert f'href="{reverse(name)}"' in body


def test_about_page_has_contacts(client, tree):
    body = client.get(reverse("portal:about")).content.decode()
    assert "info@odaq.kz" in body and "Region A" in body


def test_password_reset_sends_link_and_pages_render(client, db):
    user = UserFactory(email="reset@example.kz")
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    assert "registration/password_reset_form.html" in [t.name for t in response.templates]
    assert "admin/" not in "".join(t.name or "" for t in response.templates)
    response = client.post(reverse("password_reset"), {"email": "reset@example.kz"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    confirm = client.get(link, follow=True)
    assert confirm.context["validlink"]
    new = "Another-long-passphrase-9"
    done = client.post(confirm.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "registration/password_reset_complete.html" in [t.name for t in done.templates]
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_bad_link_says_so(client, db):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200 and not response.context["validlink"]
