"""CSV and XLSX files of the staff queue (the requester's scope, her filters); built by services.build_export."""

import csv
import io

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


CHUNK = 2000


def write_export(qs, kind: str, out, progress=None) -> int:
    """Write the rows of ``qs`` (already scoped and filtered) to the binary file ``out``; ``progress(n)`` is
    called after every chunk of rows. Returns the number of rows."""
    qs = qs[:EXPORT_MAX]
    done = 0
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Appeals"))
        sheet.append(_header())
        for appeal in qs.iterator(chunk_size=CHUNK):
            sheet.append([_safe(v) for v in _row(appeal)])
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        book.save(out)
    else:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(_header())
        for appeal in qs.iterator(chunk_size=CHUNK):
            writer.writerow([_safe(v) for v in _row(appeal)])
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        text.flush()
        text.detach()
    return done
