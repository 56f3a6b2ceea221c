"""The parts of the working mechanism that need no server: how a record's words are linked to
the plan's nodes, a stage history read from the audit (on both records stores), the layers
and panels of the maps."""

from __future__ import annotations

import pytest

from chainkg.graph_loader.derived import store_subgraph
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.lists import build_list
from chainkg.graph_loader.store import GraphStore
from chainkg.records.candidates import CANDIDATES, CandidateIn
from chainkg.records.directions import focus_of, resolve
from chainkg.records.history import histories
from chainkg.records.mechanism import mechanism
from chainkg.records.refs import lookup
from chainkg.records.store import RecordsStore
from chainkg.records.validate import write_records
from chainkg.viz.maps import Links
from chainkg.viz.mechanism import assignment_layer, candidates_layer, chain_panel


@pytest.fixture(scope="module")
def plan(embedded_store: GraphStore) -> PlanGraph:
    return store_subgraph(embedded_store, ["Chain", "Technology", "Department", "Park"])


@pytest.mark.parametrize(
    ("text", "chain", "expected", "how"),
    [
        ("tech.perovskite_cell", "chain.pv", "tech.perovskite_cell", "id"),
        ("钙钛矿电池", "chain.pv", "tech.perovskite_cell", "name"),
        ("Perovskite solar cells", "chain.pv", "tech.perovskite_cell", "name"),
        ("钙钛矿太阳能电池", "chain.pv", "tech.perovskite_cell", "name"),  # an alias
        ("柔性钙钛矿电池组件", "chain.pv", "tech.perovskite_cell", "partial"),
        ("储能", "chain.pv", "tech.energy_storage_systems", "partial"),
        ("电池", "chain.pv", None, None),  # 太阳能电池, 钙钛矿电池 …: which one is not said
        ("光伏玻璃", "chain.pv", None, None),
        ("tech.smart_inverters", "chain.lithium_battery", None, None),  # not this chain's
        ("", "chain.pv", None, None),
    ],
)
def test_a_direction_is_linked_only_when_it_is_clear(
    plan: PlanGraph, text: str, chain: str, expected: str | None, how: str | None
) -> None:
    match = resolve(text, focus_of(plan, chain))
    assert (match.id, match.how) == (expected, how)
    assert (match.assumption is not None) == (how == "partial")


@pytest.mark.parametrize(
    ("label", "given", "expected"),
    [
        ("Department", "dept.miit", "dept.miit"),
        ("Department", "市工业和信息化局", "dept.miit"),
        ("Department", "泰州市工业和信息化局", "dept.miit"),
        ("Department", "工业和信息化局", "dept.miit"),
        ("Department", "park.taixing_edz", None),  # an id of another label
        ("Park", "泰兴经开区", "park.taixing_edz"),
        ("Park", "Taixing Economic Development Zone", "park.taixing_edz"),
        ("Park", "开发区", None),
    ],
)
def test_nodes_are_named_by_id_or_by_name(
    plan: PlanGraph, label: str, given: str, expected: str | None
) -> None:
    found = lookup(plan, label, given)
    assert (found.id if found else None) == expected


def _candidate(stage: str, source: str) -> CandidateIn:
    return CandidateIn(
        subject="chain.pv", enterprise="示例甲", category="链主", stage=stage, source=source
    )


def test_the_history_comes_from_the_audit(store: GraphStore, records: RecordsStore) -> None:
    for stage, source in (("线索", "台账"), ("线索", "台账"), ("在谈", "纪要"), ("投产", "报道")):
        write_records(
            CANDIDATES, [_candidate(stage, source)], store, records, actor="a", action="x"
        )
    other = _candidate("签约", "协议").model_copy(update={"enterprise": "示例乙"})
    write_records(CANDIDATES, [other], store, records, actor="b", action="x")
    found = histories(records, CANDIDATES, "chain.pv")
    steps = found["chain.pv|示例甲"]
    assert [s.values["stage"] for s in steps if s.values] == ["线索", "在谈", "投产"]
    assert [s.source for s in steps] == ["台账", "纪要", "报道"]  # the repeat added no step
    assert [s.written_by for s in found["chain.pv|示例乙"]] == ["b"]


def test_the_layers_name_who_recorded_what(
    embedded_store: GraphStore, records: RecordsStore, store: GraphStore
) -> None:
    write_records(
        CANDIDATES,
        [_candidate("签约", "协议").model_copy(update={"direction": "逆变器"})],
        store,
        records,
        actor="统计局.张三",
        action="x",
    )
    found = mechanism(store, records, "chain.pv")
    layer = candidates_layer(found.candidates, "chain.pv")
    (node,) = layer["nodes"]
    assert node["anchors"] == ["tech.smart_inverters", "chain.pv", "chain.pv"]
    assert "统计局.张三" in node["title_zh"] and "协议" in node["title_en"]
    assert assignment_layer(None, Links(static=False))["nodes"] == []
    panel = chain_panel(store, records, "chain.pv", Links(static=False))
    assert 'data-stage="签约" data-count="1"' in panel and "map-layers" in panel


def test_the_list_without_records_rests_on_the_plan(embedded_store: GraphStore) -> None:
    table = build_list(embedded_store, "gaps")
    covered = [r for r in table.rows if r["status"] == "已覆盖"]
    assert {r["direction"] for r in covered} == {
        "漂浮式风电系泊链及附件",
        "新一代高直径超高强度海洋系泊链",
    }
    assert all("亚星锚链" in str(r["covers"]) for r in covered)
