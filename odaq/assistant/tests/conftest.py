"""A tiny Labour Code (act K1500000414) in Russian and Kazakh, imported through the real service, and a local
OpenAI-compatible chat server on 127.0.0.1 with scripted replies."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from odaq.law import search
from odaq.law import services as law_services
from odaq.law.parsing.types import ParsedAct, ParsedArticle, ParsedHeading, ParsedPoint

LABOUR = "K1500000414"
RU = {
    "52": ("Расторжение трудового договора по инициативе работодателя",
           "1. Трудовой договор может быть расторгнут по инициативе работодателя в случаях сокращения численности "
           "или штата работников, а также неоднократного неисполнения работником трудовых обязанностей."),
    "64": ("Дисциплинарные взыскания",
           "1. За совершение дисциплинарного проступка работодатель вправе применить замечание, выговор, строгий "
           "выговор или расторжение трудового договора."),
    "87": ("Виды отпусков", "1. Работникам предоставляются ежегодные оплачиваемые трудовые отпуска и социальные "
                            "отпуска в соответствии со статьей 96 настоящего Кодекса."),
    "96": ("Разделение ежегодного оплачиваемого трудового отпуска на части",
           "1. По соглашению между работником и работодателем ежегодный оплачиваемый трудовой отпуск может быть "
           "разделен на части. При этом одна из частей должна быть не менее двух календарных недель."),
    "113": ("Сроки выплаты заработной платы",
            "1. Заработная плата выплачивается работнику не реже одного раза в месяц не позднее первой декады "
            "следующего месяца."),
}
KK = {
    "52": ("Жұмыс берушінің бастамасы бойынша еңбек шартын бұзу",
           "1. Еңбек шарты жұмыскерлер санының немесе штатының қысқаруы жағдайында жұмыс берушінің бастамасы "
           "бойынша бұзылуы мүмкін."),
    "64": ("Тәртіптік жазалар",
           "1. Тәртіптік теріс қылық жасағаны үшін жұмыс беруші ескерту, сөгіс, қатаң сөгіс жариялауға құқылы."),
    "87": ("Демалыс түрлері", "1. Жұмыскерлерге жыл сайынғы ақы төленетін еңбек демалыстары және әлеуметтік "
                              "демалыстар беріледі."),
    "96": ("Жыл сайынғы ақы төленетін еңбек демалысын бөліктерге бөлу",
           "1. Жұмыскер мен жұмыс берушінің арасындағы келісім бойынша жыл сайынғы ақы төленетін еңбек демалысы "
           "бөліктерге бөлінуі мүмкін. Бұл ретте бөліктердің біреуі кемінде екі күнтізбелік апта болуы тиіс. "
           "Жұмыс беруші демалысты жұмыскердің келісімінсіз бөлуге мәжбүрлей алмайды."),
    "113": ("Жалақы төлеу мерзімдері",
            "1. Жалақы жұмыскерге айына кемінде бір рет, келесі айдың бірінші онкүндігінен кешіктірілмей төленеді."),
}


def parsed(lang: str, articles: dict, act=LABOUR) -> ParsedAct:
    heading = ParsedHeading(kind="chapter", number="1", title="Глава 1" if lang == "ru" else "1-тарау")
    return ParsedAct(
        act_id=act, lang=lang, title="Трудовой кодекс Республики Казахстан" if lang == "ru" else "Еңбек кодексі",
        headings=[heading],
        articles=[ParsedArticle(number=n, title=t, body=b, repealed=False, heading=0, points=[ParsedPoint("1", b)],
                                notes=[]) for n, (t, b) in articles.items()])


@pytest.fixture(autouse=True)
def _assistant_settings(settings):
    settings.ODAQ_AI_REVIEW_SAMPLE = 0.0  # tests that sample say so
    settings.ODAQ_LLM_BASE_URL = ""  # the embedded default: no model
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def law(db, settings, tmp_path):
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "law_index"
    for lang, arts in (("ru", RU), ("kk", KK)):
        law_services.import_edition(parsed(lang, arts), raw=repr(arts), source="test")
    search.rebuild()
    return LABOUR


class ChatServer:
    """An OpenAI-compatible ``/chat/completions`` endpoint: replies are scripted, request bodies are kept."""

    def __init__(self):
        self.replies: list = []  # each: str (content), int (HTTP status) or ("sleep", seconds)
        self.requests: list[dict] = []
        self.raw: list[bytes] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.raw.append(body)
                server.requests.append(json.loads(body or b"{}"))
                reply = server.replies.pop(0) if server.replies else "…"
                if isinstance(reply, tuple) and reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = "Жауап."
                if isinstance(reply, int):
                    self.send_response(reply)
                    self.end_headers()
                    self.wfile.write(b'{"error": "scripted"}')
                    return
                out = json.dumps({"model": "test-model-1", "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": reply}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def all_bodies(self) -> str:
        return b"".join(self.raw).decode("utf-8")


@pytest.fixture
def chat_server(settings):
    server = ChatServer()
    settings.ODAQ_LLM_BASE_URL = server.url
    settings.ODAQ_LLM_MODEL = "test-model"
    settings.ODAQ_LLM_API_KEY = "test-key"
    settings.ODAQ_LLM_TIMEOUT = 1.0
    settings.ODAQ_LLM_RETRIES = 0
    yield server
    server.close()
