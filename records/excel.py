"""Excel in and out for any kind of record (openpyxl): a template to fill in, and an import
that checks every row and names the sheet, row and column of each problem.

A sheet's first row holds the column names; a row whose entry cells (the sheet's
``trigger``: ``value`` for actuals) are all empty is skipped (the template lists every
subject, and staff fill in those they have). Other sheets (the ``说明`` sheet of the
template) are ignored.

An **export** is the template with the stored records in it, one row each, so that
importing an export changes nothing. Text that could start a formula is written with a
leading ``'`` (as the lists are, against formula injection) and read back without it:

>>> [unescape_text(escape_text(t)) for t in ("=1+1", "'=x", "-5", "光伏")]
['=1+1', "'=x", '-5', '光伏']
>>> escape_text("=1+1"), escape_text("'=x")
("'=1+1", "''=x")
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chainkg.graph_loader.derived import store_subgraph
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.sheets import FIXED_TIME, FORMULA_START, fixed_times
from chainkg.graph_loader.store import GraphStore
from chainkg.records.kinds import RecordKind
from chainkg.records.model import StoredRecord, WriteResult
from chainkg.records.store import RecordsStore
from chainkg.records.validate import (
    MAX_RECORDS,
    ItemError,
    RecordsInvalid,
    check_records,
    parse_items,
    write_records,
)

MAX_BYTES = 10 * 1024 * 1024
"""The largest workbook accepted (10 MB)."""
README_SHEET = "说明"
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8E1")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its name (row 1), its Chinese meaning, and the record field it
    fills (None: shown for reference, not read)."""

    name: str
    zh: str
    field: str | None = None
    width: int = 12
    required: bool = False
    """True when a sheet without this column cannot be imported."""
    numeric: Literal["int", "number"] | None = None
    """A number column: its cells are read as numbers (text like ``1,234.5`` too)."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of a kind's workbook: the subjects it lists and its columns."""

    name: str
    zh: str
    columns: tuple[Column, ...]
    rows: Callable[[PlanGraph], list[dict[str, Any]]]
    """The template's rows (values by column name) from the graph of the kind's labels."""
    trigger: tuple[str, ...] = ("value",)
    """The fields that make a row a record: a row whose cells of these are all empty is
    skipped."""


def node_rows(label: str) -> Callable[[PlanGraph], list[dict[str, Any]]]:
    """Return a sheet's rows function listing the nodes of ``label`` (id, name, English name)
    by their rank in the plan, then id."""

    def rows(graph: PlanGraph) -> list[dict[str, Any]]:
        nodes = [n for n in graph.nodes.values() if n.label == label]
        nodes.sort(key=lambda n: (n.props.get("rank") or 0, n.id))
        return [
            {"id": n.id, "name": n.props.get("name"), "name_en": n.props.get("name_en")}
            for n in nodes
        ]

    return rows


def node_sheet(
    name: str,
    zh: str,
    label: str,
    id_zh: str,
    columns: tuple[Column, ...],
    trigger: tuple[str, ...],
    *,
    english: bool = False,
) -> Sheet:
    """Return a sheet of the nodes of ``label``: the id (read as the subject), the name (and
    the English name), then ``columns``; ``trigger`` fields make a row a record."""
    subject = Column("id", f"{id_zh}编号（不要修改）", "subject", 26, required=True)
    named: tuple[Column, ...] = (Column("name", id_zh, width=20),)
    if english:
        named += (Column("name_en", "英文名", width=28),)
    return Sheet(name, zh, (subject, *named, *columns), node_rows(label), trigger=trigger)


@dataclass(frozen=True)
class CellError:
    """A problem of a workbook: sheet, row (1-based, as Excel shows it) and column name."""

    sheet: str | None
    row: int | None
    column: str | None
    reason: str
    column_letter: str | None = None

    @property
    def cell(self) -> str | None:
        """Return the cell reference (``J5``) when the column is known."""
        if self.row is None or self.column_letter is None:
            return None
        return f"{self.column_letter}{self.row}"

    def __str__(self) -> str:
        where = [
            f"sheet {self.sheet}" if self.sheet else "",
            f"row {self.row}" if self.row else "",
            f"column {self.column}" if self.column else "",
        ]
        return f"{', '.join(w for w in where if w) or 'workbook'}: {self.reason}"


class WorkbookInvalid(ValueError):
    """A workbook that cannot be imported; nothing was written."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the workbook; nothing was written")
        self.errors = errors


# ---------------------------------------------------------------- the template


def escape_text(text: str) -> str:
    """Return text safe in a cell: a leading ``'`` before what could start a formula (and
    before text that already starts so, so that :func:`unescape_text` undoes it exactly)."""
    if text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Return a cell's text as written before :func:`escape_text`."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def has_year(sheets: Sequence[Sheet]) -> bool:
    """Return True when the workbook has a ``year`` column (the template fills it in)."""
    return any(c.name == "year" for s in sheets for c in s.columns)


def _cells(values: list[Any]) -> list[Any]:
    return [escape_text(v) if isinstance(v, str) else v for v in values]


def write_template(
    kind: RecordKind,
    sheets: Sequence[Sheet],
    graph: GraphStore,
    year: int | None,
    stored: Sequence[StoredRecord] = (),
    subject: str | None = None,
) -> bytes:
    """Return the workbook of a kind (``.xlsx`` bytes): one sheet per subject list, then a
    ``说明`` sheet explaining the columns.

    Each subject (only ``subject``, when given) has one row per stored record (an export),
    or one empty row to fill in (``year`` filled in); records whose subject no sheet lists
    (orphans) are left out.
    """
    plan = store_subgraph(graph)
    by_subject: dict[str, list[StoredRecord]] = {}
    for record in stored:
        by_subject.setdefault(record.subject, []).append(record)
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        ws.append([c.name for c in sheet.columns])
        for row in sheet.rows(plan):
            if subject is not None and row["id"] != subject:
                continue
            found = by_subject.get(str(row["id"]), [])
            filled = [_filled(row, r, sheet) for r in found] or [{**row, "year": year}]
            for values in filled:
                ws.append(_cells([values.get(c.name) for c in sheet.columns]))
        _format(ws, sheet)
    readme = book.create_sheet(README_SHEET)
    readme.append(["sheet", "column", "说明"])
    for sheet in sheets:
        readme.append([sheet.name, "", sheet.zh])
        for c in sheet.columns:
            readme.append([sheet.name, c.name, c.zh + ("" if c.field else "（仅供参考，不导入）")])
    readme.column_dimensions["C"].width = 90
    book.properties.creator = "chainkg"
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_times(buffer.getvalue())  # the same workbook gives the same bytes


def _filled(row: dict[str, Any], record: StoredRecord, sheet: Sheet) -> dict[str, Any]:
    """Return a template row with a stored record's values in its entry columns."""
    values = {"subject": record.subject, **record.fields, "note": record.note}
    values["source"] = record.source
    return {**row, **{c.name: values.get(c.field) for c in sheet.columns if c.field}}


def _format(ws: Worksheet, sheet: Sheet) -> None:
    ws.freeze_panes = "C2"
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        ws.cell(1, i).font = Font(bold=True)
        if column.field and column.field != "subject":
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.fill = EDITABLE_FILL


# ---------------------------------------------------------------- reading


def _number(value: Any, *, integer: bool) -> Any:
    """Return a cell's value as a number where it is one (text like ``1,234.5`` included);
    anything else unchanged, for the model to reject."""
    if isinstance(value, bool | datetime | date | time):
        return str(value)
    if isinstance(value, float) and integer and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            number = float(text)
        except ValueError:
            return value
        return int(number) if number.is_integer() and (integer or "." not in text) else number
    return value


def _text(value: Any) -> str | None:
    """Return a cell as text (a date as ``2025-03-01``), None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = unescape_text(str(value).strip())
    return text or None


@dataclass(frozen=True)
class _Row:
    sheet: str
    row: int
    letters: dict[str, str]
    """The column letter of each field."""


def _open(data: bytes, *, values: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), data_only=values, read_only=False)
    except Exception as exc:  # a broken file raises anything from zip, XML or openpyxl itself
        raise WorkbookInvalid(
            [CellError(None, None, None, f"not an Excel workbook (.xlsx): {exc}")]
        ) from None


def read_workbook(
    data: bytes, sheets: Sequence[Sheet]
) -> tuple[list[dict[str, Any]], list[_Row], list[CellError]]:
    """Return the filled-in rows of the known sheets as record items, where each came from,
    and the problems found reading them (missing columns, formulas without a value)."""
    if len(data) > MAX_BYTES:
        raise WorkbookInvalid([CellError(None, None, None, f"larger than {MAX_BYTES} bytes")])
    book = _open(data, values=True)
    formulas: Any = None
    known = {s.name: s for s in sheets}
    present = [name for name in book.sheetnames if name in known]
    if not present:
        names = ", ".join(known)
        raise WorkbookInvalid([CellError(None, None, None, f"no sheet named {names}")])
    items: list[dict[str, Any]] = []
    where: list[_Row] = []
    errors: list[CellError] = []
    for name in present:
        ws = book[name]
        header = [_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
        index = {h.lower(): i for i, h in enumerate(header) if h}
        columns = [c for c in known[name].columns if c.field]
        missing = [c for c in columns if c.required and c.name not in index]
        errors += [CellError(name, 1, c.name, "this column is missing") for c in missing]
        if missing:
            continue
        fields = {c.field: index[c.name] for c in columns if c.field and c.name in index}
        numeric = {c.field: c.numeric for c in columns if c.field and c.numeric}
        letters = {f: get_column_letter(i + 1) for f, i in fields.items()}
        titles = {c.field: c.name for c in columns if c.field}
        trigger = [f for f in known[name].trigger if f in fields]
        for r, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            raw = {f: cells[i] if i < len(cells) else None for f, i in fields.items()}
            if all(_text(raw.get(f)) is None for f in trigger):
                if formulas is None:
                    formulas = _open(data, values=False)
                for f in trigger:
                    cell = formulas[name].cell(r, fields[f] + 1).value
                    if isinstance(cell, str) and cell.startswith("="):
                        errors.append(
                            CellError(
                                name,
                                r,
                                titles[f],
                                "a formula with no saved result: open and save the file in Excel",
                                letters[f],
                            )
                        )
                continue
            items.append(
                {
                    f: _number(v, integer=numeric[f] == "int") if f in numeric else _text(v)
                    for f, v in raw.items()
                }
            )
            where.append(_Row(name, r, letters))
    return items, where, errors


def _cell_error(error: ItemError, where: list[_Row], sheets: Sequence[Sheet]) -> CellError:
    if error.index >= len(where):
        return CellError(None, None, None, f"{error.field}: {error.reason}")
    row = where[error.index]
    field = error.field.split(".")[0]
    names = {c.field: c.name for s in sheets if s.name == row.sheet for c in s.columns}
    column = names.get(field, field)
    return CellError(row.sheet, row.row, column, error.reason, row.letters.get(field))


def import_workbook(
    kind: RecordKind,
    sheets: Sequence[Sheet],
    data: bytes,
    graph: GraphStore,
    store: RecordsStore,
    *,
    actor: str,
    origin: str | None,
    default_source: str | None = None,
) -> WriteResult:
    """Check every filled-in row of a workbook, then write them all at once (or nothing).

    A row with no ``source`` cites ``default_source`` (the workbook itself, by the callers:
    the name given, else the file's name); without one, such a row is a problem.
    Raises :class:`WorkbookInvalid` listing every problem by sheet, row and column.
    """
    items, where, errors = read_workbook(data, sheets)
    for item in items:
        if default_source and not item.get("source"):
            item["source"] = default_source
    if not items and not errors:
        column = sheets[0].trigger[0] if sheets and sheets[0].trigger else None
        errors.append(CellError(None, None, column, "no row has a value: nothing to import"))
    if len(items) > MAX_RECORDS:
        errors.append(CellError(None, None, None, f"more than {MAX_RECORDS} rows"))
    parsed, item_errors = parse_items(kind, items)
    item_errors += check_records(kind, parsed, graph)
    item_errors.sort(key=lambda e: e.index)
    errors += [_cell_error(e, where, sheets) for e in item_errors]
    if errors:
        raise WorkbookInvalid(errors)
    records = [r for r in parsed if r is not None]
    try:
        return write_records(
            kind, records, graph, store, actor=actor, action=f"{kind.plural}.import", origin=origin
        )
    except RecordsInvalid as exc:  # checked above; kept for a graph that changed meanwhile
        raise WorkbookInvalid([_cell_error(e, where, sheets) for e in exc.errors]) from None
