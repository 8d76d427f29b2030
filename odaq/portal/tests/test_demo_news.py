from odaq.portal.demo import build_demo_news
from odaq.portal.models import News


def test_demo_news_land_at_the_centre_and_the_first_region(tree):
    assert build_demo_news() == 3
    assert News.objects.filter(organisation=tree.central).count() == 2
    assert News.objects.filter(organisation=tree.region_a).count() == 1
    assert all(n.title_kk and n.title_ru and n.title_en for n in News.objects.all())
