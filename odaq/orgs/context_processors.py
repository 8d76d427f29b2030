from .scopes import Cap, has_cap, is_staff_member


def staff(request):
    """What the navigation needs to know about the signed-in user's staff roles."""
    user = getattr(request, "user", None)
    is_staff = bool(user and user.is_authenticated and is_staff_member(user))
    return {
        "is_union_staff": is_staff,
        "can_manage_roles": is_staff and has_cap(user, Cap.MANAGE_ROLES),
        "can_publish_news": is_staff and has_cap(user, Cap.PUBLISH_NEWS),
        "can_view_audit": is_staff and has_cap(user, Cap.VIEW_AUDIT),
    }
