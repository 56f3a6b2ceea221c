"""The 清单: built once, alike on both stores; the .xlsx and CSV files hold what the API says."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from chainkg.api.main import create_app
from chainkg.cli import app
from chainkg.graph_loader.lists import (
    LISTS,
    Column,
    Table,
    build_list,
    register,
    section_order,
)
from chainkg.graph_loader.sections import split_sections
from chainkg.graph_loader.sheets import (
    FIXED_TIME,
    FORMULA_START,
    MARK_FILLS,
    WRAP_FROM,
    ZIP_TIME,
    neutralize,
    render,
    to_json,
)
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from tests.api.conftest import TestClient

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def client(embedded_store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(embedded_store)) as test_client:
        yield test_client


def sheet(client: TestClient, name: str) -> tuple[Workbook, Worksheet]:
    """Return the workbook of list ``name`` from the API and its first sheet."""
    response = client.get(f"/api/v1/lists/{name}", params={"format": "xlsx"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    return wb, ws


def records(ws: Worksheet) -> list[dict[str, Any]]:
    """Return the rows of a list's sheet as dicts keyed by the header."""
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def api(client: TestClient, url: str) -> Any:
    response = client.get("/api/v1" + url)
    assert response.status_code == 200, response.text
    return response.json()


# ----------------------------------------------------------------- every list


@pytest.mark.parametrize("name", list(LISTS))
def test_every_list_is_a_styled_workbook_with_notes(client: TestClient, name: str) -> None:
    wb, ws = sheet(client, name)
    table = to_json(build_list(client.app.state.store, name))  # type: ignore[attr-defined]
    assert wb.sheetnames == [table["title"][:31], "说明"]
    header = [c.value for c in ws[1]]
    assert header == [c["title"] for c in table["columns"]]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("00695C") for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.max_row == len(table["rows"]) + 1 and ws.max_row > 1
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)]
    assert all(w >= 6 for w in widths) and len(set(widths)) > 1  # set, not the default
    assert "出处" in header
    source = next(c["key"] for c in table["columns"] if c["title"] == "出处")
    assert all(row[source] for row in table["rows"]), "every row names its section"
    notes = [str(r[0]) for r in wb["说明"].iter_rows(values_only=True) if r[0]]
    assert notes[0].startswith(table["title"]) and any("依据" in n for n in notes)
    assert len(notes) >= 4


@pytest.mark.parametrize("name", list(LISTS))
def test_json_csv_and_xlsx_hold_the_same_rows(client: TestClient, name: str) -> None:
    body = api(client, f"/lists/{name}")
    assert body["name"] == name and body["title"] == LISTS[name].title
    keys = [c["key"] for c in body["columns"]]
    assert all(list(row) == keys for row in body["rows"])
    text = client.get(f"/api/v1/lists/{name}", params={"format": "csv"}).content
    assert text.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    lines = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert lines[0] == [c["title"] for c in body["columns"]]
    assert len(lines) == len(body["rows"]) + 1
    _, ws = sheet(client, name)
    for row, cells, line in zip(body["rows"], ws.iter_rows(min_row=2), lines[1:], strict=True):
        for key, cell, value in zip(keys, cells, line, strict=True):
            expected = row[key]
            assert cell.value == expected, (name, key)
            assert value == ("" if expected is None else str(expected)), (name, key)


def test_lists_are_identical_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: GraphStore
) -> None:
    for name in LISTS:
        embedded, neo4j = build_list(embedded_store, name), build_list(neo4j_store, name)
        assert to_json(neo4j) == to_json(embedded), name
        assert neo4j.marks == embedded.marks
        assert render(neo4j, "xlsx") == render(embedded, "xlsx")


def test_the_index_lists_every_list(client: TestClient) -> None:
    index = api(client, "/lists")
    assert [i["name"] for i in index["items"]] == list(LISTS) and index["total"] == 7
    for item in index["items"]:
        for fmt, url in item["files"].items():
            response = client.get(url)
            assert (response.status_code == 200 and fmt in response.headers["content-type"]) or (
                fmt == "xlsx" and response.headers["content-type"] == XLSX
            )


def test_unknown_lists_and_formats_are_problems(client: TestClient) -> None:
    missing = client.get("/api/v1/lists/nope")
    assert missing.status_code == 404 and missing.json()["kind"] == "list"
    bad = client.get("/api/v1/lists/chains", params={"format": "xls"})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"


# ----------------------------------------------------------------- the lists' content


def test_chains_list_holds_the_30_chains_with_the_apis_numbers(client: TestClient) -> None:
    _, ws = sheet(client, "chains")
    rows = records(ws)
    chains = api(client, "/chains?limit=200")["items"]
    assert [r["产业链"] for r in rows] == [c["name"] for c in chains] and len(rows) == 30
    for row, summary in zip(rows, chains, strict=True):
        detail = api(client, f"/chains/{summary['id']}")
        assert row["序号"] == detail["rank"]
        assert row["2024年销售收入（亿元）"] == detail["revenue_2024"]
        assert row["2027年目标（亿元）"] == detail["target_2027"]
        assert row["2030年目标（亿元）"] == detail["target_2030"]
        assert row["年均增速 2024→2027"] == detail["cagr_2024_2027"]
        assert row["年均增速 2024→2030"] == detail["cagr_2024_2030"]
        assert row["产业集群"] == detail["group"]["name"]
        assert row["出处"] == detail["source"] and row["重点发展方向"] == detail["directions"]
        for park in detail["parks"]:
            assert park["name"] in (row["承载园区（角色）"] or "")
            if park["via"] is None:
                assert f"{park['name']}（{park['role']}）" in row["承载园区（角色）"]
        for ent in detail["enterprises"]:
            assert ent["name"] in row["龙头企业"]
    growth = next(c for c in ws[2] if c.value == rows[0]["年均增速 2024→2027"])
    assert growth.number_format == "0.00%"


def test_matrix_has_every_park_and_sets_stated_apart(client: TestClient) -> None:
    _, ws = sheet(client, "park-chains")
    rows = records(ws)
    parks = api(client, "/parks")["items"]
    assert sorted(r["园区"] for r in rows) == sorted(p["name"] for p in parks)
    header = [c.value for c in ws[1]]
    for park in parks:
        row = next(r for r in rows if r["园区"] == park["name"])
        carried = api(client, f"/parks/{park['id']}/chains")["chains"]
        assert row["承载产业链数"] == len({c["id"] for c in carried})
        for chain in carried:
            cell = row[chain["name"]]
            stated = any(c["via"] is None for c in carried if c["id"] == chain["id"])
            assert cell == chain["role"] if stated else cell.startswith(chain["role"] + "（经")
            excel = ws.cell(row=rows.index(row) + 2, column=header.index(chain["name"]) + 1)
            fill = MARK_FILLS["stated" if stated else "derived"].fgColor.rgb
            assert excel.fill.fgColor.rgb == fill
    xinghua = next(r for r in rows if r["园区"] == "兴化高新区")
    assert (xinghua["金属材料及制品"], xinghua["光伏"]) == ("依托", None)
    taixing = next(r for r in rows if r["园区"] == "泰兴经济开发区")
    assert taixing["精细化工"] == "核心（经新材料）"


def test_responsibilities_cover_every_department_and_action(client: TestClient) -> None:
    _, ws = sheet(client, "responsibilities")
    rows = records(ws)
    pairs = {(r["重点举措 / 保障措施"], r["责任单位"]) for r in rows}
    expected = set()
    for dept in api(client, "/departments")["items"]:
        detail = api(client, f"/departments/{dept['id']}")
        for duty in detail["actions"] + detail["safeguards"]:
            expected.add((duty["name"], dept["name"]))
            row = next(
                r
                for r in rows
                if (r["重点举措 / 保障措施"], r["责任单位"]) == (duty["name"], dept["name"])
            )
            assert row["职责"] == duty["role"] and row["职责原文"] == duty["evidence"]
    assert pairs == expected and len(expected) >= 31
    actions = [a["name"] for a in api(client, "/actions")["items"]]
    order = [r["重点举措 / 保障措施"] for r in rows]
    firsts = [order.index(a) for a in actions]
    assert firsts == sorted(firsts)  # the actions in the plan's order
    first = [r["责任单位"] for r in rows if r["重点举措 / 保障措施"] == actions[0]]
    assert list(dict.fromkeys(first))[:4] == [
        "市发展改革委",
        "市科技局",
        "市工业和信息化局",
        "市财政局",
    ]
    assert list(dict.fromkeys(first))[-2:] == ["各市（区）人民政府", "泰州医药高新区管委会"]
    _check_targets(client, rows, "重点举措 / 保障措施")


def test_targets_list_has_every_measure_and_target(client: TestClient) -> None:
    _, ws = sheet(client, "targets")
    rows = records(ws)
    measures = {r["具体举措"] for r in rows}
    expected = {
        m["name"]
        for a in api(client, "/actions")["items"]
        for m in api(client, f"/actions/{a['id']}")["measures"]
    }
    assert measures == expected and len(expected) == 15
    _check_targets(client, rows, "重点举措")
    started = [r["目标"] for r in rows if r["具体举措"] == "推进项目建设落地"]
    assert started == ["新开工5亿元（3000万美元）以上项目", "新竣工5亿元（3000万美元）以上项目"]


def _check_targets(client: TestClient, rows: list[dict[str, Any]], item: str) -> None:
    """Every target of every action is in ``rows`` with the API's value, unit and period."""
    found = 0
    for action in api(client, "/actions")["items"]:
        for measure in api(client, f"/actions/{action['id']}")["measures"]:
            for t in measure["targets"]:
                hits = [
                    r
                    for r in rows
                    if r[item] == action["name"]
                    and r["具体举措"] == measure["name"]
                    and r["目标"] == t["name"]
                ]
                assert hits, t["name"]
                for r in hits:
                    assert (r["目标值"], r["单位"]) == (t["value"], t["unit"])
                    assert (r["以上"] == "以上") == t["at_least"]
                    assert t["period"] in r["期限"] and r["目标原文"] == t["evidence"]
                found += 1
    assert found >= 10  # not vacuous: the plan has 18 quantified targets


def test_directions_quote_the_plan(client: TestClient, plan_text: str) -> None:
    rows = api(client, "/lists/directions")["rows"]
    sections = split_sections(plan_text)
    assert all(r["evidence"] in sections[r["source"]] for r in rows)
    pv = [r["name"] for r in rows if r["chain"] == "光伏"]
    assert pv.index("TOPCon") < pv.index("钙钛矿电池") < pv.index("智能逆变器")
    tech = api(client, "/technologies/tech.perovskite_cell")
    holders = {r["chain"] for r in rows if r["name"] == tech["name"]}
    assert holders == {c["name"] for c in tech["chains"]} | {g["name"] for g in tech["groups"]}
    scopes = [r["scope"] for r in rows]
    assert scopes == sorted(scopes, key=lambda s: s != "产业链")  # chains first, then groups
    assert sorted({r["source"] for r in rows}, key=section_order)[0].startswith("二")


def test_enterprises_and_projects_with_their_chains(client: TestClient) -> None:
    rows = api(client, "/lists/enterprises-projects")["rows"]
    for kind, url in (("企业", "/enterprises"), ("项目", "/projects")):
        for item in api(client, url)["items"]:
            detail = api(client, f"{url}/{item['id']}")
            mine = {r["chain"] for r in rows if r["name"] == item["name"] and r["kind"] == kind}
            assert mine == {a["name"] for a in detail["anchors"]}
            if kind == "项目":
                owner = {r["owner"] for r in rows if r["name"] == item["name"]}
                assert owner == {detail["owner"]["name"] if detail["owner"] else None}


# ----------------------------------------------------------------- formula injection


def test_neutralize_every_formula_start() -> None:
    for start in FORMULA_START:
        assert neutralize(f"{start}1+1") == f"'{start}1+1"
    assert neutralize("光伏=1") == "光伏=1" and neutralize(-3) == -3 and neutralize(None) is None


def test_csv_and_xlsx_cells_never_run_as_formulas() -> None:
    table = Table(
        "evil",
        "恶意",
        "Evil",
        [Column("a", "=A", "a"), Column("b", "b", "b")],
        notes=["=notes"],
    )
    for value in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok"):
        table.add(a=value, b=-1.5)
    lines = list(csv.reader(io.StringIO(render(table, "csv").decode("utf-8-sig"))))
    assert lines[0][0] == "'=A"
    assert [line[0] for line in lines[1:]] == [neutralize(r["a"]) for r in table.rows]
    assert all(not cell.startswith(FORMULA_START) for line in lines for cell in line[:1])
    assert [line[1] for line in lines[1:]] == ["-1.5"] * 7  # numbers stay numbers
    wb = load_workbook(io.BytesIO(render(table, "xlsx")))
    ws = wb.worksheets[0]
    cells = [ws.cell(row=i, column=1) for i in range(2, 9)]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells][:2] == ['\'=HYPERLINK("http://x")', "'+1"]
    assert ws.cell(row=2, column=2).value == -1.5
    assert wb["说明"]["A2"].value == "'=notes"
    assert json.loads(render(table, "json"))["rows"][0]["a"] == '=HYPERLINK("http://x")'


# ----------------------------------------------------------------- the CLI


def test_cli_writes_every_list_in_every_format(tmp_path: Path, client: TestClient) -> None:
    result = CliRunner().invoke(app, ["lists", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3 * len(LISTS) and "产业链清单.xlsx" in files
    wb = load_workbook(tmp_path / "产业链清单.xlsx")
    assert wb.worksheets[0].max_row == 31
    assert json.loads((tmp_path / "责任清单.json").read_text("utf-8")) == api(
        client, "/lists/responsibilities"
    )
    assert (tmp_path / "年度目标清单.csv").read_bytes() == client.get(
        "/api/v1/lists/targets", params={"format": "csv"}
    ).content
    one = CliRunner().invoke(
        app, ["lists", "--out", str(tmp_path / "one"), "--list", "targets", "--format", "csv"]
    )
    assert one.exit_code == 0 and [p.name for p in (tmp_path / "one").iterdir()] == [
        "年度目标清单.csv"
    ]
    for bad in (["--list", "nope"], ["--format", "xls"]):
        wrong = CliRunner().invoke(app, ["lists", "--out", str(tmp_path / "x"), *bad])
        assert wrong.exit_code == 2 and "unknown" in wrong.output


# ----------------------------------------------------------------- the machinery


def test_tables_and_the_registry_refuse_mistakes() -> None:
    table = LISTS["targets"].table()
    with pytest.raises(KeyError, match="no column"):
        table.add(nope=1)
    with pytest.raises(ValueError, match="registered twice"):
        register("chains", "x", "x", about="", about_zh="", columns=[], notes=[])(
            LISTS["chains"].fill
        )
    assert LISTS["targets"].table().rows == []  # each build starts from an empty table


def test_workbooks_are_deterministic_and_wrap_long_text(embedded_store: EmbeddedStore) -> None:
    table = build_list(embedded_store, "responsibilities")
    data = render(table, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {ZIP_TIME}
    wb = load_workbook(io.BytesIO(data))
    assert wb.properties.created == wb.properties.modified == FIXED_TIME
    ws = wb.worksheets[0]
    for j, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=2, column=j)
        assert bool(cell.alignment.wrap_text) == (column.width >= WRAP_FROM), column.key
        assert ws.column_dimensions[get_column_letter(j)].width == column.width
    assert ws.auto_filter.ref == ws.dimensions


def test_csv_writes_flags_and_blanks() -> None:
    table = Table("t", "表", "T", [Column("a", "甲", "a"), Column("b", "乙", "b")])
    table.add(a=True, b=None)
    table.add(a=False, b=0)
    lines = list(csv.reader(io.StringIO(render(table, "csv").decode("utf-8-sig"))))
    assert lines == [["甲", "乙"], ["是", ""], ["否", "0"]]
