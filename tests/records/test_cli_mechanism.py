"""``chainkg assignments|candidates|chokepoints`` (template, export, import), ``chainkg gaps``
and ``chainkg ask`` about the records, on a records store of their own (SQLite)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store import open_store
from chainkg.records.store import open_records
from tests.qa.conftest import write_fixture
from tests.records.test_cli import data_dir, run, stdout

__all__ = ["data_dir"]  # the fixture, used by name


def fill(path: Path, sheet: str, subject: str, values: dict[str, str]) -> list[str]:
    """Fill the first row of ``subject`` in a workbook's sheet; return the sheet's header."""
    book = load_workbook(path)
    ws = book[sheet]
    header = [str(c.value) for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == subject)
    for column, value in values.items():
        ws.cell(row, header.index(column) + 1).value = value
    book.save(path)
    return header


def test_template_fill_import_export_and_gaps(data_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "candidates.xlsx"
    run("candidates", "template", "--out", str(template))
    values = {
        "enterprise": "示例逆变器制造",
        "category": "配套",
        "direction": "智能逆变器",
        "stage": "签约",
        "source": "示例招商台账",
    }
    header = fill(template, "candidates", "chain.pv", values)
    out = run("candidates", "import", str(template), "--by", "商务局.王五")
    assert "created 1" in out
    again = run("candidates", "import", str(template))
    assert "nothing changed" in again
    exported = tmp_path / "export.xlsx"
    run("candidates", "export", "--out", str(exported), "--subject", "chain.pv")
    rows = list(load_workbook(exported)["candidates"].iter_rows(values_only=True))
    assert [r[header.index("enterprise")] for r in rows[1:]] == ["示例逆变器制造"]
    assert "nothing changed" in run("candidates", "import", str(exported))
    gaps = run("gaps", "--chain", "chain.pv")
    assert "9 open, 1 covered" in gaps and "示例逆变器制造" in gaps
    audit = json.loads(stdout("audit", "--kind", "candidate", "--json"))
    assert [e["key_name"] for e in audit] == ["商务局.王五"]
    assert audit[0]["action"] == "candidates.import"
    whole = tmp_path / "gaps.xlsx"
    run("gaps", "--out", str(whole))
    assert load_workbook(io.BytesIO(whole.read_bytes())).sheetnames == ["补链清单", "说明"]
    run("gaps", "--chain", "chain.nope", code=1)
    run("gaps", code=2)


def test_a_bad_workbook_names_its_rows(data_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "chokepoints.xlsx"
    run("chokepoints", "template", "--out", str(template))
    fill(template, "chokepoints", "chain.modern_tcm", {"item": "某技术", "status": "差不多"})
    out = run("chokepoints", "import", str(template), code=1)
    assert "row 3, column status" in out and "nothing was written" in out  # the second chain


def test_ask_answers_from_the_records(data_dir: Path) -> None:
    graph = open_store(get_settings())
    records = open_records(get_settings(), graph)
    try:
        write_fixture(graph, records)
    finally:
        records.close()
        graph.close()
    answer = json.loads(stdout("ask", "谁挂钩光伏", "--json"))
    assert answer["intent"] == "chain_assignment" and answer["answered"]
    record = next(e for e in answer["evidence"] if e["record"])
    assert record["written_by"] == "qa-fixture" and record["source"].startswith("示例文件")
    shown = run("ask", "光伏在谈项目有哪些")
    assert "示例钙钛矿科技" in shown and "qa-fixture" in shown
