from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core.i18n import localized_with_language
from odaq.orgs.models import Organisation

# (text, language code) of a field in the active language, with core's fallback order (kk → ru → en).
pick_language = localized_with_language


class News(models.Model):
    """A news item published for one node of the tree; its members (and the node's subtree) read it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="news", verbose_name=_("organisation")
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_kk = models.TextField(_("text (Kazakh)"), max_length=20000)
    body_ru = models.TextField(_("text (Russian)"), max_length=20000)
    body_en = models.TextField(_("text (English)"), max_length=20000, blank=True)
    published_at = models.DateTimeField(_("publication time"), default=timezone.now, db_index=True)
    is_published = models.BooleanField(_("published"), default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self, "title")[0]

    @property
    def title_lang(self) -> str:
        return pick_language(self, "title")[1]

    @property
    def body(self) -> str:
        return pick_language(self, "body")[0]

    @property
    def body_lang(self) -> str:
        return pick_language(self, "body")[1]

    @property
    def is_live(self) -> bool:
        return self.is_published and self.published_at <= timezone.now()
