import pytest

from odaq.appeals.lawlinks import article_url
from odaq.law import services as law_services
from odaq.law.tests.conftest import make_act

pytestmark = pytest.mark.django_db


def test_legal_basis_links_to_an_existing_article():
    law_services.import_edition(make_act("ru"), raw="ru", source="test")
    assert article_url("Трудовой кодекс РК, статья 52") == "/law/K1500000414/52/"
    assert article_url("Labour Code, article 52") == "/law/K1500000414/52/"
    assert article_url("Еңбек кодексі, 52-бап") == "/law/K1500000414/52/"
    assert article_url("Трудовой кодекс, статья 999") == ""  # no such article: no link
    assert article_url("Закон о статусе педагога, статья 15") == ""  # act not imported
    assert article_url("по соглашению сторон") == ""
