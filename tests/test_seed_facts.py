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
from chainkg.graph_loader.models import Action, Chain, Department, Platform, Technology, Tier
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


# Names and aliases two records share on purpose (docs/decisions/core.md, technologies.md):
# a tier and a group both called 未来产业; a chain and the product or service record the plan
# names with the same words; and the enumerations the text writes as one word (泵阀 …).
SHARED_ON_PURPOSE = {
    "未来产业": {"group.future", "tier.future"},
    "特医食品": {"chain.medical_food", "tech.fsmp"},
    "特殊医学用途配方食品": {"chain.medical_food", "tech.fsmp"},
    "FSMP": {"chain.medical_food", "tech.fsmp"},
    "预制菜": {"chain.prepared_dishes", "tech.prepared_dishes"},
    "CRO": {"chain.pharma_outsourcing", "tech.cro_services"},
    "精细化学品": {"chain.fine_chemicals", "tech.high_end_fine_chemicals"},
    "高端精细化学品": {"chain.fine_chemicals", "tech.high_end_fine_chemicals"},
    "泵阀": {"tech.marine_pumps", "tech.marine_valves"},
    "控制器": {"tech.pv_controllers", "tech.robot_controllers"},
    "mRNA": {"tech.mrna_drugs", "tech.mrna_vaccines"},
    "氢气储运": {"tech.hydrogen_storage", "tech.hydrogen_transport"},
}


def test_a_name_points_to_one_record_unless_shared_on_purpose(seed: Seed) -> None:
    owners: dict[str, set[str]] = {}
    for record in seed.all_records():
        for name in {record.name, *record.aliases}:
            owners.setdefault(name, set()).add(record.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert shared == SHARED_ON_PURPOSE
    # decided in issue 9: each of these means one record
    assert owners["储能"] == {"chain.energy_storage"}
    assert owners["CGT"] == {"chain.cell_gene"}
    assert "化学新材料" not in owners  # only inside the park's name 化学新材料产业园


def test_what_a_service_platform_covers_is_not_a_product_of_the_chain(seed: Seed) -> None:
    """附件#5 names 抗体偶联药物 and 细胞治疗 as what the one-stop service platform serves;
    the platform supports 医药外包, the products belong to 生物制药 and 细胞和基因技术."""
    techs = {t.id: t for t in seed.records["technologies.yaml"] if isinstance(t, Technology)}
    for tech in ("tech.antibody_drug_conjugates", "tech.cell_therapy"):
        named_by = {link.to for link in techs[tech].named_by}
        assert "chain.pharma_outsourcing" not in named_by, tech
        assert named_by, tech
    platforms = [p for p in seed.records["platforms.yaml"] if isinstance(p, Platform)]
    one_stop = next(p for p in platforms if "抗体偶联药物" in p.name and "细胞治疗" in p.name)
    assert "chain.pharma_outsourcing" in {link.to for link in one_stop.supports}


def test_responsibility_edges_keep_the_lines_order(graph: PlanGraph, plan_text: str) -> None:
    """RESPONSIBLE_FOR carries ``rank``: 1 for the unit the 责任单位 line names first."""
    lines = _responsibility_lines(plan_text)
    depts = [n for n in graph.nodes.values() if n.label == "Department"]
    known = {str(f): d.id for d in depts for f in [d.props["name"], *d.props.get("aliases", [])]}  # type: ignore[misc]
    for numeral, units in lines.items():
        action = next(
            n.id
            for n in graph.nodes.values()
            if n.label == "Action" and n.props["source"] == f"三({numeral})"
        )
        edges = sorted(
            (e for e in graph.edges if e.type == "RESPONSIBLE_FOR" and e.target == action),
            key=lambda e: int(e.props["rank"]),  # type: ignore[arg-type]
        )
        wanted = [known.get(f"市{u}", known.get(u)) for u in units]
        assert [e.source for e in edges][: len(units)] == wanted, f"三({numeral})"
