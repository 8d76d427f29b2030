"""What every law-text parser returns: plain data, no database."""

from dataclasses import dataclass, field


class ParseError(ValueError):
    """The input cannot be read as an act (unknown format, empty, no articles, half-parsed)."""


@dataclass
class ParsedPoint:
    number: str  # "1", "2-1", "3)" without the bracket: "3"
    text: str
    subpoints: list["ParsedPoint"] = field(default_factory=list)


@dataclass
class ParsedHeading:
    kind: str  # "part" | "section" | "chapter" | "paragraph"
    number: str  # "1", "3-1", "" when unnumbered (e.g. "ОБЩАЯ ЧАСТЬ")
    title: str
    parent: int | None = None  # index of the enclosing heading in ParsedAct.headings


@dataclass
class ParsedArticle:
    number: str  # as text: "52", "20-1"
    title: str
    body: str  # the article's own text, footnotes and notes removed; points separated by newlines
    points: list[ParsedPoint] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes ("Сноска. …", "Ескерту. …") and ИЗПИ/РЦПИ notes
    repealed: bool = False  # "Статья 9. Исключена …" / "…алып тасталды"
    heading: int | None = None  # index of the innermost heading in ParsedAct.headings


@dataclass
class ParsedAct:
    act_id: str  # adilet id, e.g. "K1500000414"
    lang: str  # "kk" | "ru"
    title: str
    articles: list[ParsedArticle]
    headings: list[ParsedHeading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
