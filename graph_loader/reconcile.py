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
    alternative_value: float | None = None
    """The sum under another grouping the plan supports, when that grouping meets the target."""
    alternative_basis: str | None = None
    """What that grouping adds up (e.g. ``rows #12–16 + #29``)."""
    explanation: str | None = None
    """Why the near-miss is one: the grouping, the sums and the plan's words for it."""


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


def rows_of(ranks: list[int]) -> str:
    """Return annex row numbers as compact ranges.

    >>> rows_of([12, 13, 14, 15, 16, 29]), rows_of([3])
    ('#12–16, #29', '#3')
    """
    runs: list[list[int]] = []
    for rank in sorted(ranks):
        if runs and rank == runs[-1][-1] + 1:
            runs[-1].append(rank)
        else:
            runs.append([rank])
    return ", ".join(f"#{r[0]}–{r[-1]}" if len(r) > 1 else f"#{r[0]}" for r in runs)


def _figure(node: Node, year: int) -> Decimal:
    return Decimal(str(node.props[figure_field(year)]))


def _alternative(
    graph: PlanGraph, ind: Node, scope: str, chains: list[Node], chain_sum: Decimal
) -> dict[str, Any]:
    """Return the alternative grouping of a group's revenue target, when it meets the target.

    The grouping is the annex's chains of the group plus the chains the group's paragraph
    also lists (``LISTS``): 二(三) lists 航空航天 among 新智造's chains, the annex files
    空天装备 under 未来产业.  Nothing when the annex sum already meets the target, when the
    group lists no other chain, or when the other grouping does not meet it either.
    """
    year, comparison = int(ind.props["year"]), str(ind.props["comparison"])  # type: ignore[arg-type]
    text_value = float(ind.props["value"])  # type: ignore[arg-type]
    listed = [e for e in graph.edges if e.type == "LISTS" and e.source == scope]
    if not listed or status_of(comparison, text_value, float(chain_sum)) == "met":
        return {}
    extra = [graph.nodes[e.target] for e in listed]
    alt = chain_sum + sum((_figure(c, year) for c in extra), Decimal(0))
    if status_of(comparison, text_value, float(alt)) != "met":
        return {}
    home = {e.source: e.target for e in graph.edges if e.type == "IN_GROUP"}
    ranks = [int(c.props["rank"]) for c in chains]  # type: ignore[arg-type]
    added = " + ".join(
        f"#{c.props['rank']} {c.props['name']} ({_figure(c, year):g})" for c in extra
    )
    group = graph.nodes[scope].props["name"]
    said = "; ".join(
        f"{e.props['source']} names {graph.nodes[e.target].props['name']} among {group}'s "
        f"chains (“{e.props['evidence']}”) while the annex files it under "
        f"{graph.nodes[home[e.target]].props['name']}"
        for e in listed
    )
    extra_ranks = [int(c.props["rank"]) for c in extra]  # type: ignore[arg-type]
    return {
        "alternative_value": _round(alt),
        "alternative_basis": f"annex rows {rows_of(ranks)} + {rows_of(extra_ranks)}",
        "explanation": f"{comparison} {text_value:g} is met by the annex rows {rows_of(ranks)} "
        f"({chain_sum:g}) + {added} = {alt:g}: {said}.",
    }


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

    ``revenue`` targets of a group are compared with the sum of its chains' (and its
    sub-groups' chains') annex targets for the year; of the plan, with the sum of all chains.
    ``share_of_industry`` is compared with the chains' share of the annex
    规上工业 row, and ``industry_revenue`` with that row itself.
    """
    nodes = graph.nodes
    chain_group = {e.source: e.target for e in graph.edges if e.type == "IN_GROUP"}
    parent = {e.source: e.target for e in graph.edges if e.type == "SUBGROUP_OF"}
    scope_of = {e.source: e.target for e in graph.edges if e.type == "GOAL_OF"}
    plan = next(n for n in nodes.values() if n.label == "Plan")

    def groups_of(chain: str) -> tuple[str | None, str | None]:
        """Return the chain's group and that group's parent (its target counts for both)."""
        group = chain_group.get(chain)
        return group, parent.get(group) if group else None

    inputs = []
    for ind in (n for n in nodes.values() if n.label == "Indicator"):
        metric, year = str(ind.props["metric"]), int(ind.props["year"])  # type: ignore[arg-type]
        scope = scope_of[ind.id]
        chains = [
            c
            for c in nodes.values()
            if c.label == "Chain" and (scope == plan.id or scope in groups_of(c.id))
        ]
        chain_sum = sum((Decimal(str(c.props[figure_field(year)])) for c in chains), Decimal(0))
        industry = Decimal(str(plan.props[f"industry_target_{year}"]))
        alternative: dict[str, Any] = {}
        if metric == "revenue":
            annex, basis = chain_sum, f"sum of {len(chains)} chains' {year} annex targets"
            if scope != plan.id:
                alternative = _alternative(graph, ind, scope, chains, chain_sum)
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
                **alternative,
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
