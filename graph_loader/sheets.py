"""A list (:class:`~chainkg.graph_loader.lists.Table`) written as JSON, CSV or .xlsx.

- **JSON**: ``{"name", "title", "title_en", "columns": [{key, title, title_en}], "rows":
  [{key: value}], "notes": [...]}``.
- **CSV**: UTF-8 with a byte-order mark (so Excel shows the Chinese), the Chinese headers,
  one line per row.
- **.xlsx** (openpyxl): the list on the first sheet with a styled header, the first row
  frozen, an autofilter, set column widths, wrapped long text, growth rates as
  percentages, the cells a list marks (stated / derived) filled apart; a second sheet
  ``说明`` says how the list was made.

Text that a spreadsheet could read as a formula (a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralized by :func:`neutralize` in CSV and .xlsx,
as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import datetime
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chainkg.graph_loader.lists import Cell, Table

Format = Literal["json", "csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("xlsx", "csv", "json")
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a cell may not start with in a spreadsheet: it could run as a formula (OWASP)."""
FIXED_TIME = datetime(2025, 1, 1)
"""The workbook's creation and modification time, so that equal lists give equal files."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time of every entry of the .xlsx zip, for the same reason."""
HEADER_FILL = PatternFill("solid", fgColor="00695C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MARK_FILLS = {
    "stated": PatternFill("solid", fgColor="80CBC4"),
    "derived": PatternFill("solid", fgColor="E0F2F1"),
}
THIN = Side(style="thin", color="B0BEC5")
WRAP_FROM = 20
"""Columns at least this wide wrap their text."""
NOTES_SHEET = "说明"


def neutralize(value: Any) -> Any:
    """Return ``value`` safe in a spreadsheet: text starting like a formula gets a leading ``'``.

    Numbers and other values are returned unchanged.

    >>> neutralize("=HYPERLINK(1)"), neutralize("-1"), neutralize(-1), neutralize("光伏")
    ("'=HYPERLINK(1)", "'-1", -1, '光伏')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def file_name(table: Table, fmt: Format) -> str:
    """Return the list's file name, in Chinese: ``产业链清单.xlsx``."""
    return f"{table.title}.{fmt}"


def ascii_file_name(name: str, fmt: str) -> str:
    """Return the file name of list ``name`` in ASCII, for clients that cannot take another.

    >>> ascii_file_name("chains", "xlsx")
    'chainkg-chains.xlsx'
    """
    return f"chainkg-{name}.{fmt}"


def to_json(table: Table) -> dict[str, Any]:
    """Return the list as a JSON-ready dict."""
    return {
        "name": table.name,
        "title": table.title,
        "title_en": table.title_en,
        "columns": [
            {"key": c.key, "title": c.title, "title_en": c.title_en} for c in table.columns
        ],
        "rows": table.rows,
        "notes": table.notes,
    }


def to_csv(table: Table) -> bytes:
    """Return the list as CSV: UTF-8 with a byte-order mark, Chinese headers."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralize(c.title) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(row[c.key]) for c in table.columns])
    return text.getvalue().encode("utf-8-sig")


def _csv_cell(value: Cell) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    safe: Cell = neutralize(value)
    return safe


def to_xlsx(table: Table) -> bytes:
    """Return the list as an .xlsx workbook: the list, then the ``说明`` sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = table.title[:31]
    ws.append([c.title for c in table.columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = Border(bottom=THIN)
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns, start=1):
            cell = ws.cell(row=i + 2, column=j)
            value = row[column.key]
            if isinstance(value, str):
                cell.value = neutralize(value)
                cell.data_type = "s"  # text, never a formula
            else:
                cell.value = value
            if column.number_format and isinstance(value, int | float):
                cell.number_format = column.number_format
            if column.width >= WRAP_FROM:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
            mark = table.marks.get((i, column.key))
            if mark in MARK_FILLS:
                cell.fill = MARK_FILLS[mark]
    for j, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = column.width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    notes = wb.create_sheet(NOTES_SHEET)
    notes.column_dimensions["A"].width = 110
    lines = [f"{table.title}（{table.title_en}）", *table.notes, "", "列（Columns）："]
    lines += [f"{c.title}：{c.title_en}" for c in table.columns]
    for line in lines:
        notes.append([neutralize(line)])
        notes.cell(row=notes.max_row, column=1).alignment = Alignment(wrap_text=True)
    notes["A1"].font = Font(bold=True, size=13)
    wb.properties.creator = "chainkg"
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return fixed_times(buffer.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fixed_times(data: bytes) -> bytes:
    """Return the zip ``data`` with every entry dated :data:`ZIP_TIME`, and the workbook's
    modification time (which openpyxl sets when saving) :data:`FIXED_TIME`."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(entry, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def render(table: Table, fmt: Format) -> bytes:
    """Return the list in ``fmt`` as bytes."""
    if fmt == "xlsx":
        return to_xlsx(table)
    if fmt == "csv":
        return to_csv(table)
    return json.dumps(to_json(table), ensure_ascii=False).encode()
