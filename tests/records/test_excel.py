"""The actuals workbook: the template, and imports that check every row, name the sheet, row
and column of each problem, write all or nothing, and change nothing the second time."""

from __future__ import annotations

import io
import threading
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from chainkg.graph_loader.store import GraphStore
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.excel import WorkbookInvalid, import_workbook, write_template
from chainkg.records.store import RecordsStore
from tests.api.conftest import TestClient
from tests.records.conftest import Keys


def zip_of(files: dict[str, bytes]) -> bytes:
    """Return a zip archive of ``files`` (a broken workbook)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def template(store: GraphStore, year: int = 2025) -> Any:
    return load_workbook(io.BytesIO(write_template(ACTUALS, ACTUAL_SHEETS, store, year)))


def save(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def columns(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): i + 1 for i, c in enumerate(ws[1])}


def row_of(ws: Worksheet, subject: str) -> int:
    col = columns(ws)["id"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == subject)


def fill(
    ws: Worksheet, subject: str, value: Any, source: Any = "2025年统计快报", **cells: Any
) -> int:
    col = columns(ws)
    r = row_of(ws, subject)
    ws.cell(r, col["value"]).value = value
    ws.cell(r, col["source"]).value = source
    for name, v in cells.items():
        ws.cell(r, col[name]).value = v
    return r


def do_import(book: Any, store: GraphStore, records: RecordsStore, actor: str = "t") -> Any:
    return import_workbook(
        ACTUALS, ACTUAL_SHEETS, save(book), store, records, actor=actor, origin="test"
    )


def test_the_template_lists_the_30_chains_first(embedded_store: GraphStore) -> None:
    book = template(embedded_store, 2026)
    assert book.sheetnames == ["chains", "measures", "indicators", "说明"]
    chains = book["chains"]
    assert list(columns(chains))[:4] == ["id", "name", "name_en", "group"]
    assert {"year", "value", "note", "source"} <= set(columns(chains))
    ids = [chains.cell(r, 1).value for r in range(2, chains.max_row + 1)]
    annex = sorted(embedded_store.run("nodes", label="Chain"), key=lambda r: r["node"]["rank"])
    assert ids == [r["node"]["id"] for r in annex] and len(ids) == 30
    assert chains.cell(2, columns(chains)["name"]).value == annex[0]["node"]["name"]
    assert {chains.cell(r, columns(chains)["year"]).value for r in range(2, 32)} == {2026}
    assert all(chains.cell(r, columns(chains)["value"]).value is None for r in range(2, 32))
    targets = {r["node"]["id"] for r in embedded_store.run("nodes", label="Target")}
    measure_ids = {
        book["measures"].cell(r, 1).value for r in range(2, book["measures"].max_row + 1)
    }
    assert measure_ids == targets
    indicators = {r["node"]["id"] for r in embedded_store.run("nodes", label="Indicator")}
    ind_ids = {
        book["indicators"].cell(r, 1).value for r in range(2, book["indicators"].max_row + 1)
    }
    assert ind_ids == indicators


def test_an_import_writes_the_filled_rows_and_a_second_changes_nothing(
    store: GraphStore, records: RecordsStore
) -> None:
    book = template(store)
    fill(book["chains"], "chain.pv", 321.5, note="快报")
    fill(book["chains"], "chain.chemical_drugs", "190")  # a number typed as text
    fill(book["measures"], "target.tech_renovation_projects", 488)
    fill(book["indicators"], "ind.rd_intensity_2027", 2.7)
    first = do_import(book, store, records)
    assert (first.created, first.unchanged, first.audit_id) == (4, 0, 1)
    stored = {r.subject: r for r in records.records()}
    assert stored["chain.pv"].fields == {"year": 2025, "value": 321.5}
    assert stored["chain.pv"].note == "快报" and stored["chain.pv"].source == "2025年统计快报"
    assert stored["chain.chemical_drugs"].fields["value"] == 190
    second = do_import(book, store, records, actor="someone-else")
    assert second.audit_id is None and second.unchanged == 4 and second.created == 0
    assert records.version() == 1
    assert {r.written_by for r in records.records()} == {"t"}


def test_every_problem_names_sheet_row_and_column_and_nothing_is_written(
    store: GraphStore, records: RecordsStore
) -> None:
    book = template(store)
    ok = fill(book["chains"], "chain.pv", 300)
    bad_value = fill(book["chains"], "chain.hydrogen", "很多")
    no_source = fill(book["chains"], "chain.biopharma", 20, source=None)
    bad_year = fill(book["measures"], "target.tech_renovation_projects", 500, year=2031)
    negative = fill(book["indicators"], "ind.revenue_2027", -1)
    book["chains"].cell(ok, 1).value = "park.taixing_edz"  # a subject of another kind
    with pytest.raises(WorkbookInvalid) as caught:
        do_import(book, store, records)
    found = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert found == {
        ("chains", ok, "id"),
        ("chains", bad_value, "value"),
        ("chains", no_source, "source"),
        ("measures", bad_year, "year"),
        ("indicators", negative, "value"),
    }
    cells = {e.cell for e in caught.value.errors}
    value_col = next(e for e in caught.value.errors if e.row == bad_value).column_letter
    assert f"{value_col}{bad_value}" in cells
    assert records.records() == [] and records.version() == 0


def test_a_row_without_a_source_cites_the_workbook(
    api: TestClient, keys: Keys, store: GraphStore
) -> None:
    book = template(store)
    fill(book["chains"], "chain.pv", 300, source=None)
    files = {"file": ("泰州2025年快报.xlsx", save(book))}
    assert (
        api.post("/api/v1/actuals/import", files=files, headers=keys["editor"]).status_code == 200
    )
    (item,) = api.get("/api/v1/actuals").json()["items"]
    assert item["source"] == "泰州2025年快报.xlsx"
    given = api.post(
        "/api/v1/actuals/import", files=files, data={"source": "统计年报"}, headers=keys["editor"]
    ).json()
    assert given["replaced"] == 1
    assert api.get("/api/v1/actuals").json()["items"][0]["source"] == "统计年报"


def test_a_duplicate_row_is_named(store: GraphStore, records: RecordsStore) -> None:
    book = template(store)
    chains = book["chains"]
    r = fill(chains, "chain.pv", 300)
    chains.append([chains.cell(r, c).value for c in range(1, chains.max_column + 1)])
    with pytest.raises(WorkbookInvalid) as caught:
        do_import(book, store, records)
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("chains", chains.max_row, "id")
    assert f"record {0}" in error.reason or "same subject and year" in error.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a workbook", "not an Excel workbook"),
        (b"PK\x03\x04broken zip", "not an Excel workbook"),
        (zip_of({"[Content_Types].xml": b"<Types"}), "not an Excel workbook"),
        (zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\xff"}), "not an Excel"),
    ],
)
def test_a_file_that_is_not_a_workbook(
    embedded_store: GraphStore, records: RecordsStore, data: bytes, reason: str
) -> None:
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(
            ACTUALS, ACTUAL_SHEETS, data, embedded_store, records, actor="t", origin=None
        )
    assert reason in str(caught.value.errors[0])


def test_missing_sheets_columns_and_formulas(
    embedded_store: GraphStore, records: RecordsStore
) -> None:
    book = Workbook()
    book.active.title = "Sheet1"  # type: ignore[union-attr]
    with pytest.raises(WorkbookInvalid, match="problem") as caught:
        do_import(book, embedded_store, records)
    assert "no sheet named chains" in str(caught.value.errors[0])
    book = template(embedded_store)
    chains = book["chains"]
    chains.delete_cols(columns(chains)["source"])
    with pytest.raises(WorkbookInvalid) as caught:
        do_import(book, embedded_store, records)
    assert [(e.sheet, e.row, e.column) for e in caught.value.errors] == [("chains", 1, "source")]
    book = template(embedded_store)
    r = fill(book["chains"], "chain.pv", "=1+2")  # a formula Excel never computed
    with pytest.raises(WorkbookInvalid) as caught:
        do_import(book, embedded_store, records)
    assert [(e.sheet, e.row, e.column) for e in caught.value.errors] == [("chains", r, "value")]
    assert "formula" in caught.value.errors[0].reason
    assert records.records() == []


def test_an_empty_template_imports_nothing(
    embedded_store: GraphStore, records: RecordsStore
) -> None:
    with pytest.raises(WorkbookInvalid, match="problem") as caught:
        do_import(template(embedded_store), embedded_store, records)
    assert "nothing to import" in caught.value.errors[0].reason


def test_two_imports_at_once_lose_nothing(store: GraphStore, records: RecordsStore) -> None:
    """Two different workbooks imported at the same time: both land, each with its audit entry."""
    books = []
    for half in (0, 1):
        book = template(store)
        chains = book["chains"]
        for i, r in enumerate(range(2, chains.max_row + 1)):
            if i % 2 == half:
                chains.cell(r, columns(chains)["value"]).value = 100 + i
                chains.cell(r, columns(chains)["source"]).value = f"file {half}"
        books.append(save(book))
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(data: bytes, who: str) -> None:
        try:
            start.wait(10)
            import_workbook(ACTUALS, ACTUAL_SHEETS, data, store, records, actor=who, origin=who)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(b, f"w{i}")) for i, b in enumerate(books)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    stored = records.records()
    assert len(stored) == 30 and {r.source for r in stored} == {"file 0", "file 1"}
    total, entries = records.audit()
    assert total == 2 and sorted(len(e.records) for e in entries) == [15, 15]


def test_import_over_http(api: TestClient, keys: Keys, store: GraphStore) -> None:
    book = template(store)
    fill(book["chains"], "chain.pv", 300)
    files = {"file": ("actuals.xlsx", save(book))}
    response = api.post("/api/v1/actuals/import", files=files, headers=keys["editor"])
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
    again = api.post("/api/v1/actuals/import", files=files, headers=keys["editor"]).json()
    assert again["unchanged"] == 1 and again["audit_id"] is None
    fill(book["chains"], "chain.hydrogen", "x")
    bad = api.post(
        "/api/v1/actuals/import", files={"file": ("a.xlsx", save(book))}, headers=keys["editor"]
    )
    assert bad.status_code == 422
    (error,) = bad.json()["errors"]
    assert (error["sheet"], error["column"]) == ("chains", "value")
    assert error["row"] == row_of(book["chains"], "chain.hydrogen")
    not_xlsx = api.post(
        "/api/v1/actuals/import", files={"file": ("a.xlsx", b"nope")}, headers=keys["editor"]
    )
    assert not_xlsx.status_code == 422
    audit = api.get("/api/v1/audit", headers=keys["admin"]).json()["items"][0]
    assert audit["action"] == "actuals.import" and "actuals.xlsx" in audit["origin"]


def test_the_template_over_http(api: TestClient) -> None:
    response = api.get("/api/v1/actuals/template", params={"year": 2026})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert (
        book.sheetnames[0] == "chains"
        and book["chains"].cell(2, columns(book["chains"])["year"]).value == 2026
    )
    assert api.get("/api/v1/actuals/template", params={"year": 2040}).status_code == 422
