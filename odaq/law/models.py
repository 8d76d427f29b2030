from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core.i18n import localized

LANGS = [("kk", _("Kazakh")), ("ru", _("Russian"))]


class ActKind(models.TextChoices):
    CODE = "code", _("Code")
    LAW = "law", _("Law")
    OTHER = "other", _("Other act")


class Act(models.Model):
    """A normative legal act, identified as on adilet.zan.kz (e.g. K1500000414)."""

    adilet_id = models.CharField(_("adilet id"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=ActKind.choices, default=ActKind.LAW)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    short_kk = models.CharField(_("short name (Kazakh)"), max_length=100, blank=True)
    short_ru = models.CharField(_("short name (Russian)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("act")
        verbose_name_plural = _("acts")
        ordering = ["adilet_id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title") or self.adilet_id


class Edition(models.Model):
    """One imported text of an act in one language. Re-importing creates a new edition."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="editions")
    lang = models.CharField(_("language"), max_length=2, choices=LANGS)
    as_of = models.DateField(_("text as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500)
    sha256 = models.CharField(max_length=64)
    note = models.TextField(_("note"), blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    is_current = models.BooleanField(_("current"), default=True)
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["act", "lang"], condition=Q(is_current=True),
                                               name="one_current_edition_per_act_language")]

    def __str__(self) -> str:
        return f"{self.act.adilet_id} {self.lang} {self.as_of or ''}"


class Heading(models.Model):
    """Part, section, chapter or paragraph of an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="headings")
    kind = models.CharField(max_length=16)
    number = models.CharField(max_length=16, blank=True)
    title = models.CharField(max_length=1000)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="articles")
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="articles")
    lang = models.CharField(max_length=2, choices=LANGS)
    number = models.CharField(_("number"), max_length=16)
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=1000)
    body = models.TextField(_("text"))
    points = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    repealed = models.BooleanField(_("repealed"), default=False)
    heading = models.ForeignKey(Heading, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    text_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="one_article_number_per_edition")]
        indexes = [models.Index(fields=["act", "number", "lang"])]

    def __str__(self) -> str:
        return f"{self.act.adilet_id} {self.number} ({self.lang})"

    @property
    def heading_line(self) -> str:
        """ "Статья 52. Title" / "52-бап. Title", as the act itself writes it."""
        return article_heading(self.number, self.lang, self.title)

    @property
    def official_url(self) -> str:
        """The act's official text on adilet.zan.kz, in this article's language."""
        return official_url(self.act.adilet_id, self.lang)


def official_url(adilet_id: str, lang: str) -> str:
    return f"https://adilet.zan.kz/{'kaz' if lang == 'kk' else 'rus'}/docs/{adilet_id}"


def article_heading(number: str, lang: str, title: str) -> str:
    label = f"{number}-бап." if lang == "kk" else f"Статья {number}."
    return f"{label} {title}".strip()


class ChangeKind(models.TextChoices):
    ADDED = "added", _("added")
    REMOVED = "removed", _("removed")
    CHANGED = "changed", _("text changed")


class ArticleChange(models.Model):
    """What a re-import changed, article by article, against the previous edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="changes")
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="changes")
    lang = models.CharField(max_length=2, choices=LANGS)
    number = models.CharField(max_length=16)
    kind = models.CharField(max_length=8, choices=ChangeKind.choices)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
        indexes = [models.Index(fields=["act", "number", "lang"])]

    def __str__(self) -> str:
        return f"{self.act.adilet_id} {self.number} {self.kind}"


class Citation(models.Model):
    """Something (an AI answer, a document, an appeal) that cites an article, so that a later
    change of that article can find everything resting on it."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="citations")
    number = models.CharField(max_length=16)
    lang = models.CharField(max_length=2, choices=LANGS)
    text_hash = models.CharField(max_length=64, help_text="hash of the article text that was cited")
    cited_at = models.DateTimeField(default=timezone.now)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    cited_by = GenericForeignKey("content_type", "object_id")

    class Meta:
        indexes = [models.Index(fields=["act", "number", "lang"]), models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.act.adilet_id} {self.number} ← {self.content_type_id}:{self.object_id}"
