from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .scopes import Cap, has_cap, is_staff_member


def staff_required(view=None, *, cap: Cap | None = None):
    """Allow union staff only (optionally holding ``cap`` somewhere); others get 403."""

    def decorate(func):
        @login_required
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            if not is_staff_member(request.user) or (cap is not None and not has_cap(request.user, cap)):
                raise PermissionDenied
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
