"""Fixed texts of the portal: consent wording and the central committee's contacts.

The contacts are placeholders; an operator overrides them with ``settings.ODAQ_CONTACTS``.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from odaq.orgs.choices import ConsentPurpose

CONSENT_TEXTS = {
    ConsentPurpose.MEMBERSHIP: _(
        "I agree that the trade union of education and science workers keeps my personal data "
        "(IIN, names, contacts, place of work and position) in its membership register, so that it can "
        "record my membership, represent me and report to union bodies. The data are stored in Kazakhstan "
        "and are not given to my employer or other third parties without a legal ground. I can withdraw "
        "this consent in my cabinet at any time."
    ),
    ConsentPurpose.LEGAL_AID: _(
        "I agree that union lawyers use my personal data and the documents I send to give me legal "
        "help and to handle my appeals."
    ),
    ConsentPurpose.NEWSLETTER: _(
        "I agree to receive union news and notifications by e-mail or messenger."
    ),
}

DEFAULT_CONTACTS = {
    "name": _("Central committee of the union"),
    "address": _("Astana, Kazakhstan (street address to be set by the operator)"),
    "email": "info@odaq.kz",
    "phone": "+7 7172 00 00 00",
    "hours": _("Monday to Friday, 9:00 to 18:00 (Astana time)"),
}


def consent_text(purpose: str):
    return CONSENT_TEXTS.get(purpose, "")


def contacts() -> dict:
    return {**DEFAULT_CONTACTS, **settings.ODAQ_CONTACTS}
