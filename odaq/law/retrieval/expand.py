"""Question-style words mapped to the words the law uses, for lexical matching.

Members write "декрет", "зарплата", "уволили", "жалақы кешікті"; the acts say "отпуск по уходу за ребенком",
"заработная плата", "расторжение трудового договора", "жалақыны төлеу мерзімі".  A question containing a
colloquial word (matched on its normalised beginning) gets the legal wording appended before lexical analysis.
The list is general usage, written once; it is not fitted to any question set.
"""

from .text import _WORD, fold_kk, normalize

# (language, beginnings of colloquial words, legal wording appended)
EXPANSIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ru", ("декрет",), "отпуск по уходу за ребенком беременности и родам"),
    ("ru", ("зарплат", "зп"), "заработная плата"),
    ("ru", ("уволи", "увольн", "выгна", "сократи"), "расторжение трудового договора по инициативе работодателя"),
    ("ru", ("задерж", "не плат", "не выпла"), "сроки выплаты заработной платы"),
    ("ru", ("больничн",), "временная нетрудоспособность"),
    ("ru", ("переработ", "сверхуроч"), "сверхурочная работа"),
    ("ru", ("отгул",), "отпуск без сохранения заработной платы"),
    ("ru", ("выговор",), "дисциплинарное взыскание"),
    ("ru", ("нагрузк", "часы нагрузки"), "учебная нагрузка"),
    ("ru", ("аттестац",), "аттестация педагогов"),
    ("kk", ("декрет",), "бала күтіміне байланысты демалыс жүктілігіне және босануына байланысты демалыс"),
    ("kk", ("кешік", "төлемей", "берілмей"), "жалақы төлеу мерзімі"),
    ("kk", ("зарплат", "айлық"), "жалақы"),
    ("kk", ("шығарып", "шығарды", "босатты", "жұмыстан шығ", "қысқарт"),
     "еңбек шартын жұмыс берушінің бастамасы бойынша бұзу"),
    ("kk", ("ауырып", "больничн"), "уақытша еңбекке жарамсыздық"),
    ("kk", ("артық жұмыс", "сверхуроч", "қосымша сағат"), "үстеме жұмыс"),
    ("kk", ("сөгіс", "выговор"), "тәртіптік жаза"),
    ("kk", ("жүктеме",), "оқу жүктемесі"),
    ("kk", ("аттестац",), "педагогтерді аттестаттау"),
)


def _key(text: str, lang: str) -> str:
    text = " ".join(m.group(0) for m in _WORD.finditer(normalize(text)))
    return fold_kk(text) if lang == "kk" else text


_COMPILED = {
    lang: [(tuple(_key(t, lang) for t in triggers), legal) for lg, triggers, legal in EXPANSIONS if lg == lang]
    for lang in ("ru", "kk")
}


def expand_query(query: str, lang: str) -> str:
    """The question with the legal wording of its colloquial words appended (unchanged when there are none)."""
    words = " " + _key(query, lang)
    extra = [legal for triggers, legal in _COMPILED.get(lang, ()) if any(" " + t in words for t in triggers)]
    return query if not extra else query + " " + " ".join(extra)
