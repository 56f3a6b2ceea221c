"""Reconciliation: every textual target beside what the annex adds up to."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.annex import parse_annex
from chainkg.graph_loader.graph import Edge, Node, PlanGraph, PropValue, build_graph
from chainkg.graph_loader.reconcile import inputs_from_graph, reconcile, rows_of, status_of
from chainkg.graph_loader.validate import load_valid_seed
from tests.test_subgroups import FIXTURE
from tests.wire import fresh_graph

# The annex rows of each group, by the group header the annex prints them under.
GROUP_HEADERS = {
    "group.health": "大健康产业（生物医药、健康食品）",
    "group.marine": "海工装备和高技术船舶",
    "group.smart_manufacturing": "新智造",
    "group.new_materials": "新材料",
    "group.new_energy": "新能源",
    "group.future": "未来产业（晨光力量）",
}

# Each group's 2027 target as 二 words it (到2027年，…), and whether the annex rows meet it,
# worked out by hand: 大健康 1410 < 1500, 新智造 1786 < 1800, the rest reach theirs.
GROUP_TARGETS = {
    "group.health": ("达", 1500, "short"),
    "group.marine": ("达", 1000, "met"),
    "group.smart_manufacturing": ("力争达", 1800, "short"),
    "group.new_materials": ("超过", 2600, "met"),
    "group.new_energy": ("超过", 500, "met"),
    "group.future": ("超过", 100, "met"),
}


def test_group_targets_are_compared_with_the_annex_rows_of_the_group(
    graph: PlanGraph, plan_text: str
) -> None:
    annex = parse_annex(plan_text)
    rows = reconcile(inputs_from_graph(graph))
    group_rows = [r for r in rows if r.scope in GROUP_HEADERS and r.metric == "revenue"]
    assert {r.scope for r in group_rows} == set(GROUP_HEADERS)
    for row in group_rows:
        printed = sum(
            Decimal(str(a.target_2027))
            for a in annex.rows
            if a.group_header == GROUP_HEADERS[row.scope]
        )
        assert Decimal(str(row.annex_value)) == printed, row.scope
        assert (row.comparison, row.text_value, row.status) == GROUP_TARGETS[row.scope]
        assert row.difference == float(printed) - row.text_value


@pytest.fixture(params=["seed", "store"])
def plan_graph(request: pytest.FixtureRequest, graph: PlanGraph) -> PlanGraph:
    """The seed graph, and the same as a store may give it back: nodes and edges in another
    order (the plan last), every string a new object."""
    return graph if request.param == "seed" else fresh_graph(graph, reverse=True)


def test_the_plans_own_mismatches_all_show_up(plan_graph: PlanGraph) -> None:
    rows = reconcile(inputs_from_graph(plan_graph))
    assert len(rows) == 16
    short = {(r.scope, r.year, r.text_value, r.annex_value) for r in rows if r.status == "short"}
    assert short == {
        ("plan.taizhou_chains", 2027, 7500, 7452),
        ("group.health", 2027, 1500, 1410),
        ("group.smart_manufacturing", 2027, 1800, 1786),
    }
    assert not [r for r in rows if r.status == "over"]
    met = [r for r in rows if r.status == "met"]
    assert len(met) >= 10
    share = next(r for r in rows if r.metric == "share_of_industry")
    assert share.annex_value == pytest.approx(7452 / 8510 * 100, abs=1e-3)


def test_a_near_miss_is_explained_by_the_grouping_of_the_text(plan_graph: PlanGraph) -> None:
    """新智造 力争达1800 is #12–16 (1786) + #29 空天装备 (14): 二(三) lists 航空航天 among
    新智造's chains; the annex files it under 未来产业."""
    rows = {r.indicator: r for r in reconcile(inputs_from_graph(plan_graph))}
    smart = rows["ind.smart_manufacturing_revenue_2027"]
    assert (smart.status, smart.annex_value, smart.alternative_value) == ("short", 1786, 1800)
    assert smart.basis == "sum of 5 chains' 2027 annex targets"
    assert smart.alternative_basis == "annex rows #12–16 + #29"
    assert smart.explanation == (
        "力争达 1800 is met by the annex rows #12–16 (1786) + #29 空天装备 (14) = 1800: "
        "二(三) names 空天装备 among 新智造's chains "
        "(“做大做强电子信息、智能装备、航空航天、节能环保等产业链”) "
        "while the annex files it under 未来产业."
    )
    # no other grouping the plan supports makes these sums exact: they stay unexplained
    for other in ("ind.revenue_2027", "ind.health_revenue_2027"):
        assert rows[other].status == "short" and rows[other].explanation is None
    assert all(r.explanation is None for r in rows.values() if r.status == "met")


def test_an_alternative_that_does_not_meet_the_target_is_not_offered(graph: PlanGraph) -> None:
    """Listing a chain whose target does not close the gap explains nothing."""
    edges = [e for e in graph.edges if e.type != "LISTS"]
    edges.append(
        Edge("group.health", "LISTS", "chain.hydrogen", {"source": "二(一)", "evidence": "x"})
    )
    changed = PlanGraph(graph.nodes, edges)
    health = {r.indicator: r for r in reconcile(inputs_from_graph(changed))}
    assert health["ind.health_revenue_2027"].explanation is None  # 1410 + 16 is still short
    assert health["ind.smart_manufacturing_revenue_2027"].explanation is None  # no LISTS left


def test_each_group_counts_only_the_chains_its_own_paragraph_lists(graph: PlanGraph) -> None:
    """Were 大健康's paragraph to list #10 (50), #26 (10) and #28 (30), 1410 + 90 = 1500 would
    meet its 达1500; 新智造 keeps its own #29; 新能源 (519, already over 500) is offered no other
    grouping."""
    lists: dict[str, PropValue] = {"source": "二(一)", "evidence": "x"}
    edges = [
        *graph.edges,
        *(
            Edge("group.health", "LISTS", chain, lists)
            for chain in (
                "chain.offshore_equipment",
                "chain.deep_sea_earth",
                "chain.frontier_materials",
            )
        ),
        Edge("group.new_energy", "LISTS", "chain.hydrogen", lists),
    ]
    rows = {r.indicator: r for r in reconcile(inputs_from_graph(PlanGraph(graph.nodes, edges)))}
    health = rows["ind.health_revenue_2027"]
    assert (health.alternative_value, health.alternative_basis) == (
        1500,
        "annex rows #1–9 + #10, #26, #28",
    )
    smart = rows["ind.smart_manufacturing_revenue_2027"]
    assert (smart.alternative_value, smart.alternative_basis) == (1800, "annex rows #12–16 + #29")
    energy = rows["ind.new_energy_revenue_2027"]
    assert (energy.status, energy.alternative_value, energy.explanation) == ("met", None, None)


def test_rows_come_plan_first_then_by_scope_year_and_indicator(plan_graph: PlanGraph) -> None:
    rows = reconcile(inputs_from_graph(plan_graph))
    assert [r.indicator for r in rows] == [
        "annex.total_2024",
        "annex.total_2027",
        "ind.revenue_2027",
        "ind.share_of_industry_2027",
        "annex.total_2030",
        "ind.industry_revenue_2030",
        "ind.revenue_2030",
        "ind.future_revenue_2027",
        "ind.health_revenue_2027",
        "ind.marine_revenue_2027",
        "ind.new_energy_revenue_2027",
        "ind.new_materials_revenue_2027",
        "ind.smart_manufacturing_revenue_2027",
        "tier.emerging.chain_count",
        "tier.future.chain_count",
        "tier.landmark.chain_count",
    ]
    tiers = [r for r in rows if r.metric == "chain_count"]
    assert [(r.year, r.text_value, r.annex_value, r.status) for r in tiers] == [
        (0, 12, 12, "met"),
        (0, 7, 7, "met"),
        (0, 11, 11, "met"),
    ]
    share = next(r for r in rows if r.metric == "share_of_industry")
    assert share.annex_value == 87.5676  # 7452 / 8510, four decimals


@pytest.mark.parametrize(
    ("comparison", "text", "annex", "status"),
    [
        ("达", 1500, 1410, "short"),
        ("达", 1000, 1000, "met"),
        ("达", 10, 12, "over"),
        ("超过", 2600, 2615, "met"),
        ("超过", 500, 480, "short"),
        ("以上", 85, 87.6, "met"),
        ("左右", 14, 14.2, "met"),
        ("左右", 14, 15, "over"),
        ("过", 10000, 10000, "met"),
        ("超过", 500, 499.5, "short"),  # a lower bound missed by less than one
        ("达", 100, 101, "over"),  # only 左右 has a tolerance
        ("左右", 100, 102, "met"),  # 2 % is within 左右
        ("左右", 100, 97.9, "short"),
        ("达", 10, 9.5, "short"),
        ("达", 10, 10.5, "over"),
    ],
)
def test_status_rules(comparison: str, text: float, annex: float, status: str) -> None:
    assert status_of(comparison, text, annex) == status


def test_cli_reconcile_lists_agreements_and_disagreements(seed_dir: object) -> None:
    result = CliRunner().invoke(app, ["reconcile", "--seed", str(seed_dir)])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())  # wrapped at the width
    assert "13 agree, 3 disagree (1 met by another grouping the plan supports)." in shown
    assert "#29 空天装备 (14)" in shown
    as_json = CliRunner().invoke(app, ["reconcile", "--seed", str(seed_dir), "--json"])
    assert '"status": "short"' in as_json.output


def test_the_explanation_names_the_group_the_annex_files_the_chain_under(
    graph: PlanGraph,
) -> None:
    nodes = dict(graph.nodes)
    future = nodes["group.future"]
    nodes["group.future"] = Node(future.id, future.label, {**future.props, "name": "晨光组"})
    rows = {r.indicator: r for r in reconcile(inputs_from_graph(PlanGraph(nodes, graph.edges)))}
    explanation = rows["ind.smart_manufacturing_revenue_2027"].explanation
    assert explanation is not None and explanation.endswith("the annex files it under 晨光组.")


@pytest.mark.parametrize(
    ("ranks", "text"),
    [
        ([12, 13, 14, 15, 16, 29], "#12–16, #29"),
        ([3], "#3"),
        ([3, 4], "#3–4"),
        ([9, 5, 4, 3], "#3–5, #9"),
        ([1, 3, 5], "#1, #3, #5"),
        ([1, 3, 4], "#1, #3–4"),  # a run goes on from the last one
        ([1, 2, 4, 5, 7], "#1–2, #4–5, #7"),
        ([], ""),
    ],
)
def test_rows_of(ranks: list[int], text: str) -> None:
    assert rows_of(ranks) == text


def _target(id: str, scope: str, value: float) -> tuple[Node, Edge]:
    props: dict[str, PropValue] = {
        "name": id,
        "name_en": id,
        "source": "二(一)",
        "evidence": "x",
        "metric": "revenue",
        "year": 2027,
        "value": value,
        "unit": "亿元",
        "comparison": "达",
    }
    return Node(id, "Indicator", props), Edge(id, "GOAL_OF", scope, {"source": "二(一)"})


@pytest.mark.parametrize("given", ["seed", "store"])
def test_a_parent_groups_target_counts_the_chains_of_its_sub_groups(given: str) -> None:
    """In tests/fixtures/subgroups 大健康 holds 现代中药 (60 in 2027) itself, 化学药 (120)
    through 生物医药 and 功能性食品 (30) through 健康食品: its target is met by 210, and
    生物医药's by 120 alone (also as a store gives the graph back)."""
    graph = build_graph(load_valid_seed(FIXTURE))
    for node, edge in (
        _target("ind.health", "group.health", 210),
        _target("ind.biomedicine", "group.biomedicine", 130),
    ):
        graph.nodes[node.id] = node
        graph.edges.append(edge)
    if given == "store":
        graph = fresh_graph(graph, reverse=True)
    rows = {r.indicator: r for r in reconcile(inputs_from_graph(graph))}
    health = rows["ind.health"]
    assert (health.annex_value, health.status, health.basis) == (
        210,
        "met",
        "sum of 3 chains' 2027 annex targets",
    )
    biomedicine = rows["ind.biomedicine"]
    assert (biomedicine.annex_value, biomedicine.status) == (120, "short")
    assert biomedicine.explanation is None  # its parent is no chain it lists
