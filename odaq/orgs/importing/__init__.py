"""Bulk member import: reading and checking a list (XLSX or CSV) before anything is saved.

Pure functions: ``read_table`` turns an uploaded file into rows (refusing files that are too
big, not what they claim or unreadable), ``validate_rows`` checks every row and returns the
clean data with a per-row error report. The save is ``services.import_members``.
"""

from collections.abc import Callable

from .checking import COLUMNS, REQUIRED, ImportReport, ImportRow, RowError, map_columns, validate_rows
from .reading import MAX_BYTES, MAX_ROWS, OLE_MAGIC, Table, read_table


def check_file(upload, *, current_member_iins: Callable[[set[str]], set[str]]) -> ImportReport:
    return validate_rows(read_table(upload), current_member_iins=current_member_iins)


def template_csv() -> str:
    """The header row of an import file: UTF-8 with a BOM and ``;``, as Excel expects in Kazakh and Russian locales."""
    return "\ufeff" + ";".join(COLUMNS) + "\r\n"


__all__ = ["COLUMNS", "MAX_BYTES", "MAX_ROWS", "OLE_MAGIC", "REQUIRED", "ImportReport", "ImportRow", "RowError",
           "Table", "check_file", "map_columns", "read_table", "template_csv", "validate_rows"]
