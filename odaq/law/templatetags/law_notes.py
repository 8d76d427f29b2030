from django import template

from odaq.law import notes

register = template.Library()


@register.simple_tag
def edition_note(edition):
    """The edition's note as facts (see ``odaq.law.notes``)."""
    return notes.parse(edition.note)


@register.simple_tag
def article_note(article):
    """What the edition's note says about this one article."""
    return notes.parse(article.edition.note).for_article(article.number)
