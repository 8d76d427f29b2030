from django.db import migrations

TOPICS = [
    ("pay", "Еңбекақы", "Оплата труда", "Pay"),
    ("leave", "Еңбек демалысы", "Отпуск", "Leave"),
    ("working_time", "Жұмыс уақыты және оқу жүктемесі", "Рабочее время и нагрузка", "Working time and workload"),
    ("dismissal", "Жұмыстан босату", "Увольнение", "Dismissal"),
    ("discipline", "Тәртіптік жазалар", "Дисциплинарные взыскания", "Disciplinary measures"),
    ("certification", "Аттестаттау және біліктілік санаты", "Аттестация и квалификационная категория",
     "Certification and qualification category"),
    ("safety", "Еңбекті қорғау", "Охрана труда", "Labour safety"),
    ("contract", "Еңбек шарты", "Трудовой договор", "Employment contract"),
    ("social", "Әлеуметтік төлемдер мен кепілдіктер", "Социальные выплаты и гарантии", "Social benefits"),
    ("digital", "Цифрлық мониторинг және алгоритмдік шешімдер", "Цифровой мониторинг и алгоритмические решения",
     "Digital monitoring and algorithmic decisions"),
    ("harassment", "Қысым көрсету және кемсітушілік", "Притеснение и дискриминация", "Harassment and discrimination"),
    ("other", "Басқа мәселе", "Другой вопрос", "Other"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("appeals", "Topic")
    for order, (code, kk, ru, en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en,
                                                            "order": order * 10, "active": True})


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
