"""The plan's own consistency: the text's targets beside what the annex adds up to.

:func:`reconcile` turns raw comparison inputs (one per textual target, with
the annex figure it is compared with) into rows with a status.  The inputs
come from :func:`inputs_from_graph` here, and from the ``reconciliation``
catalog query on either store, so the rule is written once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from chainkg.graph_loader.graph import Node, PlanGraph

Status = Literal["met", "short", "over"]
LOWER_BOUNDS = {"以上", "超过", "突破", "过"}
"""Comparisons that a larger annex figure satisfies."""
ABOUT_TOLERANCE = Decimal("0.02")
"""左右 (about) is met within 2 % either way."""


class ReconRow(BaseModel):
    """One textual target set beside the annex figure it should match."""

    indicator: str
    name: str
    scope: str
    scope_name: str
    year: int
    metric: str
    unit: str
    comparison: str
    text_value: float
    annex_value: float
    difference: float
    status: Status
    basis: str
    source: str
    evidence: str


def status_of(comparison: str, text_value: float, annex_value: float) -> Status:
    """Return whether the annex meets, falls short of, or goes over the textual target.

    >>> status_of("达", 1500, 1410), status_of("超过", 2600, 2615), status_of("达", 1000, 1000)
    ('short', 'met', 'met')
    """
    diff = Decimal(str(annex_value)) - Decimal(str(text_value))
    if comparison in LOWER_BOUNDS:
        return "met" if diff >= 0 else "short"
    if comparison == "左右" and abs(diff) <= ABOUT_TOLERANCE * Decimal(str(text_value)):
        return "met"
    return "met" if diff == 0 else ("short" if diff < 0 else "over")


def reconcile(inputs: list[dict[str, Any]]) -> list[ReconRow]:
    """Return reconciliation rows for the inputs, sorted by scope, year and indicator."""
    rows = []
    for item in inputs:
        text_value, annex_value = float(item["text_value"]), float(item["annex_value"])
        diff = float(Decimal(str(annex_value)) - Decimal(str(text_value)))
        status = status_of(item["comparison"], text_value, annex_value)
        rows.append(ReconRow(**item, difference=diff, status=status))
    return sorted(
        rows, key=lambda r: (r.scope != "plan.taizhou_chains", r.scope, r.year, r.indicator)
    )


def figure_field(year: int) -> str:
    """Return the chain property holding the annex figure of ``year``.

    >>> figure_field(2024), figure_field(2030)
    ('revenue_2024', 'target_2030')
    """
    return "revenue_2024" if year == 2024 else f"target_{year}"


def _round(value: Decimal) -> float:
    return float(round(value, 4))


def inputs_from_graph(graph: PlanGraph) -> list[dict[str, Any]]:
    """Return one comparison input per reconcilable indicator of the graph.

    ``revenue`` targets of a group are compared with the sum of its chains'
    annex targets for the year; of the plan, with the sum of all chains.
    ``share_of_industry`` is compared with the chains' share of the annex
    规上工业 row, and ``industry_revenue`` with that row itself.
    """
    nodes = graph.nodes
    chain_group = {e.source: e.target for e in graph.edges if e.type == "IN_GROUP"}
    scope_of = {e.source: e.target for e in graph.edges if e.type == "GOAL_OF"}
    plan = next(n for n in nodes.values() if n.label == "Plan")
    inputs = []
    for ind in (n for n in nodes.values() if n.label == "Indicator"):
        metric, year = str(ind.props["metric"]), int(ind.props["year"])  # type: ignore[arg-type]
        scope = scope_of[ind.id]
        chains = [
            c
            for c in nodes.values()
            if c.label == "Chain" and (scope == plan.id or chain_group.get(c.id) == scope)
        ]
        chain_sum = sum((Decimal(str(c.props[figure_field(year)])) for c in chains), Decimal(0))
        industry = Decimal(str(plan.props[f"industry_target_{year}"]))
        if metric == "revenue":
            annex, basis = chain_sum, f"sum of {len(chains)} chains' {year} annex targets"
        elif metric == "share_of_industry":
            annex = chain_sum / industry * 100
            basis = f"{year} annex: 30 chains {chain_sum} / 规上工业 {industry}"
        elif metric == "industry_revenue":
            annex, basis = industry, f"{year} annex 规上工业销售收入 row"
        else:
            continue
        inputs.append(
            {
                "indicator": ind.id,
                "name": str(ind.props["name"]),
                "scope": scope,
                "scope_name": str(nodes[scope].props["name"]),
                "year": year,
                "metric": metric,
                "unit": str(ind.props["unit"]),
                "comparison": str(ind.props["comparison"]),
                "text_value": ind.props["value"],
                "annex_value": _round(annex),
                "basis": basis,
                "source": str(ind.props["source"]),
                "evidence": str(ind.props["evidence"]),
            }
        )
    all_chains = [c for c in nodes.values() if c.label == "Chain"]
    for year in (2024, 2027, 2030):
        total = sum((Decimal(str(c.props[figure_field(year)])) for c in all_chains), Decimal(0))
        inputs.append(
            _internal(
                plan.id,
                f"annex.total_{year}",
                "附件合计行",
                plan,
                year,
                "revenue",
                "亿元",
                plan.props[f"annex_total_{year}"],
                total,
                f"sum of the {len(all_chains)} chain rows",
            )
        )
    in_tier = [
        e.target
        for e in graph.edges
        if e.type == "IN_TIER" and e.source in nodes and nodes[e.source].label == "Chain"
    ]
    for tier in (n for n in nodes.values() if n.label == "Tier"):
        inputs.append(
            _internal(
                tier.id,
                f"{tier.id}.chain_count",
                f"{tier.props['name']}产业链条数",
                tier,
                None,
                "chain_count",
                "条",
                tier.props["chain_count"],
                Decimal(in_tier.count(tier.id)),
                "chains of the tier in the annex",
            )
        )
    return inputs


def _internal(
    scope: str,
    ident: str,
    name: str,
    node: Node,
    year: int | None,
    metric: str,
    unit: str,
    printed: Any,
    computed: Decimal,
    basis: str,
) -> dict[str, Any]:
    """Return an input that compares a printed count or total with what the rows add up to."""
    return {
        "indicator": ident,
        "name": name,
        "scope": scope,
        "scope_name": str(node.props["name"]),
        "year": year or 0,
        "metric": metric,
        "unit": unit,
        "comparison": "达",
        "text_value": printed,
        "annex_value": _round(computed),
        "basis": basis,
        "source": str(node.props["source"]),
        "evidence": str(node.props["evidence"]),
    }
