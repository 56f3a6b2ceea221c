"""Spreadsheet cells that cannot run: the CSV export neutralises formulas; JSON and GraphML keep
every value as it is."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from chainkg.api.export import export
from chainkg.graph_loader.graph import Edge, Node, PlanGraph
from chainkg.graph_loader.sheets import FORMULA_START, neutralize
from chainkg.graph_loader.store import EmbeddedStore

NASTY = {
    '=HYPERLINK("http://evil.example","点击")': '\'=HYPERLINK("http://evil.example","点击")',
    "+86 523 1234": "'+86 523 1234",
    "-2+3": "'-2+3",
    "@SUM(1,2)": "'@SUM(1,2)",
    "\tcmd": "'\tcmd",
    "\r=1": "'\r=1",
    "光伏 =1": "光伏 =1",
    "'=already quoted": "'=already quoted",
    "": "",
}


@pytest.mark.parametrize(("value", "safe"), NASTY.items())
def test_neutralize(value: str, safe: str) -> None:
    assert neutralize(value) == safe


def test_only_text_is_changed() -> None:
    assert [neutralize(v) for v in (-5, 2.5, None, True)] == [-5, 2.5, None, True]
    assert all(neutralize(c + "x") == "'" + c + "x" for c in FORMULA_START)


def _nasty_graph() -> PlanGraph:
    values = list(NASTY)
    graph = PlanGraph()
    for i, value in enumerate(values):
        graph.nodes[f"chain.n{i}"] = Node(
            f"chain.n{i}",
            "Chain",
            {
                "name": value or "空",
                "name_en": value or "empty",
                "aliases": [value, "ok"],
                "source": "二(三)",
                "evidence": value,
                "revenue_2024": -1,
            },
        )
    graph.edges = [Edge("chain.n0", "RELATES_TO", "chain.n1", {"kind": "=1+1", "evidence": "-x"})]
    return graph


def _cells(content: bytes, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_export_neutralises_every_cell() -> None:
    store = EmbeddedStore(_nasty_graph())
    content, _, _ = export(store, "csv")
    nodes = _cells(content, "nodes.csv")
    for row in nodes:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)
    by_id = {row["id"]: row for row in nodes}
    assert by_id["chain.n0"]["name"] == '\'=HYPERLINK("http://evil.example","点击")'
    assert by_id["chain.n2"]["evidence"] == "'-2+3"
    assert by_id["chain.n4"]["aliases"] == "'\tcmd|ok"
    assert json.loads(by_id["chain.n0"]["properties"]) == {"revenue_2024": -1}
    (edge,) = _cells(content, "edges.csv")
    assert (edge["kind"], edge["evidence"]) == ("'=1+1", "'-x")


def test_json_and_graphml_keep_the_values() -> None:
    store = EmbeddedStore(_nasty_graph())
    as_json = json.loads(export(store, "json")[0])
    names = {n["id"]: n["name"] for n in as_json["nodes"]}
    assert names["chain.n0"].startswith("=HYPERLINK") and names["chain.n3"] == "@SUM(1,2)"
    graphml = export(store, "graphml")[0].decode("utf-8")
    assert "=HYPERLINK" in graphml and "'=HYPERLINK" not in graphml
