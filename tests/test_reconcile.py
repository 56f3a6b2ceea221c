"""Reconciliation: every textual target beside what the annex adds up to."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.annex import parse_annex
from chainkg.graph_loader.graph import Edge, PlanGraph
from chainkg.graph_loader.reconcile import inputs_from_graph, reconcile, status_of

# The annex rows of each group, by the group header the annex prints them under.
GROUP_HEADERS = {
    "group.health": "大健康产业（生物医药、健康食品）",
    "group.marine": "海工装备和高技术船舶",
    "group.smart_manufacturing": "新智造",
    "group.new_materials": "新材料",
    "group.new_energy": "新能源",
    "group.future": "未来产业（晨光力量）",
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
        assert row.status == status_of(row.comparison, row.text_value, row.annex_value)


def test_the_plans_own_mismatches_all_show_up(graph: PlanGraph) -> None:
    rows = reconcile(inputs_from_graph(graph))
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


def test_a_near_miss_is_explained_by_the_grouping_of_the_text(graph: PlanGraph) -> None:
    """新智造 力争达1800 is #12–16 (1786) + #29 空天装备 (14): 二(三) lists 航空航天 among
    新智造's chains; the annex files it under 未来产业."""
    rows = {r.indicator: r for r in reconcile(inputs_from_graph(graph))}
    smart = rows["ind.smart_manufacturing_revenue_2027"]
    assert (smart.status, smart.annex_value, smart.alternative_value) == ("short", 1786, 1800)
    assert smart.alternative_basis == "annex rows #12–16 + #29"
    assert smart.explanation is not None
    for words in ("1786", "#29 空天装备 (14)", "= 1800", "二(三)", "航空航天", "未来产业"):
        assert words in smart.explanation
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
    ],
)
def test_status_rules(comparison: str, text: float, annex: float, status: str) -> None:
    assert status_of(comparison, text, annex) == status


def test_cli_reconcile_lists_agreements_and_disagreements(seed_dir: object) -> None:
    result = CliRunner().invoke(app, ["reconcile", "--seed", str(seed_dir)])
    assert result.exit_code == 0, result.output
    assert "3 disagree" in result.output and "agree" in result.output
    assert "1 met by another grouping the plan supports" in result.output
    assert "#29 空天装备 (14)" in " ".join(result.output.split())  # wrapped at the width
    as_json = CliRunner().invoke(app, ["reconcile", "--seed", str(seed_dir), "--json"])
    assert '"status": "short"' in as_json.output
