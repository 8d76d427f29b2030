"""The audit log page reads as text: translated action names and key: value details, not codes and JSON."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from odaq.orgs.audit_labels import ACTION_LABELS, data_lines
from odaq.orgs.tests.test_views import as_user

pytestmark = pytest.mark.django_db

ODAQ = Path(__file__).resolve().parents[2]


def test_every_recorded_action_has_a_label():
    used = set()
    for path in ODAQ.rglob("*.py"):
        if "tests" in path.parts:
            continue
        used |= set(re.findall(r'audit\.record\(\s*"([a-z_.]+)"', path.read_text()))
    assert used and used <= set(ACTION_LABELS), sorted(used - set(ACTION_LABELS))


def test_changes_become_one_line_per_field():
    with translation.override("ru"):
        lines = data_lines({"changes": {"phone": {"before": "+77010000000", "after": "+77020000000"}},
                            "published": True, "fields": ["title_ru", "body_ru"]})
    assert ("Телефон", "+77010000000 → +77020000000") in lines
    assert ("Опубликовано", "да") in lines
    assert ("Поля", "title_ru, body_ru") in lines


def test_audit_page_shows_labels_not_codes_and_json(client, people):
    as_user(client, people.chair).get(reverse("orgs:member_detail", args=[people.member_a.pk]))
    client.post(reverse("orgs:member_status", args=[people.member_a.pk]), {"status": "suspended"})
    as_user(client, people.auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("orgs:audit_log")).content.decode()
    with translation.override("ru"):
        viewed, changed = str(ACTION_LABELS["person.viewed"]), str(ACTION_LABELS["membership.status_changed"])
        before, after = translation.gettext("Before"), translation.gettext("After")
    assert viewed == "Просмотр карточки члена профсоюза" and viewed in page and changed in page
    assert f"{before}: active" in page and f"{after}: suspended" in page
    assert '{"' not in page and "&quot;" not in page  # no JSON
