"""What a reader can check against the plan: counts, sums, evidence, responsibilities."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from chainkg.graph_loader.annex import parse_annex
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.models import Action, Chain, Department, Tier
from chainkg.graph_loader.seed_io import Seed


def test_thirty_chains_in_tiers_of_11_12_7(seed: Seed) -> None:
    chains = [c for c in seed.records["chains.yaml"] if isinstance(c, Chain)]
    assert len(chains) == 30
    assert sorted(c.rank for c in chains) == list(range(1, 31))
    per_tier = Counter(c.tier.to for c in chains)
    assert per_tier == {"tier.landmark": 11, "tier.emerging": 12, "tier.future": 7}
    tiers = {t.id: t.chain_count for t in seed.records["tiers.yaml"] if isinstance(t, Tier)}
    assert tiers == dict(per_tier)


def test_annex_columns_sum_to_printed_totals(seed: Seed, plan_text: str) -> None:
    chains = [c for c in seed.records["chains.yaml"] if isinstance(c, Chain)]
    sums = tuple(
        sum(Decimal(str(getattr(c, f))) for c in chains)
        for f in ("revenue_2024", "target_2027", "target_2030")
    )
    assert sums == (Decimal(6113), Decimal(7452), Decimal(9031))
    assert parse_annex(plan_text).totals["合计"] == (6113, 7452, 9031)


def test_chain_figures_match_the_printed_annex(seed: Seed, plan_text: str) -> None:
    by_rank = {c.rank: c for c in seed.records["chains.yaml"] if isinstance(c, Chain)}
    for row in parse_annex(plan_text).rows:
        chain = by_rank[row.rank]
        assert (chain.revenue_2024, chain.target_2027, chain.target_2030) == (
            row.revenue_2024,
            row.target_2027,
            row.target_2030,
        ), row.name
        assert type(chain.revenue_2024) is type(row.revenue_2024)  # 32 stays 32, 177.6 a float


def _strings_under(data: Any, key: str) -> list[str]:
    if isinstance(data, dict):
        found = [v for k, v in data.items() if k == key and isinstance(v, str)]
        return found + [s for v in data.values() for s in _strings_under(v, key)]
    if isinstance(data, list):
        return [s for v in data for s in _strings_under(v, key)]
    return []


def test_every_evidence_quote_is_verbatim_in_the_plan(seed_dir: Path, plan_text: str) -> None:
    quotes = []
    for path in sorted(seed_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        quotes += [(path.name, q) for q in _strings_under(data, "evidence")]
    assert len(quotes) > 500
    missing = [(f, q) for f, q in quotes if q not in plan_text]
    assert missing == []


def test_every_node_and_edge_has_source_and_evidence(graph: PlanGraph, plan_text: str) -> None:
    for node in graph.nodes.values():
        assert node.props["source"] and str(node.props["evidence"]) in plan_text, node.id
    for edge in graph.edges:
        assert edge.props["source"] and str(edge.props["evidence"]) in plan_text, edge.key


def _responsibility_lines(plan_text: str) -> dict[str, list[str]]:
    """Return the units listed on each 责任单位 line of 三, keyed by the action's section."""
    out = {}
    for line in plan_text.splitlines():
        heading = re.search(r"（([一二三四五])）实施", line)
        duty = re.search(r"责任单位：(.*?)(?:〕|）$)", line)
        if heading and duty:
            text = duty.group(1).split("；以下内容")[0]
            parts = (p.replace("按职责分工负责", "").strip() for p in re.split(r"[、；]", text))
            out[heading.group(1)] = [p for p in parts if p]
    return out


def test_every_responsibility_line_is_fully_represented(seed: Seed, plan_text: str) -> None:
    lines = _responsibility_lines(plan_text)
    assert set(lines) == {"一", "二", "三", "四", "五"}
    depts = [d for d in seed.records["departments.yaml"] if isinstance(d, Department)]
    names = {n: d.id for d in depts for n in [d.name, *d.aliases]}
    actions = {a.source: a for a in seed.records["actions.yaml"] if isinstance(a, Action)}
    everywhere = {"dept.local_governments", "dept.pharma_zone_committee"}
    for numeral, units in lines.items():
        action = actions[f"三({numeral})"]
        responsible = {link.to for link in action.responsible}
        listed = set()
        for unit in units:
            full = unit if unit.startswith(("市", "各", "泰州")) else f"市{unit}"
            assert full in names or unit in names, f"{unit} on line 三({numeral})"
            listed.add(names.get(full, names.get(unit)))
        assert listed | everywhere == responsible, f"三({numeral})"


def test_search_names_are_bilingual(graph: PlanGraph) -> None:
    for node in graph.nodes.values():
        assert node.props.get("name") and node.props.get("name_en"), node.id
