import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from odaq.core.audit_models import AuditRecord
from odaq.orgs.tests.factories import UserFactory
from odaq.portal import selectors
from odaq.portal.models import News

from .factories import NewsFactory


@pytest.fixture
def news(tree):
    return {
        "central": NewsFactory(organisation=tree.central, title_kk="Central news"),
        "region_a": NewsFactory(organisation=tree.region_a, title_kk="Region A news"),
        "school_a": NewsFactory(organisation=tree.school_a, title_kk="School A news"),
        "school_a2": NewsFactory(organisation=tree.school_a2, title_kk="School A2 news"),
        "region_b": NewsFactory(organisation=tree.region_b, title_kk="Region B news"),
        "draft_a": NewsFactory(organisation=tree.region_a, title_kk="Draft A", is_published=False),
        "future_central": NewsFactory(organisation=tree.central, title_kk="Future",
                                      published_at=timezone.now() + dt.timedelta(days=1)),
    }


def titles(qs):
    return {n.title_kk for n in qs}


def test_member_sees_her_branch_and_central_news_only(people, news):
    assert titles(selectors.visible_news(people.member_user)) == {"Central news", "Region A news", "School A news"}


def test_anonymous_sees_central_news_only(client, news):
    response = client.get(reverse("portal:news_list"))
    body = response.content.decode()
    assert "Central news" in body
    for hidden in ("Region A news", "Region B news", "School A news", "Draft A", "Future"):
        assert hidden not in body


def test_member_without_person_sees_central_only(news):
    assert titles(selectors.visible_news(UserFactory())) == {"Central news"}


@pytest.mark.parametrize("key, status", [("central", 200), ("region_a", 200), ("school_a", 200),
                                         ("region_b", 404), ("school_a2", 404), ("draft_a", 404),
                                         ("future_central", 404)])
def test_member_news_detail_visibility(client, people, news, key, status):
    client.force_login(people.member_user)
    assert client.get(reverse("portal:news_detail", args=[news[key].pk])).status_code == status


def test_anonymous_cannot_open_regional_news(client, news):
    assert client.get(reverse("portal:news_detail", args=[news["region_a"].pk])).status_code == 404
    assert client.get(reverse("portal:news_detail", args=[news["central"].pk])).status_code == 200


def test_staff_previews_own_draft(client, people, news):
    client.force_login(people.regional_staff)
    assert client.get(reverse("portal:news_detail", args=[news["draft_a"].pk])).status_code == 200
    client.force_login(people.chair)
    assert client.get(reverse("portal:news_detail", args=[news["draft_a"].pk])).status_code == 404


def _post_data(org, **extra):
    data = {"organisation": org.pk, "title_kk": "Тақырып", "title_ru": "Заголовок", "title_en": "",
            "body_kk": "Мәтін", "body_ru": "Текст", "body_en": "", "published_at": "", "is_published": "on"}
    data.update(extra)
    return data


def test_regional_staff_publishes_for_own_region(client, people, tree):
    client.force_login(people.regional_staff)
    response = client.post(reverse("portal:news_create"), _post_data(tree.region_a))
    item = News.objects.get()
    assert response.status_code == 302 and item.organisation == tree.region_a and item.author == people.regional_staff
    assert item.is_live
    rec = AuditRecord.objects.get(action="news.created")
    assert rec.object_id == str(item.pk) and rec.actor_id == people.regional_staff.pk


def test_staff_of_region_a_cannot_publish_for_region_b(client, people, tree):
    client.force_login(people.regional_admin)
    response = client.post(reverse("portal:news_create"), _post_data(tree.region_b))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not News.objects.exists()
    assert not AuditRecord.objects.filter(action="news.created").exists()


def test_service_refuses_out_of_scope_publishing(people, tree):
    from django.core.exceptions import PermissionDenied

    from odaq.portal import services

    with pytest.raises(PermissionDenied):
        services.create_news(people.regional_admin, tree.region_b, _post_data(tree.region_b))
    assert not News.objects.exists()


def test_staff_of_region_a_cannot_edit_region_b_news(client, people, news, tree):
    item = news["region_b"]
    client.force_login(people.regional_admin)
    url = reverse("portal:news_edit", args=[item.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _post_data(tree.region_a, title_kk="Hijacked")).status_code == 404
    item.refresh_from_db()
    assert item.title_kk == "Region B news" and item.organisation == tree.region_b


def test_staff_cannot_move_own_news_to_another_region(client, people, news, tree):
    item = news["region_a"]
    client.force_login(people.regional_admin)
    response = client.post(reverse("portal:news_edit", args=[item.pk]), _post_data(tree.region_b))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.organisation == tree.region_a and item.title_kk == "Region A news"


def test_edit_in_scope_is_saved_and_audited(client, people, news, tree):
    item = news["region_a"]
    client.force_login(people.regional_staff)
    response = client.post(reverse("portal:news_edit", args=[item.pk]), _post_data(tree.district_a,
                                                                                   title_kk="Жаңа"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_kk == "Жаңа" and item.organisation == tree.district_a
    rec = AuditRecord.objects.get(action="news.changed")
    assert "title_kk" in rec.data["fields"] and rec.data["organisation"]["after"] == tree.district_a.pk


def test_chair_publishes_for_own_school_only(client, people, tree):
    client.force_login(people.chair)
    form = client.get(reverse("portal:news_create")).context["form"]
    assert [pk for pk, _label in form.fields["organisation"].choices] == [tree.school_a.pk]
    assert client.post(reverse("portal:news_create"), _post_data(tree.region_a)).status_code == 200
    assert not News.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "lawyer", "auditor"])
def test_people_without_publish_right_get_403(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("portal:news_create")).status_code == 403
    assert client.get(reverse("portal:news_manage")).status_code == 403


def test_manage_list_is_scoped(client, people, news):
    client.force_login(people.regional_staff)
    body = client.get(reverse("portal:news_manage")).content.decode()
    assert "Region A news" in body and "Draft A" in body and "School A news" in body
    assert "Region B news" not in body and "Central news" not in body


def test_html_in_news_is_escaped(client, tree):
    item = NewsFactory(organisation=tree.central, title_kk='<script>alert("t")</script>',
                       body_kk='<img src=x onerror=alert(1)>\n\n<b>bold</b>')
    body = client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<b>bold</b>" not in body
    listing = client.get(reverse("portal:news_list")).content.decode()
    assert "<script>alert" not in listing and "<img src=x" not in listing


def test_text_in_active_language_with_fallback(client, tree):
    item = NewsFactory(organisation=tree.central, title_kk="Қазақша", title_ru="По-русски", title_en="")
    client.cookies["django_language"] = "ru"
    assert "По-русски" in client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    client.cookies["django_language"] = "en"
    body = client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    assert '<h1 lang="kk">Қазақша</h1>' in body


def test_news_list_is_paginated(client, tree):
    for _ in range(12):
        NewsFactory(organisation=tree.central)
    first = client.get(reverse("portal:news_list"))
    assert len(first.context["page"].object_list) == 10
    second = client.get(reverse("portal:news_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 2


def test_resubmitting_the_form_unchanged_changes_nothing(client, people, news):
    item = news["region_a"]
    client.force_login(people.regional_staff)
    url = reverse("portal:news_edit", args=[item.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["published_at"] = form["published_at"].field.widget.format_value(form["published_at"].value())
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, False)}
    assert client.post(url, data).status_code == 302
    assert not AuditRecord.objects.filter(action="news.changed").exists()
