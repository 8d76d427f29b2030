"""Demo news for `manage.py demo_data`: a few items at the centre and in the first region (own text)."""

import datetime as dt

from django.utils import timezone

from odaq.orgs.choices import Level
from odaq.orgs.models import Organisation

from .models import News

ITEMS = [
    (
        Level.CENTRAL,
        2,
        "Кәсіподақтың цифрлық платформасы іске қосылды",
        "Профсоюз запустил единую цифровую платформу",
        "The union's digital platform is open",
        "Енді әр мүше өз мүшелігін, келісімдерін және кәсіподақ жаңалықтарын жеке кабинеттен көре алады. "
        "Бастауыш ұйым төрағалары мүшелерді тізімге онлайн енгізеді.",
        "Теперь каждый член профсоюза видит своё членство, согласия и новости в личном кабинете. "
        "Председатели первичных организаций ведут реестр членов онлайн.",
        "Every member can now see her membership, consents and the union's news in her cabinet. "
        "Chairs of primary organisations keep the membership register online.",
    ),
    (
        Level.CENTRAL,
        6,
        "Жасанды интеллект дәуіріндегі еңбек құқықтары: семинарлар басталды",
        "Трудовые права в эпоху искусственного интеллекта: начались семинары",
        "Labour rights in the age of AI: seminars have begun",
        "Орталық комитет бастауыш ұйымдардың белсенділеріне цифрлық мониторинг пен "
        "алгоритмдік шешімдер туралы семинарлар өткізеді.",
        "Центральный комитет проводит для активистов первичных организаций семинары о цифровом "
        "мониторинге и алгоритмических решениях.",
        "The central committee runs seminars for activists of primary organisations on digital monitoring "
        "and algorithmic decisions.",
    ),
    (
        Level.REGION,
        1,
        "Жас мамандарға арналған кеңес беру күні",
        "День консультаций для молодых специалистов",
        "Consultation day for young specialists",
        "Аймақтық ұйымның заңгерлері жас мамандардың еңбек шарты, жүктеме және демалыс туралы "
        "сұрақтарына жауап береді.",
        "Юристы региональной организации ответят на вопросы молодых специалистов о трудовом договоре, "
        "нагрузке и отпуске.",
        "The regional organisation's lawyers answer young specialists' questions on employment contracts, "
        "workload and leave.",
    ),
]


def build_demo_news() -> int:
    central = Organisation.objects.filter(level=Level.CENTRAL).order_by("path").first()
    region = Organisation.objects.filter(level=Level.REGION).order_by("code", "path").first()
    nodes = {Level.CENTRAL: central, Level.REGION: region}
    now = timezone.now()
    news = [
        News(organisation=nodes[level], published_at=now - dt.timedelta(days=days_ago),
             title_kk=t_kk, title_ru=t_ru, title_en=t_en, body_kk=b_kk, body_ru=b_ru, body_en=b_en)
        for level, days_ago, t_kk, t_ru, t_en, b_kk, b_ru, b_en in ITEMS
        if nodes[level] is not None
    ]
    News.objects.bulk_create(news)
    return len(news)
