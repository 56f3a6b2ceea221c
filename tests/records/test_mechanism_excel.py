"""The working mechanism's workbooks, on both stores: the template, the export, the import
(all or nothing, every problem by sheet, row and column), and the round trip: exporting and
importing again changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from chainkg.records.store import RecordsStore
from tests.api.conftest import TestClient
from tests.records.conftest import Keys
from tests.records.test_mechanism import V1, assignment, candidate, post

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(api: TestClient, keys: Keys, plural: str, data: bytes) -> Any:
    return api.post(
        f"{V1}/{plural}/import", files={"file": ("台账.xlsx", data, XLSX)}, headers=keys["editor"]
    )


def export(api: TestClient, plural: str, **params: str) -> bytes:
    response = api.get(f"{V1}/{plural}/export", params=params)
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    return bytes(response.content)


def sheet_rows(data: bytes, sheet: str) -> list[dict[str, Any]]:
    ws = load_workbook(io.BytesIO(data))[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_the_templates_list_every_subject(api: TestClient) -> None:
    book = load_workbook(io.BytesIO(api.get(f"{V1}/assignments/template").content))
    assert book.sheetnames == ["chains", "parks", "projects", "enterprises", "说明"]
    assert len(sheet_rows(api.get(f"{V1}/assignments/template").content, "chains")) == 30
    rows = sheet_rows(api.get(f"{V1}/candidates/template").content, "candidates")
    assert [r["id"] for r in rows][:2] == ["chain.chemical_drugs", "chain.modern_tcm"]
    assert all(r["enterprise"] is None for r in rows)
    assert (
        api.get(f"{V1}/candidates/template").content == api.get(f"{V1}/candidates/template").content
    )  # the same workbook, byte for byte


def stock(api: TestClient, keys: Keys) -> None:
    """Records of each kind, with text that could start a formula."""
    post(
        api,
        keys,
        "assignments",
        assignment(note='=HYPERLINK("x")'),
        assignment("park.taixing_edz", leader=None, leader_title=None, task_force_contact="-5"),
    )
    post(
        api,
        keys,
        "candidates",
        candidate(note="+86 0523", park="海陵新能源产业园", department="市商务局"),
        candidate("示例乙", category="配套", stage="签约", stage_date="2025-06-30", direction=None),
        candidate("'=示例丙", subject="chain.lithium_battery", stage="投产"),
    )
    post(
        api,
        keys,
        "chokepoints",
        {"subject": "chain.pv", "item": "@某技术", "status": "待攻关", "source": "示例梳理"},
    )


@pytest.mark.parametrize("plural", ["assignments", "candidates", "chokepoints"])
def test_an_export_imported_again_changes_nothing(
    api: TestClient, keys: Keys, records: RecordsStore, plural: str
) -> None:
    stock(api, keys)
    before = records.records()
    version = records.version()
    data = export(api, plural)
    result = upload(api, keys, plural, data)
    assert result.status_code == 200, result.text
    assert result.json()["audit_id"] is None and result.json()["unchanged"] >= 1
    assert result.json()["created"] == result.json()["replaced"] == 0
    assert records.records() == before and records.version() == version
    assert export(api, plural) == data  # and exporting again gives the same file


def test_a_text_that_looks_like_a_formula_is_neutralized_and_read_back(
    api: TestClient, keys: Keys
) -> None:
    stock(api, keys)
    rows = sheet_rows(export(api, "assignments"), "chains")
    (pv,) = [r for r in rows if r["id"] == "chain.pv"]
    assert pv["note"] == '\'=HYPERLINK("x")'  # never a formula in the workbook
    book = load_workbook(io.BytesIO(export(api, "candidates")))
    assert all(c.data_type != "f" for row in book["candidates"].iter_rows() for c in row)


def test_an_edited_export_changes_what_was_edited_and_keeps_the_history(
    api: TestClient, keys: Keys, records: RecordsStore
) -> None:
    stock(api, keys)
    book = load_workbook(io.BytesIO(export(api, "candidates", subject="chain.pv")))
    ws = book["candidates"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        values = dict(zip(header, row, strict=True))
        if values["enterprise"].value == "示例甲":
            values["stage"].value = "签约"
            values["source"].value = "签约仪式报道"
    buffer = io.BytesIO()
    book.save(buffer)
    result = upload(api, keys, "candidates", buffer.getvalue()).json()
    assert (result["replaced"], result["unchanged"], result["created"]) == (1, 1, 0)
    items = api.get(f"{V1}/candidates", params={"subject": "chain.pv"}).json()["items"]
    first = next(i for i in items if i["enterprise"] == "示例甲")
    assert [h["values"]["stage"] for h in first["history"]] == ["线索", "签约"]
    assert first["history"][-1]["source"] == "签约仪式报道"
    assert len(records.records("candidate")) == 3  # the export of one chain left the others


def test_one_bad_row_imports_nothing_and_is_named(
    api: TestClient, keys: Keys, records: RecordsStore
) -> None:
    stock(api, keys)
    version = records.version()
    book = load_workbook(io.BytesIO(export(api, "candidates")))
    ws = book["candidates"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    empty = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["enterprise"]).value is None)
    ws.cell(empty, col["enterprise"]).value = "示例新企业"
    ws.cell(empty, col["category"]).value = "链主"
    ws.cell(empty, col["stage"]).value = "差不多了"
    ws.cell(empty, col["source"]).value = "台账"
    rows = range(2, ws.max_row + 1)
    first = next(r for r in rows if ws.cell(r, col["enterprise"]).value == "示例甲")
    ws.cell(first, col["park"]).value = "无此园区"
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(api, keys, "candidates", buffer.getvalue())
    assert response.status_code == 422
    errors = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert errors == {(empty, "stage"), (first, "park")}
    assert records.version() == version


def test_a_row_with_only_a_note_is_not_a_record(api: TestClient, keys: Keys) -> None:
    """Rows are records when an entry cell is filled (note and source alone are not)."""
    book = load_workbook(io.BytesIO(api.get(f"{V1}/assignments/template").content))
    ws = book["chains"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("note") + 1).value = "待定"
    ws.cell(3, header.index("leader") + 1).value = "张示例"
    ws.cell(3, header.index("source") + 1).value = "文件"
    buffer = io.BytesIO()
    book.save(buffer)
    result = upload(api, keys, "assignments", buffer.getvalue())
    assert result.status_code == 200 and result.json()["created"] == 1, result.text
