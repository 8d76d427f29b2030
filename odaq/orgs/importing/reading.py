"""Reading an uploaded member list into raw rows: size, type by content, XLSX or CSV parsing."""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 5 MB workbook never legitimately unpacks to more
BLANK_ROWS_END = 1000  # this many blank rows in a row end the sheet (formatted but empty rows)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls and other MS Office binary files
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Table:
    """Raw cells: the header row and the data rows with their row number in the file (header is 1)."""

    headers: list
    rows: list[tuple[int, list]]
    kind: str


def read_table(upload) -> Table:
    """Read an uploaded file into a ``Table``; the type is decided by content, never by name."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "limit": MAX_BYTES // 1048576},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    name = (getattr(upload, "name", "") or "").lower()
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(upload)
    if head.startswith(OLE_MAGIC):
        raise ValidationError(
            _("This is an old Excel (.xls) file or another binary document. Save it as .xlsx or CSV."),
            code="xls",
        )
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        raise ValidationError(_("This file is not an Excel workbook, although its name says so."),
                              code="not_xlsx")
    return _read_csv(upload.read())


def _not_xlsx() -> ValidationError:
    return ValidationError(_("This file is not an Excel workbook (.xlsx)."), code="not_xlsx")


def _read_xlsx(upload) -> Table:
    import openpyxl  # imported here: only imports need it

    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if "xl/workbook.xml" not in {i.filename for i in infos}:
                raise _not_xlsx()
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise ValidationError(_("This workbook is too large when unpacked."), code="too_large")
    except zipfile.BadZipFile as exc:
        raise _not_xlsx() from exc
    upload.seek(0)
    try:
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for damaged files
        raise ValidationError(_("This Excel workbook could not be read. Is it damaged?"), code="unreadable") from exc
    try:
        if not workbook.worksheets:
            raise ValidationError(_("The workbook has no sheets."), code="empty")
        sheet = workbook.worksheets[0]
        try:
            return _collect(enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1), "xlsx")
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ValidationError(_("This Excel workbook could not be read. Is it damaged?"),
                                  code="unreadable") from exc
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ValidationError(_("This file is neither an Excel workbook (.xlsx) nor a CSV text file."),
                              code="not_text")
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL.search(text):
            break
        return text
    raise ValidationError(_("This file is neither an Excel workbook (.xlsx) nor a CSV text file."),
                          code="not_text")


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _collect(((reader.line_num, row[:MAX_COLUMNS]) for row in reader), "csv")
    except csv.Error as exc:
        raise ValidationError(_("This CSV file could not be read near line %(line)s.") % {"line": reader.line_num},
                              code="unreadable") from exc


def is_blank(values) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def _collect(numbered_rows: Iterable[tuple[int, list]], kind: str) -> Table:
    headers = None
    rows: list[tuple[int, list]] = []
    blank_run = 0
    for number, values in numbered_rows:
        values = list(values)
        if is_blank(values):
            blank_run += 1
            if headers is not None and blank_run >= BLANK_ROWS_END:
                break
            continue
        blank_run = 0
        if headers is None:
            headers = values
            continue
        rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS},
                code="too_many_rows",
            )
    if headers is None:
        raise ValidationError(_("The file is empty."), code="empty")
    if not rows:
        raise ValidationError(_("The file has a header row but no members."), code="empty")
    return Table(headers=headers, rows=rows, kind=kind)

