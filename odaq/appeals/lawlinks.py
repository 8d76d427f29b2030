"""A link from an appeal's free-text legal basis to the article in the legal knowledge base, when the text names
one act and one article that exist there (e.g. "Labour Code, article 113", "Еңбек кодексі, 113-бап")."""

import re

from django.urls import reverse

from odaq.law.models import Act
from odaq.law.selectors import current_articles

ACT_WORDS = [
    (("трудов", "еңбек", "labour code"), ("Трудовой",)),
    (("статусе педагога", "педагог мәртебесі", "status of teachers"), ("статусе педагога",)),
    (("образовани", "білім туралы", "education"), ("Об образовании",)),
    (("профессиональных союз", "кәсіптік одақ", "trade union"), ("профессиональных союзах",)),
]
ARTICLE = re.compile(r"(?:стать[яиюе]|ст\.|article|art\.)\s*(\d{1,4}(?:-\d)?)|(\d{1,4})\s*-?\s*бап", re.IGNORECASE)


def article_url(text: str) -> str:
    text = (text or "").strip()
    match = ARTICLE.search(text)
    if not match:
        return ""
    number = match.group(1) or match.group(2)
    lowered = text.lower()
    for words, titles in ACT_WORDS:
        if any(w in lowered for w in words):
            act = Act.objects.filter(title_ru__icontains=titles[0]).values_list("adilet_id", flat=True).first()
            if act and current_articles(act).filter(number=number).exists():
                return reverse("law:article_detail", args=[act, number])
            return ""
    return ""
