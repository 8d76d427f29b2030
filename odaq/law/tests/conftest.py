import pytest

from odaq.law import services
from odaq.law.parsing.types import ParsedAct, ParsedArticle, ParsedHeading, ParsedPoint


def make_act(lang="ru", articles=None, act_id="K1500000414", title=None):
    if articles is None:
        articles = {
            "1": ("Основные понятия", "1. Понятия кодекса.", False),
            "20-1": ("Объединения работодателей", "Текст статьи о союзах.", False),
            "52": ("Расторжение по инициативе работодателя",
                   "1. Работодатель может расторгнуть договор.", False),
            "53": ("Исключена", "", True),
        }
    heading = ParsedHeading(kind="chapter", number="1", title="Глава 1. Общие положения")
    return ParsedAct(
        act_id=act_id, lang=lang, title=title or ("Трудовой кодекс" if lang == "ru" else "Еңбек кодексі"),
        headings=[heading],
        articles=[ParsedArticle(number=n, title=t, body=b, repealed=r, heading=0,
                                points=[ParsedPoint("1", b)] if b else [], notes=["Сноска. Изменена."])
                  for n, (t, b, r) in articles.items()],
    )


@pytest.fixture
def imported(db, settings, tmp_path):
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "law_index"

    def do(parsed, raw=None):
        return services.import_edition(parsed, raw=raw or repr(parsed), source="test")

    return do
