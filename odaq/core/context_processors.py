from django.conf import settings

from odaq.orgs.scopes import Cap, has_cap, is_staff_member


def platform(request):
    user = getattr(request, "user", None)
    staff = bool(user and user.is_authenticated and is_staff_member(user))
    return {
        "demo_mode": not settings.ODAQ_REQUIRE_STAFF_TOTP,
        "is_union_staff": staff,
        "can_manage_roles": staff and has_cap(user, Cap.MANAGE_ROLES),
        "can_publish_news": staff and has_cap(user, Cap.PUBLISH_NEWS),
        "can_view_audit": staff and has_cap(user, Cap.VIEW_AUDIT),
    }
