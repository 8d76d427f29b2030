from django.conf import settings


def platform(request):
    return {"demo_mode": not settings.ODAQ_REQUIRE_STAFF_TOTP}
