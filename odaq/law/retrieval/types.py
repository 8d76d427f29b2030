"""Plain data of the retrieval engine: what goes in (passages) and what comes out (hits)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Passage:
    """A piece of one article in one language; long articles are split into several passages."""

    pid: int
    act: str  # adilet id, e.g. "K1500000414"
    number: str  # article number as text: "52", "20-1"
    lang: str  # "kk" | "ru"
    text: str  # always starts with the article heading (number and title)
    title: str = ""

    @property
    def article(self) -> tuple[str, str]:
        return (self.act, self.number)


@dataclass(frozen=True)
class Hit:
    """One retrieved article, with its best passage (in the asker's language when that edition exists)."""

    act: str
    number: str
    score: float
    pid: int  # best passage
    lang: str  # language of the best passage
    snippet: str  # a window of the best passage around the matched words
    spans: tuple[tuple[int, int], ...] = field(default=())  # matched words, offsets in ``snippet``
    title: str = ""

    @property
    def article(self) -> tuple[str, str]:
        return (self.act, self.number)
