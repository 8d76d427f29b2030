"""Staff roles within the administrator's subtree: list, grant, revoke."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..decorators import staff_required
from ..forms import RoleGrantForm, add_service_errors
from ..scopes import Cap, grantable_roles

PAGE_SIZE = 100


def _render_list(request, form, *, status: int = 200):
    page = Paginator(selectors.roles_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(grant, grant.role in grantable_roles(request.user, grant.organisation)) for grant in page]
    return render(request, "orgs/role_list.html", {"form": form, "page": page, "rows": rows}, status=status)


@staff_required(cap=Cap.MANAGE_ROLES)
def role_list(request):
    return _render_list(request, RoleGrantForm(user=request.user))


@require_POST
@staff_required(cap=Cap.MANAGE_ROLES)
def role_grant(request):
    form = RoleGrantForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(request.user, data["login"], data["role"], data["organisation"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("role", str(exc) or _("You may not grant this role in that organisation."))
        else:
            messages.success(request, _("The role is granted."))
            return redirect("orgs:role_list")
    return _render_list(request, form)


@require_POST
@staff_required(cap=Cap.MANAGE_ROLES)
def role_revoke(request, pk: int):
    grant = get_object_or_404(selectors.roles_for(request.user), pk=pk)
    try:
        services.revoke_role(request.user, grant, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role is revoked."))
    return redirect("orgs:role_list")
