"""The audit log for auditors and central administrators; reading it is audited too."""

from django.core.paginator import Paginator
from django.shortcuts import render

from odaq.core import audit

from .. import selectors
from ..audit_labels import action_label, data_lines
from ..decorators import staff_required
from ..forms import AuditFilterForm
from ..scopes import Cap

PAGE_SIZE = 50


@staff_required(cap=Cap.VIEW_AUDIT)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    page = Paginator(selectors.audit_records_for(request.user, action=action), PAGE_SIZE).get_page(
        request.GET.get("page"))
    records = list(page.object_list)  # read before this view's own record is written
    for record in records:
        record.action_label = action_label(record.action)
        record.data_lines = data_lines(record.data)
    audit.record("audit.viewed", actor=request.user, request=request, data={"action": action, "page": page.number})
    return render(request, "orgs/audit_log.html", {"form": form, "page": page, "records": records})
