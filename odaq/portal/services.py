"""Writes of the portal: news and a member's own contact details. Every write is audited."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odaq.core import audit
from odaq.core.models import User
from odaq.orgs.models import Organisation, Person
from odaq.orgs.scopes import Cap, can

from .models import News

NEWS_FIELDS = ("title_kk", "title_ru", "title_en", "body_kk", "body_ru", "body_en", "published_at", "is_published")
CONTACT_FIELDS = ("phone", "email", "language")
PROFILE_LANGUAGES = ("kk", "ru")


def _require_publish(actor, organisation: Organisation) -> None:
    if organisation is None or not can(actor, Cap.PUBLISH_NEWS, organisation):
        raise PermissionDenied(_("You may not publish news for that organisation."))


def _clean_text(data: dict) -> dict:
    out = {}
    for name in NEWS_FIELDS:
        if name not in data:
            continue
        value = data[name]
        out[name] = value.strip() if isinstance(value, str) else value
    if out.get("published_at") is None and "published_at" in out:
        del out["published_at"]
    return out


@transaction.atomic
def create_news(actor, organisation: Organisation, data: dict, *, request=None) -> News:
    """Publish (or save as a draft) a news item for a node in the actor's publishing scope."""
    _require_publish(actor, organisation)
    news = News(organisation=organisation, author=actor, **_clean_text(data))
    news.full_clean()
    news.save()
    audit.record("news.created", actor=actor, obj=news, request=request,
                 data={"organisation": organisation.pk, "published": news.is_published})
    return news


@transaction.atomic
def update_news(actor, news: News, data: dict, *, organisation: Organisation | None = None,
                request=None) -> News:
    """Change a news item; both its current node and a new node must be in the actor's scope."""
    news = News.objects.select_for_update().get(pk=news.pk)
    _require_publish(actor, news.organisation)
    changed = {}
    if organisation is not None and organisation.pk != news.organisation_id:
        _require_publish(actor, organisation)
        changed["organisation"] = {"before": news.organisation_id, "after": organisation.pk}
        news.organisation = organisation
    for name, value in _clean_text(data).items():
        if name == "published_at" and abs((value - news.published_at).total_seconds()) < 60:
            continue  # the form shows minutes only: an untouched time is not a change
        if getattr(news, name) != value:
            changed[name] = {"before": getattr(news, name), "after": value}
            setattr(news, name, value)
    if not changed:
        return news
    news.updated_at = timezone.now()
    news.full_clean()
    news.save()
    # Record which fields changed; texts themselves stay in the news row, not in the log.
    summary = {k: v for k, v in changed.items() if k in ("organisation", "published_at", "is_published")}
    audit.record("news.changed", actor=actor, obj=news, request=request,
                 data={"fields": sorted(changed), **summary})
    return news


@transaction.atomic
def update_my_contacts(user, data: dict, *, request=None) -> Person:
    """A member changes her own phone, e-mail and language; her login follows (phone and e-mail)."""
    person = Person.objects.select_for_update().filter(user=user).first()
    if person is None:
        raise PermissionDenied
    phone = (data.get("phone") or "").strip()
    email = (data.get("email") or "").strip()
    language = data.get("language") or person.language
    errors: dict[str, list[str]] = {}
    if email and User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        errors["email"] = [_("This e-mail is already used by another account.")]
    if phone and User.objects.filter(phone=phone).exclude(pk=user.pk).exists():
        errors["phone"] = [_("This phone is already used by another account.")]
    if not phone and not email:
        errors[NON_FIELD_ERRORS] = [_("Keep a phone or an e-mail: you log in with them.")]
    if errors:
        raise ValidationError(errors)
    before = {f: getattr(person, f) for f in CONTACT_FIELDS}
    person.phone, person.email, person.language = phone, email, language
    person.full_clean(exclude=["user"])
    after = {f: getattr(person, f) for f in CONTACT_FIELDS}
    changes = {f: {"before": before[f], "after": after[f]} for f in CONTACT_FIELDS if before[f] != after[f]}
    if not changes:
        return person
    person.save(update_fields=list(CONTACT_FIELDS))
    user.email = User.objects.normalize_email(email) or None
    user.phone = phone or None
    user.language = language
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "phone", "language"])
    except IntegrityError as exc:
        raise ValidationError(_("An account with these details already exists.")) from exc
    audit.record("person.contacts_changed", actor=user, obj=person, request=request, data={"changes": changes})
    return person


REGISTRATION_WINDOW = 3600  # seconds


def count_registration_attempt(request) -> bool:
    """Count one registration attempt of this client address (``core.net.client_ip``) in the shared cache; False once
    it has tried more than ``ODAQ_REGISTRATION_LIMIT`` times within the hour."""
    from django.conf import settings
    from django.core.cache import cache

    from odaq.core.net import client_ip

    key = f"odaq:register:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, REGISTRATION_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, REGISTRATION_WINDOW)
        count = 1
    return count <= settings.ODAQ_REGISTRATION_LIMIT


@transaction.atomic
def remember_language(user, language: str) -> bool:
    """The interface language a signed-in user switched to becomes her preferred language (notifications and
    e-mails follow it). Only the profile's languages (Kazakh, Russian) are kept; returns whether anything changed."""
    if language not in PROFILE_LANGUAGES:
        return False
    changed = User.objects.filter(pk=user.pk).exclude(language=language).update(language=language)
    changed += Person.objects.filter(user=user).exclude(language=language).update(language=language)
    user.language = language
    return bool(changed)
