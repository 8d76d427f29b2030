"""CSV and XLSX export of the staff queue (the caller's scope, the caller's filters)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

EXPORT_MAX = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    """Spreadsheet formula injection: text starting with = + - @ is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _header() -> list[str]:
    return [_("Number"), _("Filed"), _("Region"), _("Organisation"), _("Member"), _("Topic"), _("Subject"),
            _("Status"), _("Assignee"), _("Answer due"), _("Overdue"), _("Result"), _("Economic effect, tenge"),
            _("Rating")]


def _row(a) -> list:
    return [a.number, timezone.localtime(a.created_at).strftime("%Y-%m-%d %H:%M"), a.region.code,
            a.organisation.name, a.person.full_name, a.topic.name, _safe(a.subject), a.get_status_display(),
            str(a.assignee or ""), a.due_date.isoformat() if a.due_date else "", _("yes") if a.is_overdue else "",
            a.get_result_display() if a.result else "", a.economic_effect if a.economic_effect is not None else "",
            a.rating or ""]


class _Echo:
    def write(self, value):
        return value


def export_response(qs, kind: str):
    qs = qs[:EXPORT_MAX]
    count = qs.count()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Appeals"))
        sheet.append(_header())
        for appeal in qs.iterator(chunk_size=2000):
            sheet.append([_safe(v) for v in _row(appeal)])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    else:
        writer = csv.writer(_Echo())
        rows = (writer.writerow([_safe(v) for v in _row(a)]) for a in qs.iterator(chunk_size=2000))
        response = StreamingHttpResponse(_chain("\ufeff", writer.writerow(_header()), rows),
                                         content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appeals-{stamp}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response, count


def _chain(*parts):
    for part in parts:
        if isinstance(part, str):
            yield part
        else:
            yield from part
