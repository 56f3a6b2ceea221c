"""The gap view (补链): which of a chain's focus directions have something local behind them
and which are still open, per chain and per park.

A direction of a chain (a technology, product, material, equipment or service the annex
names for it: ``FOCUSES_ON``) is **covered** by

- the plan: a lead enterprise, project or platform linked to the chain or its group
  (``ANCHORS``, ``SUPPORTS``) that the plan ties to the direction in one clause, either in
  the sentence that names the direction for the chain or in the sentence of the link
  (引导亚星锚链等企业加快研发制造漂浮式风电系泊链及附件…).  A clause that names the direction
  by its name is stated; one that names it only by an alias or a variant gives the cover an
  ``assumption``.  An anchor the plan ties to no direction (以长城汽车泰州基地为核心) is
  listed as the chain's anchor, not as a cover: the plan does not say which directions it
  fills (a group's anchor tied to none of the chain's directions is not listed).
- a candidate of the 招商目标企业清单 at stage 签约 or later whose direction is linked to it
  (:mod:`chainkg.records.directions`; a partial match carries its ``assumption``).

Otherwise it is **open**; candidates at 线索 or 在谈 for it are listed as ``pursued``.
Open directions come first, each group in the annex's order.

For a park, the chains it carries (stated, or through a group layout: ``carried``), and a
direction is covered **in the park** by a candidate targeting the park (or a part of it) or
a platform located there; covers elsewhere in the city, or whose place the plan does not
give (an enterprise), are listed as ``elsewhere``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from chainkg.graph_loader.ask.normalize import normalize, variants
from chainkg.graph_loader.derived import store_subgraph
from chainkg.graph_loader.graph import Edge, Node, PlanGraph
from chainkg.graph_loader.lists import (
    ASSUMPTION,
    KIND_ZH,
    PLAN_TITLE,
    SEQ,
    SOURCE,
    Column,
    Table,
    direction_order,
    register,
)
from chainkg.graph_loader.store import GraphStore
from chainkg.records.candidates import CANDIDATES, SIGNED, STAGE_EN, stage_rank
from chainkg.records.chokepoints import CHOKEPOINTS, STATUS_EN
from chainkg.records.directions import resolve
from chainkg.records.model import StoredRecord
from chainkg.records.refs import aliases_of, names_of
from chainkg.records.store import RecordsStore

GAP_LABELS = ["Chain", "Group", "Technology", "Enterprise", "Project", "Platform", "Park"]
COVERING = ("Enterprise", "Project", "Platform")
CLAUSE = re.compile(r"[，,；;。：:！!？?]")
"""What ends a clause: a cover and a direction must be named between two of these."""
Status = Literal["covered", "open"]
STATUS_ZH = {"covered": "已覆盖", "open": "待补链"}


class Ref(BaseModel):
    """A node of the plan by id, type and name."""

    id: str
    type: str
    name: str
    name_en: str | None = None


class Cover(BaseModel):
    """What covers a direction (or pursues it): a node of the plan, or a candidate."""

    by: Literal["plan", "candidate"]
    type: str = Field(description="Enterprise, Project, Platform, or Candidate.")
    id: str | None = Field(description="The plan node's id (null for a candidate).")
    name: str
    name_en: str | None = None
    category: str | None = Field(None, description="A candidate's kind: 链主, 头部, 配套.")
    stage: str | None = Field(None, description="A candidate's stage.")
    stage_en: str | None = None
    stage_date: str | None = None
    park: Ref | None = Field(
        None,
        description="Where it is: a candidate's target park, a "
        "platform's park; null where the plan does not say.",
    )
    source: str = Field(description="The plan's section, or the document a record cites.")
    evidence: str | None = Field(None, description="The plan's quote (plan covers).")
    assumption: str | None = Field(None, description="What the cover rests on, when not stated.")
    written_by: str | None = None
    written_at: str | None = None


class ChokepointRef(BaseModel):
    """A 卡脖子 item recorded on a direction."""

    item: str
    status: str
    status_en: str
    source: str


class DirectionGap(BaseModel):
    """One focus direction of a chain: covered or open, and by what."""

    id: str
    name: str
    name_en: str | None = None
    kind: str = Field(description="product, technology, material, equipment or service.")
    status: Status
    covers: list[Cover] = Field(description="What covers it (in the park, for a park).")
    elsewhere: list[Cover] = Field(
        default_factory=list,
        description="Park view: what covers it elsewhere in the city, or where the plan "
        "does not say.",
    )
    pursued: list[Cover] = Field(description="Candidates for it not yet signed (线索, 在谈).")
    chokepoints: list[ChokepointRef] = Field(default_factory=list)
    source: str = Field(description="The section that names the direction for the chain.")
    evidence: str = Field(description="The quote that names it.")


class Carried(BaseModel):
    """How a park carries a chain: stated, or derived through a group layout."""

    role: str | None
    basis: Literal["stated", "derived"]
    via: str | None
    source: str
    evidence: str
    assumption: str | None


class ChainGap(BaseModel):
    """A chain's focus directions, open first."""

    chain: Ref
    counts: dict[str, int] = Field(description="Directions covered and open.")
    directions: list[DirectionGap]
    anchors: list[Cover] = Field(
        description="The plan's anchors of the chain itself that it ties to no direction: "
        "they anchor the chain; the plan does not say which directions they fill."
    )
    other: list[Cover] = Field(
        description="Signed candidates whose direction is none of the chain's focus directions."
    )
    carried: Carried | None = Field(None, description="Park view: how the park carries it.")


class ChainGaps(ChainGap):
    """The gap view of one chain."""

    records_version: int
    rule: str = Field(description="How covered and open are decided.")


class ParkGaps(BaseModel):
    """The gap view of one park: each chain it carries, its directions in the park."""

    park: Ref
    records_version: int
    counts: dict[str, int]
    chains: list[ChainGap]
    rule: str


RULE = (
    "Covered: the plan ties a lead enterprise, project or platform of the chain (or its "
    "group) to the direction in one clause, or a 招商 candidate at stage 签约 or later fills "
    "it. Open: neither. Anchors the plan ties to no direction are listed apart."
)
PARK_RULE = (
    RULE + " For a park: covered in the park by a candidate targeting it (or a part of it) or "
    "a platform located there; covers elsewhere, or where the plan gives no place, are listed "
    "as elsewhere."
)


class UnknownNode(LookupError):
    """No chain (or park) with that id."""

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.id = id


def ref(node: Node) -> Ref:
    """Return a node as a reference."""
    name_en = node.props.get("name_en")
    return Ref(
        id=node.id,
        type=node.label,
        name=str(node.props.get("name")),
        name_en=str(name_en) if name_en else None,
    )


def rank(node: Node) -> int:
    """Return a node's rank in the plan (0 when it has none)."""
    value = node.props.get("rank")
    return value if isinstance(value, int) else 0


def _clauses(quote: str) -> list[str]:
    return [c for c in CLAUSE.split(quote) if c]


def _named(clause: str, node: Node) -> bool:
    return any(n in clause for n in names_of(node) if len(n) >= 2)


# ---------------------------------------------------------------- the plan's side


class Plan:
    """The plan graph of the gap view, read once, with its indexes."""

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self.out: dict[tuple[str, str], list[Edge]] = {}
        self.into: dict[tuple[str, str], list[Edge]] = {}
        for e in sorted(self.graph.edges, key=lambda e: e.key):
            self.out.setdefault((e.source, e.type), []).append(e)
            self.into.setdefault((e.target, e.type), []).append(e)

    def node(self, id: str | None) -> Node | None:
        return self.graph.nodes.get(id) if id else None

    def groups_of(self, chain: str) -> list[str]:
        """Return the chain's group and that group's parent."""
        found = [e.target for e in self.out.get((chain, "IN_GROUP"), [])]
        found += [e.target for g in list(found) for e in self.out.get((g, "SUBGROUP_OF"), [])]
        return found

    def focus(self, chain: str) -> list[Edge]:
        """Return the chain's ``FOCUSES_ON`` edges in the annex's order."""
        text = str(self.graph.nodes[chain].props.get("directions") or "")
        edges = self.out.get((chain, "FOCUSES_ON"), [])
        return sorted(
            edges,
            key=lambda e: direction_order(
                text, str(e.props.get("evidence")), names_of(self.graph.nodes[e.target]), e.target
            ),
        )

    def links(self, chain: str) -> list[Edge]:
        """Return the ANCHORS and SUPPORTS edges into the chain or its groups."""
        return [
            e
            for owner in [chain, *self.groups_of(chain)]
            for rel in ("ANCHORS", "SUPPORTS")
            for e in self.into.get((owner, rel), [])
            if self.graph.nodes.get(e.source) and self.graph.nodes[e.source].label in COVERING
        ]

    def park_of(self, node: str) -> Node | None:
        """Return the park a platform is located in (None for anything else)."""
        for e in self.out.get((node, "LOCATED_IN"), []):
            target = self.graph.nodes.get(e.target)
            if target is not None and target.label == "Park":
                return target
        return None

    def parts_of(self, park: str) -> set[str]:
        """Return a park and the parks that are part of it."""
        return {park} | {e.source for e in self.into.get((park, "PART_OF"), [])}


def _match(clause: str, tech: Node, stated_spans: list[str]) -> tuple[bool, str | None]:
    """Return (found, assumption): the direction is named in the clause by its name
    (stated), or by an alias or variant outside the names of other directions named there."""
    name = str(tech.props.get("name"))
    if name in clause:
        return True, None
    rest = clause
    for span in sorted(stated_spans, key=len, reverse=True):
        rest = rest.replace(span, "\ue000")
    forms = aliases_of(tech) + variants(tech.label, [name])
    for form in forms:
        if len(form) >= 2 and normalize(form) in normalize(rest):
            return True, (
                f"The clause names “{form}”, read as {name} ({tech.id}); it does not give the "
                "direction's full name."
            )
    return False, None


def plan_covers(plan: Plan, chain: str) -> tuple[dict[str, list[Cover]], list[Cover]]:
    """Return the plan's covers of each direction of a chain, and its anchors tied to none."""
    focus = plan.focus(chain)
    techs = [plan.graph.nodes[e.target] for e in focus]
    names = [str(t.props.get("name")) for t in techs]
    covers: dict[str, list[Cover]] = {}
    untied: list[Cover] = []
    for link in plan.links(chain):
        anchor = plan.graph.nodes[link.source]
        quotes = [(str(link.props.get("source")), str(link.props.get("evidence")))]
        quotes += [(str(e.props.get("source")), str(e.props.get("evidence"))) for e in focus]
        tied = False
        for source, quote in dict.fromkeys(quotes):
            for clause in _clauses(quote):
                if not _named(clause, anchor):
                    continue
                stated = [n for n in names if n in clause]
                for tech in techs:
                    found, assumption = _match(clause, tech, stated)
                    if not found:
                        continue
                    tied = True
                    cover = _plan_cover(plan, anchor, source, quote, assumption)
                    if all(c.id != cover.id for c in covers.get(tech.id, [])):
                        covers.setdefault(tech.id, []).append(cover)
        if not tied and link.target == chain and all(c.id != anchor.id for c in untied):
            untied.append(
                _plan_cover(
                    plan,
                    anchor,
                    str(link.props.get("source")),
                    str(link.props.get("evidence")),
                    link.props.get("assumption"),
                )
            )
    return covers, untied


def _plan_cover(plan: Plan, node: Node, source: str, quote: str, assumption: Any) -> Cover:
    park = plan.park_of(node.id)
    return Cover(
        by="plan",
        type=node.label,
        id=node.id,
        name=str(node.props.get("name")),
        name_en=str(node.props.get("name_en") or "") or None,
        park=ref(park) if park else None,
        source=source,
        evidence=quote,
        assumption=str(assumption) if assumption else None,
    )


# ---------------------------------------------------------------- the records' side


def candidate_cover(plan: Plan, record: StoredRecord, assumption: str | None) -> Cover:
    """Return a stored candidate as a cover."""
    f = record.fields
    park = plan.node(f.get("park"))
    return Cover(
        by="candidate",
        type="Candidate",
        id=None,
        name=str(f.get("enterprise")),
        category=f.get("category"),
        stage=f.get("stage"),
        stage_en=STAGE_EN.get(str(f.get("stage"))),
        stage_date=f.get("stage_date"),
        park=ref(park) if park else None,
        source=record.source,
        assumption=assumption,
        written_by=record.written_by,
        written_at=record.written_at,
    )


@dataclass
class Records:
    """The candidates and 卡脖子 items, by chain."""

    candidates: dict[str, list[StoredRecord]]
    chokepoints: dict[str, list[StoredRecord]]
    version: int

    @classmethod
    def of(cls, store: RecordsStore | None, chain: str | None = None) -> Records:
        """Return the stored records (of one ``chain``, when given)."""
        if store is None:
            return cls({}, {}, 0)
        by: dict[str, dict[str, list[StoredRecord]]] = {CANDIDATES.name: {}, CHOKEPOINTS.name: {}}
        for kind, found in by.items():
            for r in store.records(kind, chain):
                found.setdefault(r.subject, []).append(r)
        return cls(by[CANDIDATES.name], by[CHOKEPOINTS.name], store.version())


# ---------------------------------------------------------------- one chain


def _order(d: DirectionGap) -> int:
    return 0 if d.status == "open" else 1


def chain_gap(
    plan: Plan,
    records: Records,
    chain: str,
    park: str | None = None,
    carried: Carried | None = None,
) -> ChainGap:
    """Return the gap view of a chain (in a park, when ``park`` is given)."""
    node = plan.graph.nodes[chain]
    focus = plan.focus(chain)
    techs = [plan.graph.nodes[e.target] for e in focus]
    covers, anchors = plan_covers(plan, chain)
    here = plan.parts_of(park) if park else None
    signed: dict[str, list[Cover]] = {}
    pursued: dict[str, list[Cover]] = {}
    other: list[Cover] = []
    for record in records.candidates.get(chain, []):
        match = resolve(record.fields.get("direction"), techs)
        cover = candidate_cover(plan, record, match.assumption)
        if stage_rank(record.fields.get("stage")) >= stage_rank(SIGNED[0]):
            if match.id:
                signed.setdefault(match.id, []).append(cover)
            elif here is None or (cover.park and cover.park.id in here):
                other.append(cover)
        elif match.id:
            pursued.setdefault(match.id, []).append(cover)
    chokes: dict[str, list[ChokepointRef]] = {}
    for record in records.chokepoints.get(chain, []):
        match = resolve(record.fields.get("direction"), techs)
        if match.id:
            status = str(record.fields.get("status"))
            chokes.setdefault(match.id, []).append(
                ChokepointRef(
                    item=str(record.fields.get("item")),
                    status=status,
                    status_en=STATUS_EN.get(status, status),
                    source=record.source,
                )
            )
    directions = []
    for edge, tech in zip(focus, techs, strict=True):
        found = covers.get(tech.id, []) + signed.get(tech.id, [])
        inside = found if here is None else [c for c in found if c.park and c.park.id in here]
        outside = [] if here is None else [c for c in found if c not in inside]
        directions.append(
            DirectionGap(
                id=tech.id,
                name=str(tech.props.get("name")),
                name_en=str(tech.props.get("name_en") or "") or None,
                kind=str(tech.props.get("kind")),
                status="covered" if inside else "open",
                covers=inside,
                elsewhere=outside,
                pursued=pursued.get(tech.id, []),
                chokepoints=chokes.get(tech.id, []),
                source=str(edge.props.get("source")),
                evidence=str(edge.props.get("evidence")),
            )
        )
    directions.sort(key=_order)  # stable: the annex's order within each status
    return ChainGap(
        chain=ref(node),
        counts=_counts(directions),
        directions=directions,
        anchors=anchors,
        other=other,
        carried=carried,
    )


def _counts(directions: Iterable[DirectionGap]) -> dict[str, int]:
    found = [d.status for d in directions]
    return {"covered": found.count("covered"), "open": found.count("open")}


def _plan(graph: GraphStore) -> Plan:
    return Plan(store_subgraph(graph, GAP_LABELS))


def chain_gaps(graph: GraphStore, records: RecordsStore | None, id: str) -> ChainGaps:
    """Return the gap view of chain ``id``; raises :class:`UnknownNode`."""
    plan = _plan(graph)
    node = plan.graph.nodes.get(id)
    if node is None or node.label != "Chain":
        raise UnknownNode(id)
    found = Records.of(records, id)
    gap = chain_gap(plan, found, id)
    return ChainGaps(**gap.model_dump(), records_version=found.version, rule=RULE)


def park_gaps(graph: GraphStore, records: RecordsStore | None, id: str) -> ParkGaps:
    """Return the gap view of park ``id``: every chain it carries; raises :class:`UnknownNode`."""
    plan = _plan(graph)
    node = plan.graph.nodes.get(id)
    if node is None or node.label != "Park":
        raise UnknownNode(id)
    found = Records.of(records)
    chains = []
    for row in graph.run("park_chains", id=id):
        chain = str(row["chain"]["id"])
        carried = Carried(
            role=row.get("role"),
            basis="stated" if row["carried"] == chain else "derived",
            via=None if row["carried"] == chain else str(row["carried"]),
            source=str(row["source"]),
            evidence=str(row["evidence"]),
            assumption=row.get("assumption"),
        )
        chains.append(chain_gap(plan, found, chain, park=id, carried=carried))
    chains.sort(key=lambda c: (rank(plan.graph.nodes[c.chain.id]), c.chain.id))
    counts = _counts(d for c in chains for d in c.directions)
    return ParkGaps(
        park=ref(node), records_version=found.version, counts=counts, chains=chains, rule=PARK_RULE
    )


def all_gaps(graph: GraphStore, records: RecordsStore | None) -> list[ChainGap]:
    """Return the gap view of every chain, in annex order."""
    plan = _plan(graph)
    found = Records.of(records)
    chains = [n for n in plan.graph.nodes.values() if n.label == "Chain"]
    chains.sort(key=lambda n: (rank(n), n.id))
    return [chain_gap(plan, found, c.id) for c in chains]


class GapSummary(BaseModel):
    """One chain's directions counted: covered and open."""

    chain: Ref
    counts: dict[str, int]


class GapIndex(BaseModel):
    """Every chain's directions counted, in annex order."""

    records_version: int
    counts: dict[str, int]
    items: list[GapSummary]


def gap_index(graph: GraphStore, records: RecordsStore | None) -> GapIndex:
    """Return every chain's gap counts."""
    found = all_gaps(graph, records)
    return GapIndex(
        records_version=records.version() if records is not None else 0,
        counts=_counts(d for c in found for d in c.directions),
        items=[GapSummary(chain=c.chain, counts=c.counts) for c in found],
    )


# ---------------------------------------------------------------- the 补链清单


def _who(covers: list[Cover]) -> str | None:
    parts = []
    for c in covers:
        if c.by == "plan":
            parts.append(f"{c.name}（方案{c.source}）")
        else:
            when = f"，{c.stage_date}" if c.stage_date else ""
            parts.append(f"{c.name}（{c.category}，{c.stage}{when}）")
    return "；".join(parts) or None


GAP_COLUMNS = [
    SEQ,
    Column("chain", "产业链", "Chain", 16),
    Column("direction", "重点发展方向 / 产品", "Direction", 26),
    Column("direction_en", "英文名", "English name", 30),
    Column("kind", "类别", "Kind", 8),
    Column("status", "状态", "Status", 9),
    Column(
        "covers", "已覆盖：方案点名的企业、项目、平台，或已签约的招商目标企业", "Covered by", 36
    ),
    Column("elsewhere", "市内其他地方的覆盖（园区视图）", "Covered elsewhere (park view)", 30),
    Column("pursued", "在跟进（线索、在谈）", "Pursued (lead, in talks)", 30),
    Column("chokepoints", "卡脖子技术", "Chokepoints", 24),
    Column("evidence", "原文", "Quote", 50),
    SOURCE,
    ASSUMPTION,
]
GAP_NOTES = [
    f"依据{PLAN_TITLE}附件各产业链“重点发展方向”栏，及三(二)“分产业链编制可招引链主企业、头部企业和配套企业清单”。",
    "已覆盖：方案在同一分句中把该方向与该产业链（或其产业集群）的龙头企业、重点项目或创新平台联系在一起，"
    "或招商目标企业清单中有处于签约、开工或投产阶段、补该方向的企业。其余为待补链。",
    "方案点名但未联系到具体方向的龙头企业、项目（如“以长城汽车泰州基地为核心”）不计为覆盖某一方向。",
    "排列：产业链按附件序号；同一产业链内待补链在前，各按附件原文先后。",
    "API 提供的清单计入已录入的招商目标企业；命令行和离线网站中的清单只依据方案。",
]


def gap_rows(table: Table, gaps: Iterable[ChainGap]) -> None:
    """Add one row per direction of each chain's gap view."""
    for gap in gaps:
        for d in gap.directions:
            assumptions = [c.assumption for c in (*d.covers, *d.elsewhere) if c.assumption]
            if gap.carried and gap.carried.assumption:
                assumptions.insert(0, gap.carried.assumption)
            table.add(
                seq=len(table.rows) + 1,
                chain=gap.chain.name,
                direction=d.name,
                direction_en=d.name_en,
                kind=KIND_ZH.get(d.kind, d.kind),
                status=STATUS_ZH[d.status],
                covers=_who(d.covers),
                elsewhere=_who(d.elsewhere),
                pursued=_who(d.pursued),
                chokepoints="；".join(f"{c.item}（{c.status}）" for c in d.chokepoints) or None,
                evidence=d.evidence,
                source=d.source,
                assumption=" ".join(dict.fromkeys(assumptions)) or None,
            )


@register(
    "gaps",
    "补链清单",
    "Gaps to fill",
    about=(
        "Every focus direction of the 30 chains, covered (by the plan's anchors or a signed "
        "candidate) or open, with what covers it, the candidates pursuing it and its 卡脖子 "
        "items; open first within each chain."
    ),
    about_zh="30条产业链的每项重点发展方向：已覆盖（方案点名的企业、项目、平台，或已签约的招商目标企业）或待补链，"
    "附覆盖者、在跟进的企业和卡脖子技术；每条产业链内待补链在前。",
    columns=GAP_COLUMNS,
    notes=GAP_NOTES,
    needs=("records",),
)
def gaps_list(store: GraphStore, table: Table, records: RecordsStore | None) -> None:
    """Fill 补链清单: every chain in annex order, its open directions first."""
    gap_rows(table, all_gaps(store, records))
