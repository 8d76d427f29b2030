from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

SUPPORTED = {code for code, _ in settings.LANGUAGES}


def _accepted_language(request) -> str | None:
    """The first supported language of the Accept-Language header (``ru-KZ`` counts as ``ru``)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in SUPPORTED:
            return base
    return None


class LanguageMiddleware:
    """Kazakh by default; the switcher's cookie wins, then the signed-in user's preference.

    API clients (the mobile app, integrations) have no cookie and are authenticated only later, by DRF: under
    ``/api/`` the Accept-Language header is honoured before the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in SUPPORTED and request.path.startswith("/api/"):
            lang = _accepted_language(request)
        if lang not in SUPPORTED:
            user = getattr(request, "user", None)
            lang = getattr(user, "language", None) if user is not None and user.is_authenticated else None
        if lang not in SUPPORTED:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        patch_vary_headers(response, ("Cookie", "Accept-Language") if request.path.startswith("/api/") else ("Cookie",))
        return response


class ContentSecurityPolicyMiddleware:
    """``Content-Security-Policy`` (``ODAQ_CONTENT_SECURITY_POLICY``) on every response that has none of its own
    (an attachment download sets a stricter one)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.ODAQ_CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
