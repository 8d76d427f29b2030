"""Composers: turn retrieved articles into an answer. Extractive (no model) and a language-model composer."""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import httpx
from django.conf import settings

from . import citations, topics

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
PROMPT_VERSION = "answer_v2"
ARTICLE_CHARS = 1800


@dataclass
class Source:
    """A retrieved article as the composers see it."""

    act: str
    number: str
    lang: str
    title: str
    passage: str
    text: str = ""
    points: list = field(default_factory=list)  # the article's parsed points (law.Article.points)

    @property
    def key(self) -> tuple[str, str]:
        return (self.act, self.number)


@dataclass
class Draft:
    text: str
    composer: str
    model_id: str = ""
    prompt_version: str = ""
    notes: list[str] = field(default_factory=list)


class ComposerError(RuntimeError):
    """The composer could not answer; ``code`` says why (recorded and shown as a note)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


class ExtractiveComposer:
    """The answer without a model: the rule that answers first, then at most two more articles, then next steps.

    ``choice`` (:func:`rules.choose`) says which point or sentence of which source answers and how sure that
    is; without it the sources are taken in retrieval order, each with its best unit.
    """

    name = "extractive"

    def compose(self, question: str, lang: str, topic: str, sources: list[Source], choice=None) -> Draft:
        from . import rules

        words = topics.WORDING[lang]
        if choice is None:
            choice = rules.choose(question, lang, sources, None)
        if not sources or choice.confidence == "none" or not choice.rules:
            return Draft(text=words["nothing"], composer=self.name)
        top, *extra = choice.rules
        if choice.confidence == "unsure":
            parts = [words["unsure"], "", f"{words['closest']} {rule_line(top, lang)}"]
            parts += [f"— {_cap(rule_line(r, lang))}" for r in extra]
            parts += ["", words["ask_lawyer"]]
            return Draft(text="\n".join(parts), composer=self.name)
        parts = [_cap(rule_line(top, lang))]
        if extra:
            parts += ["", words["also"], *[f"— {_cap(rule_line(r, lang))}" for r in extra]]
        parts += ["", words["next"], *[f"— {step}" for step in words["steps"]]]
        return Draft(text="\n".join(parts), composer=self.name)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def rule_cite(act: str, number: str, lang: str, point: str = "", sub: str = "") -> str:
    """«пункт 2 статьи 54 Трудового кодекса РК» / «Еңбек кодексінің 54-бабының 2-тармағы»."""
    ru, kk = citations.ACT_FORMS.get(act, ("", ""))
    if lang == "kk":
        head = f"{kk} {number}" if kk else number
        if point and sub:
            return f"{head}-бабы {point}-тармағының {sub}) тармақшасы"
        if point:
            return f"{head}-бабының {point}-тармағы"
        return f"{head}-бабы"
    tail = f"статьи {number} {ru}".strip()
    if point and sub:
        return f"подпункт {sub}) пункта {point} {tail}"
    if point:
        return f"пункт {point} {tail}"
    return f"статья {number} {ru}".strip()


def rule_line(rule, lang: str) -> str:
    """The citation of the rule, then the rule's words, whole: «cite: «…»»."""
    unit = rule.unit
    s = rule.source
    text = unit.text
    if unit.sub:  # the point's words that introduce the subpoint, then the subpoint, as two verbatim pieces
        lead, _, tail = text.partition(f" {unit.sub}) ")
        text = f"{lead} … {unit.sub}) {tail}" if lead else f"{unit.sub}) {tail}"
    title = f" ({s.title})" if s.title else ""
    return f"{rule_cite(s.act, s.number, lang, unit.label, unit.sub)}{title}: «{text}»"


HEADING = re.compile(r"^(?:…\s*)?(?:Статья\s+\d+(?:-\d+)?\.|(?:\d+(?:-\d+)?)?-бап\.)\s*", re.I)


def quote_of(passage: str, title: str, limit: int = 420) -> str:
    """The answering passage without the article's heading (the citation names it already)."""
    text = " ".join((passage or "").split())
    lead = text.startswith("…")
    text = HEADING.sub("", text)
    if title and text.startswith(title):
        text = text[len(title):].lstrip(" .")
    text = text.lstrip("… ")
    text = _clip(text, limit)
    return f"… {text}" if lead and text else text


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


@lru_cache(maxsize=8)
def load_prompt(version: str) -> str:
    return (PROMPTS_DIR / f"{version}.txt").read_text(encoding="utf-8")


def _data(text: str) -> str:
    """User and article text as data: nothing inside can close or open a delimiter."""
    return (text or "").replace("<", "‹").replace(">", "›")


def build_messages(question: str, lang: str, sources: list[Source], version: str = PROMPT_VERSION) -> list[dict]:
    articles = "\n".join(
        f'<article act="{s.act}" number="{s.number}" cite="{citations.cite_form(s.act, s.number, lang)}">\n'
        f"{_data(s.title)}\n{_data(_clip(s.text or s.passage, ARTICLE_CHARS))}\n</article>"
        for s in sources)
    user = (f"<articles>\n{articles}\n</articles>\n<question>\n{_data(question)}\n</question>\n"
            f"<answer_language>{lang}</answer_language>")
    return [{"role": "system", "content": load_prompt(version)}, {"role": "user", "content": user}]


class LLMComposer:
    """Any OpenAI-compatible ``POST {base}/chat/completions`` endpoint set by the operator."""

    name = "llm"

    def __init__(self, base_url: str | None = None, model: str | None = None, api_key: str | None = None,
                 timeout: float | None = None, retries: int | None = None, prompt_version: str = PROMPT_VERSION):
        self.base_url = (base_url if base_url is not None else settings.ODAQ_LLM_BASE_URL).rstrip("/")
        self.model = model if model is not None else settings.ODAQ_LLM_MODEL
        self.api_key = api_key if api_key is not None else settings.ODAQ_LLM_API_KEY
        self.timeout = timeout if timeout is not None else settings.ODAQ_LLM_TIMEOUT
        self.retries = retries if retries is not None else settings.ODAQ_LLM_RETRIES
        self.prompt_version = prompt_version

    def _post(self, payload: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = self.base_url + "/chat/completions"
        last: ComposerError | None = None
        for _attempt in range(max(0, self.retries) + 1):
            try:
                response = httpx.post(url, content=json.dumps(payload, ensure_ascii=False).encode(),
                                      headers=headers, timeout=self.timeout)
            except httpx.TimeoutException as exc:
                last = ComposerError("llm_timeout", str(exc))
                continue
            except httpx.HTTPError as exc:
                last = ComposerError("llm_unreachable", str(exc))
                continue
            if response.status_code >= 500 or response.status_code == 429:
                last = ComposerError("llm_http_error", f"HTTP {response.status_code}")
                continue
            if response.status_code != 200:
                raise ComposerError("llm_http_error", f"HTTP {response.status_code}")
            try:
                return response.json()
            except ValueError as exc:
                raise ComposerError("llm_bad_reply", "not JSON") from exc
        raise last or ComposerError("llm_unreachable")

    def compose(self, question: str, lang: str, topic: str, sources: list[Source]) -> Draft:
        if not sources:
            raise ComposerError("llm_no_sources")
        payload = {"model": self.model, "temperature": 0.1,
                   "messages": build_messages(question, lang, sources, self.prompt_version)}
        data = self._post(payload)
        try:
            text = str(data["choices"][0]["message"]["content"] or "").strip()
        except (KeyError, IndexError, TypeError) as exc:
            raise ComposerError("llm_bad_reply", "no choices[0].message.content") from exc
        if not text:
            raise ComposerError("llm_bad_reply", "empty answer")
        return Draft(text=text, composer=self.name, model_id=str(data.get("model") or self.model),
                     prompt_version=self.prompt_version)
