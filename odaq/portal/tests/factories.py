import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odaq.portal.models import News


class NewsFactory(DjangoModelFactory):
    class Meta:
        model = News

    title_kk = factory.Sequence(lambda n: f"Жаңалық {n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    body_kk = "Мәтін."
    body_ru = "Текст."
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    is_published = True
