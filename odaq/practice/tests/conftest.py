import datetime as dt

import pytest

from odaq.law import services as law_services
from odaq.law.tests.conftest import make_act
from odaq.practice import services

DECISION_RU = (
    "Медеуский районный суд г. Алматы рассмотрел иск Ивановой Марии Петровны (ИИН 850115400123, тел. "
    "+7 701 234 56 78) к КГУ «Школа № 12». Истица Иванова М.П. уволена по подпункту 2) пункта 1 статьи 52 ТК РК. "
    "Суд, руководствуясь статьей 224 ГПК РК, иск Ивановой удовлетворил."
)


@pytest.fixture
def law(db, settings, tmp_path):
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "law_index"
    law_services.import_edition(make_act("ru"), raw="ru", source="test")
    law_services.import_edition(make_act("kk"), raw="kk", source="test")


@pytest.fixture
def make_decision(law):
    def make(region, *, text=DECISION_RU, user=None, publish_by=None, audience="lawyers", **extra):
        decision = services.import_decision(text=text, court="Медеуский районный суд", decided_on=dt.date(2025, 3, 1),
                                            case_number=extra.pop("case_number", "2-100/2025"), region=region,
                                            user=user, **extra)
        if publish_by is not None:
            decision = services.publish(decision, publish_by, text=decision.text, audience=audience)
        return decision

    return make
