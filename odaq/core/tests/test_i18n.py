"""One rule for per-language fields: active language, then Kazakh, then Russian, then English."""

from django.utils import translation

from odaq.appeals.models import Topic
from odaq.core.i18n import language_order, localized, localized_with_language
from odaq.law.models import Act
from odaq.orgs.models import Organisation
from odaq.surveys.models import Survey
from odaq.voting.models import Election


def _content():
    return dict(
        topic=Topic(code="pay", name_kk="Жалақы", name_ru="Зарплата", name_en=""),
        org=Organisation(name_kk="Алматы облысы", name_ru="Алматинская область"),
        act=Act(adilet_id="K1500000414", title_kk="Еңбек кодексі", title_ru="Трудовой кодекс"),
        survey=Survey(title_kk="Сауалнама", title_ru="Опрос"),
        election=Election(title_kk="Сайлау", title_ru="Выборы"),
    )


def test_an_english_interface_user_sees_one_fallback_language_across_topics_and_organisations():
    items = _content()
    with translation.override("en"):
        shown = {key: str(getattr(obj, "title" if key in ("act", "survey", "election") else "name"))
                 for key, obj in items.items()}
        assert shown == {"topic": "Жалақы", "org": "Алматы облысы", "act": "Еңбек кодексі",
                         "survey": "Сауалнама", "election": "Сайлау"}
        assert Topic(code="x", name_kk="Жалақы", name_ru="Зарплата", name_en="Pay").name == "Pay"


def test_a_russian_interface_user_sees_russian_everywhere():
    items = _content()
    with translation.override("ru"):
        assert [items["topic"].name, items["org"].name, items["act"].title, items["survey"].title,
                items["election"].title] == ["Зарплата", "Алматинская область", "Трудовой кодекс", "Опрос", "Выборы"]


def test_fallback_order_explicit_language_and_row_dicts():
    assert language_order("en") == ("en", "kk", "ru")
    assert language_order("ru") == ("ru", "kk", "en")
    row = {"organisation__name_kk": "", "organisation__name_ru": "Школа"}
    assert localized(row, "organisation__name", "kk") == "Школа"  # Kazakh empty: Russian
    topic = Topic(name_kk="  ", name_ru="", name_en="Pay")
    assert localized_with_language(topic, "name", "ru") == ("Pay", "en")
    assert localized(Topic(name_kk="", name_ru="", name_en=""), "name") == ""
