"""The service layer: catalog rows in, response models out.

Every function takes the store and runs only catalog queries through
:meth:`GraphStore.run`; the values computed on top of the rows (growth rates,
reconciliation, search ranking, the chosen shortest path) come from
:mod:`graph_loader.derived` and :mod:`graph_loader.search`, so both stores give
identical answers.  Unknown ids raise :class:`~api.errors.NotFoundError`.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from chainkg.api import schemas as s
from chainkg.api.errors import (
    UNAVAILABLE_DETAIL,
    InvalidParameterError,
    NoPathError,
    NotFoundError,
    UnavailableError,
)
from chainkg.graph_loader.ask.model import Lang, NodeKey
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.derived import (
    LABELS,
    RELATIONSHIP_TYPES,
    choose_path,
    edge_key,
    reconciliation,
    required_cagr,
)
from chainkg.graph_loader.search import normalize, search
from chainkg.graph_loader.store import GraphStore
from chainkg.records.ask import ask_with_records
from chainkg.records.store import RecordsStore
from chainkg.viz.maps import Links

log = logging.getLogger("api")

L = TypeVar("L", bound=s.LinkRef)

CHAIN_LIST_LABELS = ["Chain", "Group", "Tier"]
INDICATOR_LABELS = ["Indicator", "Plan", "Group", "Tier"]
_EDGE_FIELDS = ("type", "from", "to", "role", "source", "evidence")
_NODE_FIELDS = ("id", "label", "name", "name_en")


# ---------------------------------------------------------------- helpers


def get_node(store: GraphStore, label: str, id: str) -> Row:
    """Return the node ``id`` if it has ``label``; else raise :class:`NotFoundError`."""
    rows = store.run("node", id=id)
    if not rows or rows[0]["node"]["label"] != label:
        raise NotFoundError(label.lower(), id)
    node: Row = rows[0]["node"]
    return node


def get_node_links(store: GraphStore, label: str, id: str) -> tuple[Row, list[Row]]:
    """Return the node ``id`` of ``label`` (see :func:`get_node`) and its ``links`` rows."""
    return get_node(store, label, id), store.run("links", id=id)


def _nodes(store: GraphStore, label: str) -> list[Row]:
    """Return every node of ``label``, by id."""
    return sorted((r["node"] for r in store.run("nodes", label=label)), key=lambda n: n["id"])


def _ref_fields(node: Row) -> dict[str, Any]:
    """Return a node's id, type (its label) and names: the fields of a reference to it."""
    return {
        "id": node["id"],
        "type": node["label"],
        "name": node["name"],
        "name_en": node["name_en"],
    }


def ref(node: Row) -> s.NodeRef:
    """Return a node row as a reference."""
    return s.NodeRef(**_ref_fields(node))


def link_ref(edge: Row, other: Row, cls: type[L] = s.LinkRef, **extra: Any) -> L:  # type: ignore[assignment]
    """Return the node at the other end of ``edge`` with the edge's role and evidence."""
    return cls(
        **_ref_fields(other),
        role=edge.get("role"),
        source=edge["source"],
        evidence=edge["evidence"],
        assumption=edge.get("assumption"),
        **extra,
    )


def select(
    links: list[Row], rel_type: str, direction: str, label: str | None = None
) -> list[tuple[Row, Row]]:
    """Return ``(edge, other node)`` of the ``links`` rows of a type and direction, by id."""
    found = [
        (row["edge"], row["other"])
        for row in links
        if row["type"] == rel_type
        and row["direction"] == direction
        and (label is None or row["other"]["label"] == label)
    ]
    return sorted(found, key=lambda pair: (pair[1]["id"], edge_key(pair[0])))


def refs(
    links: list[Row], rel_type: str, direction: str, label: str | None = None
) -> list[s.LinkRef]:
    """Return the linked nodes of a type and direction as references with evidence."""
    return [link_ref(e, o) for e, o in select(links, rel_type, direction, label)]


def in_plan_order(links: list[Row], rel_type: str, direction: str) -> list[s.LinkRef]:
    """Return the linked nodes of an ordered link list (edge ``rank``) in the plan's order."""
    found = select(links, rel_type, direction)
    found.sort(key=lambda pair: pair[0].get("rank", 0))  # stable: unranked ones stay by id
    return [link_ref(e, o) for e, o in found]


def one_ref(links: list[Row], rel_type: str, direction: str) -> s.LinkRef | None:
    """Return the first linked node of a type and direction, or None."""
    found = refs(links, rel_type, direction)
    return found[0] if found else None


def _pick(row: Row, *fields: str) -> dict[str, Any]:
    """Return ``fields`` of ``row`` by name (each must be there): a response model's arguments."""
    return {field: row[field] for field in fields}


def _names(node: Row, *fields: str) -> dict[str, Any]:
    """Return a node's id, names, aliases and ``fields``."""
    return {
        **_pick(node, "id", "name", "name_en", *fields),
        "aliases": list(node.get("aliases", [])),
    }


def _described(node: Row, *fields: str) -> dict[str, Any]:
    """Return :func:`_names` with the node's ``source`` and ``evidence``."""
    return _names(node, *fields, "source", "evidence")


def _split_types(types: str | None, known: tuple[str, ...], name: str) -> list[str] | None:
    """Return the comma-separated names of ``types`` (None when none), all of them ``known``."""
    if types is None:
        return None
    items = [t.strip() for t in types.split(",") if t.strip()]
    if not items:
        return None
    unknown = [t for t in items if t not in known]
    if unknown:
        raise InvalidParameterError(
            name, f"unknown {', '.join(map(repr, unknown))}; known: {', '.join(known)}"
        )
    return sorted(set(items))


# ---------------------------------------------------------------- chains


def list_chains(
    store: GraphStore,
    group: str | None,
    tier: str | None,
    park: str | None,
    q: str | None,
    limit: int,
    offset: int,
) -> s.ChainPage:
    """Return a page of the chains that pass the filters, in annex order."""
    q = q.strip() or None if q is not None else None
    rows = store.run("chains", group=group, tier=tier, park=park, q=q)
    chains = sorted((r["node"] for r in rows), key=lambda n: (n["rank"], n["id"]))
    member = store.run("subgraph", labels=CHAIN_LIST_LABELS)[0]["edges"]
    group_of = {e["from"]: e["to"] for e in member if e["type"] == "IN_GROUP"}
    tier_of = {e["from"]: e["to"] for e in member if e["type"] == "IN_TIER"}
    items = [
        s.ChainSummary(
            **_names(c, "rank", "revenue_2024", "target_2027", "target_2030"),
            group=group_of.get(c["id"]),
            tier=tier_of.get(c["id"]),
        )
        for c in chains[offset : offset + limit]
    ]
    return s.ChainPage(total=len(chains), limit=limit, offset=offset, items=items)


def _industry_links(links: list[Row]) -> dict[str, Any]:
    """Return the enterprises and projects anchoring a chain or group, the platforms
    supporting it and the technologies it names."""
    return {
        "enterprises": refs(links, "ANCHORS", "in", "Enterprise"),
        "projects": refs(links, "ANCHORS", "in", "Project"),
        "platforms": refs(links, "SUPPORTS", "in"),
        "technologies": [
            link_ref(e, o, s.TechnologyRef, kind=o["kind"])
            for e, o in select(links, "FOCUSES_ON", "out")
        ],
    }


def _carried(row: Row) -> dict[str, Any]:
    """Return the fields of a park–chain row (``chain_parks``, ``park_chains``, ``group_parks``)
    that a :class:`~chainkg.api.schemas.CarriedLink` shows: stated, or derived ``via`` a group."""
    return {
        **_pick(row, "role", "source", "evidence", "assumption", "basis", "covers_evidence"),
        "via": row["carried"] if row["basis"] == "derived" else None,
    }


def _chain_parks(rows: list[Row]) -> list[s.ChainPark]:
    """Return the parks of ``chain_parks`` rows: stated first, then by group and id."""
    parks = [s.ChainPark(**_ref_fields(r["park"]), **_carried(r)) for r in rows]
    return sorted(parks, key=lambda p: (p.via is not None, p.via or "", p.id))


def get_chain(store: GraphStore, id: str) -> s.ChainDetail:
    """Return a chain with its figures, growth rates and every link with evidence."""
    node, links = get_node_links(store, "Chain", id)
    related = [
        link_ref(e, o, s.RelatedChain, kind=e["kind"], direction=d)
        for d in ("out", "in")
        for e, o in select(links, "RELATES_TO", d)
    ]
    revenue = node["revenue_2024"]
    return s.ChainDetail(
        **_described(node, "rank", "revenue_2024", "target_2027", "target_2030", "directions"),
        cagr_2024_2027=required_cagr(revenue, node["target_2027"], 2027 - 2024),
        cagr_2024_2030=required_cagr(revenue, node["target_2030"], 2030 - 2024),
        group=one_ref(links, "IN_GROUP", "out"),
        tier=one_ref(links, "IN_TIER", "out"),
        parks=_chain_parks(store.run("chain_parks", id=id)),
        **_industry_links(links),
        related_chains=sorted(related, key=lambda r: (r.id, r.direction, r.kind)),
    )


def get_chain_parks(store: GraphStore, id: str) -> s.ChainParks:
    """Return the parks that carry a chain: stated, or derived from a layout of its group."""
    node = get_node(store, "Chain", id)
    return s.ChainParks(chain=ref(node), parks=_chain_parks(store.run("chain_parks", id=id)))


# ---------------------------------------------------------------- parks


def _park_chains(rows: list[Row]) -> list[s.ParkChain]:
    """Return the chains of ``park_chains`` (or ``group_parks``) rows, in annex order."""
    chains = [
        s.ParkChain(**_ref_fields(r["chain"]), rank=r["chain"]["rank"], **_carried(r)) for r in rows
    ]
    return sorted(chains, key=lambda c: (c.rank, c.id))


def _reach(edge: Row) -> dict[str, Any]:
    """Return what a park's layout of a group reaches (empty for any other link)."""
    return {
        "covers": list(edge.get("covers", [])),
        "covers_evidence": edge.get("covers_evidence"),
        "covers_assumption": edge.get("covers_assumption"),
    }


def list_parks(store: GraphStore) -> s.ParkList:
    """Return every park, by id."""
    nodes = _nodes(store, "Park")
    return s.ParkList(total=len(nodes), items=[s.ParkSummary(**_names(n, "type")) for n in nodes])


def get_park(store: GraphStore, id: str) -> s.ParkDetail:
    """Return a park: where it is, what it carries (as stated and chain by chain), platforms."""
    node, links = get_node_links(store, "Park", id)
    return s.ParkDetail(
        **_described(node, "type"),
        district=one_ref(links, "LOCATED_IN", "out"),
        part_of=one_ref(links, "PART_OF", "out"),
        parts=refs(links, "PART_OF", "in"),
        carries=[
            link_ref(e, o, s.CarriesRef, **_reach(e)) for e, o in select(links, "CARRIES", "out")
        ],
        chains=_park_chains(store.run("park_chains", id=id)),
        platforms=refs(links, "LOCATED_IN", "in", "Platform"),
    )


def get_park_chains(store: GraphStore, id: str) -> s.ParkChains:
    """Return the chains a park carries: stated, or derived from a group layout."""
    node = get_node(store, "Park", id)
    return s.ParkChains(park=ref(node), chains=_park_chains(store.run("park_chains", id=id)))


# ---------------------------------------------------------------- groups


def list_groups(store: GraphStore) -> s.GroupList:
    """Return every group in plan order, with its tier and parent."""
    row = store.run("subgraph", labels=["Group", "Tier"])[0]
    tier_of = {e["from"]: e["to"] for e in row["edges"] if e["type"] == "IN_TIER"}
    parent_of = {e["from"]: e["to"] for e in row["edges"] if e["type"] == "SUBGROUP_OF"}
    groups = sorted(
        (n for n in row["nodes"] if n["label"] == "Group"), key=lambda n: (n["rank"], n["id"])
    )
    items = [
        s.GroupSummary(
            **_names(g, "rank"), tier=tier_of.get(g["id"]), parent=parent_of.get(g["id"])
        )
        for g in groups
    ]
    return s.GroupList(total=len(items), items=items)


def _group_parks(links: list[Row], rows: list[Row]) -> list[s.GroupPark]:
    """Return every park of a group: its layout of the group (if any) and the group's chains
    it carries (``group_parks`` rows), by park id."""
    layouts = {o["id"]: (e, o) for e, o in select(links, "CARRIES", "in", "Park")}
    parks = {o["id"]: o for _, o in layouts.values()} | {r["park"]["id"]: r["park"] for r in rows}
    out = []
    for pid in sorted(parks):
        edge, _ = layouts.get(pid, ({}, None))
        out.append(
            s.GroupPark(
                **_ref_fields(parks[pid]),
                role=edge.get("role"),
                source=edge.get("source"),
                evidence=edge.get("evidence"),
                assumption=edge.get("assumption"),
                **_reach(edge),
                chains=_park_chains([r for r in rows if r["park"]["id"] == pid]),
            )
        )
    return out


def get_group(store: GraphStore, id: str) -> s.GroupDetail:
    """Return a group with its members, parks, links and the reconciliation of its targets."""
    node, links = get_node_links(store, "Group", id)
    chains = sorted(
        select(links, "IN_GROUP", "in", "Chain"), key=lambda pair: (pair[1]["rank"], pair[1]["id"])
    )
    return s.GroupDetail(
        **_described(node, "rank"),
        positioning=list(node.get("positioning", [])),
        tier=one_ref(links, "IN_TIER", "out"),
        parent=one_ref(links, "SUBGROUP_OF", "out"),
        subgroups=refs(links, "SUBGROUP_OF", "in"),
        chains=[link_ref(e, o) for e, o in chains],
        also_lists=refs(links, "LISTS", "out"),
        parks=_group_parks(links, store.run("group_parks", id=id)),
        **_industry_links(links),
        indicators=refs(links, "GOAL_OF", "in"),
        reconciliation=[s.Recon(**r.model_dump()) for r in reconciliation(store) if r.scope == id],
    )


# ---------------------------------------------------------------- enterprises and projects


def _summaries(store: GraphStore, label: str) -> list[s.EnterpriseSummary]:
    return [s.EnterpriseSummary(**_names(n)) for n in _nodes(store, label)]


def list_enterprises(store: GraphStore) -> s.EnterpriseList:
    """Return every lead enterprise, by id."""
    items = _summaries(store, "Enterprise")
    return s.EnterpriseList(total=len(items), items=items)


def list_projects(store: GraphStore) -> s.EnterpriseList:
    """Return every key project, by id."""
    items = _summaries(store, "Project")
    return s.EnterpriseList(total=len(items), items=items)


def get_enterprise(store: GraphStore, id: str) -> s.EnterpriseDetail:
    """Return an enterprise with what it anchors and its projects."""
    node, links = get_node_links(store, "Enterprise", id)
    return s.EnterpriseDetail(
        **_described(node),
        anchors=refs(links, "ANCHORS", "out"),
        projects=refs(links, "OWNS", "out"),
    )


def get_project(store: GraphStore, id: str) -> s.ProjectDetail:
    """Return a project with its owner and what it anchors."""
    node, links = get_node_links(store, "Project", id)
    return s.ProjectDetail(
        **_described(node),
        owner=one_ref(links, "OWNS", "in"),
        anchors=refs(links, "ANCHORS", "out"),
    )


# ---------------------------------------------------------------- technologies


def get_technology(store: GraphStore, id: str) -> s.TechnologyDetail:
    """Return a technology with the chains and groups that name it."""
    node, links = get_node_links(store, "Technology", id)
    return s.TechnologyDetail(
        **_described(node, "kind"),
        chains=refs(links, "FOCUSES_ON", "in", "Chain"),
        groups=refs(links, "FOCUSES_ON", "in", "Group"),
    )


# ---------------------------------------------------------------- actions and departments


def _target(t: Row) -> s.TargetOut:
    return s.TargetOut(
        **_pick(
            t, "id", "name", "name_en", "value", "unit", "period", "at_least", "source", "evidence"
        )
    )


def measures(store: GraphStore, action_ids: list[str]) -> dict[str, list[s.MeasureOut]]:
    """Return the measures of each action (one query for all) in plan order, with targets."""
    out: dict[str, list[s.MeasureOut]] = {a: [] for a in action_ids}
    for row in store.run("action_measures", ids=action_ids):
        m = row["measure"]
        out[row["action"]].append(
            s.MeasureOut(
                **_pick(m, "id", "rank", "name", "name_en", "text", "source", "evidence"),
                targets=sorted((_target(t) for t in row["targets"]), key=lambda t: t.id),
            )
        )
    return {a: sorted(ms, key=lambda m: (m.rank, m.id)) for a, ms in out.items()}


def list_actions(store: GraphStore) -> s.ActionList:
    """Return the actions in plan order."""
    nodes = sorted(_nodes(store, "Action"), key=lambda n: n["rank"])  # stable: ties stay by id
    return s.ActionList(
        total=len(nodes), items=[s.ActionSummary(**_names(n, "rank")) for n in nodes]
    )


def get_action(store: GraphStore, id: str) -> s.ActionDetail:
    """Return an action: measures with targets, responsible departments with role, platforms."""
    node, links = get_node_links(store, "Action", id)
    return s.ActionDetail(
        **_described(node, "rank"),
        measures=measures(store, [id])[id],
        responsible=in_plan_order(links, "RESPONSIBLE_FOR", "in"),
        platforms=refs(links, "SUPPORTS", "in"),
    )


def list_departments(store: GraphStore) -> s.DepartmentList:
    """Return every responsible unit, by id."""
    nodes = _nodes(store, "Department")
    return s.DepartmentList(
        total=len(nodes), items=[s.DepartmentSummary(**_names(n, "kind")) for n in nodes]
    )


def get_department(store: GraphStore, id: str) -> s.DepartmentDetail:
    """Return a department's responsibility list: actions (measures, targets) and safeguards."""
    node = get_node(store, "Department", id)
    actions, safeguards = [], []
    plan: list[s.LinkRef] = []
    duties = store.run("department_duties", id=id)
    action_ids = [r["item"]["id"] for r in duties if r["item"]["label"] == "Action"]
    measures_of = measures(store, action_ids)
    for row in duties:
        item = row["item"]
        if item["label"] == "Action":
            actions.append(
                link_ref(
                    row, item, s.ActionDuty, rank=item["rank"], measures=measures_of[item["id"]]
                )
            )
        elif item["label"] == "Safeguard":
            safeguards.append(
                link_ref(row, item, s.SafeguardDuty, rank=item["rank"], text=item["text"])
            )
        elif item["label"] == "Plan":
            plan.append(link_ref(row, item))
    return s.DepartmentDetail(
        **_described(node, "kind"),
        plan=sorted(plan, key=lambda p: p.id),
        actions=sorted(actions, key=lambda a: (a.rank, a.id)),
        safeguards=sorted(safeguards, key=lambda g: (g.rank, g.id)),
    )


# ---------------------------------------------------------------- plan, indicators, reconciliation


PLAN_FIELDS = (
    "status",
    "city",
    "system",
    "system_en",
    "system_source",
    "goal",
    "goal_en",
    "goal_source",
    "base_year",
    "horizon_years",
    "annex_total_2024",
    "annex_total_2027",
    "annex_total_2030",
    "industry_revenue_2024",
    "industry_target_2027",
    "industry_target_2030",
)


def get_plan(store: GraphStore) -> s.PlanDetail:
    """Return the plan: its system, overall goal, totals, organiser, tiers, actions, safeguards."""
    (plan,) = _nodes(store, "Plan")
    links = store.run("links", id=plan["id"])

    def ranked(label: str) -> list[s.LinkRef]:
        found = select(links, "PART_OF", "in", label)
        return [link_ref(e, o) for e, o in sorted(found, key=lambda p: p[1]["rank"])]

    return s.PlanDetail(
        **_described(plan, *PLAN_FIELDS),
        responsible=in_plan_order(links, "RESPONSIBLE_FOR", "in"),
        tiers=ranked("Tier"),
        actions=ranked("Action"),
        safeguards=ranked("Safeguard"),
    )


def list_indicators(store: GraphStore) -> s.IndicatorList:
    """Return every development goal with its scope (plan, group or tier), by year and id."""
    row = store.run("subgraph", labels=INDICATOR_LABELS)[0]
    nodes = {n["id"]: n for n in row["nodes"]}
    scope_of = {e["from"]: e["to"] for e in row["edges"] if e["type"] == "GOAL_OF"}
    items = []
    for n in sorted(
        (n for n in row["nodes"] if n["label"] == "Indicator"), key=lambda n: (n["year"], n["id"])
    ):
        scope = nodes.get(scope_of.get(n["id"], ""))
        items.append(
            s.IndicatorOut(
                id=n["id"],
                name=n["name"],
                name_en=n["name_en"],
                metric=n["metric"],
                category=n.get("category"),
                year=n["year"],
                value=n["value"],
                unit=n["unit"],
                comparison=n["comparison"],
                baseline_year=n.get("baseline_year"),
                scope=ref(scope) if scope else None,
                source=n["source"],
                evidence=n["evidence"],
            )
        )
    return s.IndicatorList(total=len(items), items=items)


def get_reconciliation(store: GraphStore) -> s.ReconciliationTable:
    """Return the plan's consistency table with counts by status."""
    rows = [s.Recon(**r.model_dump()) for r in reconciliation(store)]
    return s.ReconciliationTable(
        met=sum(r.status == "met" for r in rows),
        short=sum(r.status == "short" for r in rows),
        over=sum(r.status == "over" for r in rows),
        rows=rows,
    )


# ---------------------------------------------------------------- search


def run_search(store: GraphStore, q: str, limit: int, types: str | None) -> s.SearchResult:
    """Return the ranked hits for ``q`` (422 when it is blank or a type is unknown)."""
    if not normalize(q):
        raise InvalidParameterError("q", "must contain a non-blank character")
    labels = _split_types(types, LABELS, "types")
    hits = search(store, q, limit=None, types=labels)
    return s.SearchResult(
        q=q, total=len(hits), hits=[s.Hit(**h.model_dump()) for h in hits[:limit]]
    )


# ---------------------------------------------------------------- ask


def map_link(focus: list[NodeKey], links: Links) -> str:
    """Return the map of the first node that has one, else the overview."""
    for node in focus:
        link = links.node(node.label, node.id)
        if link is not None:
            return link
    return links.map("overview")


def ask(store: GraphStore, q: str, lang: Lang, records: RecordsStore | None = None) -> s.AskResult:
    """Return the answer to a question, with a link to its map (422 when it is blank); with
    ``records``, questions about what staff recorded (挂钩, candidates …) are answered too."""
    if not normalize(q):
        raise InvalidParameterError("q", "must contain a non-blank character")
    answer = ask_with_records(store, records, q, lang)
    return s.AskResult(**answer.model_dump(), map=map_link(answer.focus, Links(static=False)))


# ---------------------------------------------------------------- graph


def graph_node(node: Row) -> s.GraphNode:
    """Return a node row for a viewer: id, type, names and the remaining properties."""
    return s.GraphNode(
        **_ref_fields(node),
        properties={k: v for k, v in node.items() if k not in _NODE_FIELDS},
    )


def graph_edge(edge: Row) -> s.GraphEdge:
    """Return an edge row with its key, ends, type, evidence and the remaining properties."""
    return s.GraphEdge.model_validate(
        {
            "key": edge_key(edge),
            "from": edge["from"],
            "to": edge["to"],
            "type": edge["type"],
            "role": edge.get("role"),
            "source": edge.get("source"),
            "evidence": edge.get("evidence"),
            "properties": {k: v for k, v in edge.items() if k not in _EDGE_FIELDS},
        }
    )


def subgraph_model(row: Row) -> s.Subgraph:
    """Return a ``subgraph``/``neighborhood`` row as nodes by id and edges by key."""
    return s.Subgraph(
        nodes=[graph_node(n) for n in sorted(row["nodes"], key=lambda n: n["id"])],
        edges=[graph_edge(e) for e in sorted(row["edges"], key=edge_key)],
    )


def neighborhood(store: GraphStore, id: str, depth: int, types: str | None) -> s.Neighborhood:
    """Return the nodes within ``depth`` hops of ``id`` (over ``types``) and their edges."""
    rel_types = _split_types(types, RELATIONSHIP_TYPES, "types")
    rows = store.run("neighborhood", id=id, depth=depth, types=rel_types)
    if not rows:
        raise NotFoundError("node", id)
    graph = subgraph_model(rows[0])
    return s.Neighborhood(
        center=id, depth=depth, types=rel_types, nodes=graph.nodes, edges=graph.edges
    )


def _node_or_404(store: GraphStore, id: str) -> Row:
    rows = store.run("node", id=id)
    if not rows:
        raise NotFoundError("node", id)
    node: Row = rows[0]["node"]
    return node


def shortest_path(store: GraphStore, a: str, b: str) -> s.PathOut:
    """Return the shortest path from ``a`` to ``b`` ignoring direction (404 when none)."""
    if a == b:
        node = _node_or_404(store, a)
        return s.PathOut.model_validate(
            {"from": a, "to": b, "length": 0, "nodes": [graph_node(node)], "edges": []}
        )
    chosen = choose_path(store.run("paths", **{"from": a, "to": b}))
    if chosen is None:
        _node_or_404(store, a)
        _node_or_404(store, b)
        raise NoPathError(f"No path joins '{a}' and '{b}'", **{"from": a, "to": b})
    ids, edges = chosen
    found = {r["node"]["id"]: r["node"] for r in store.run("nodes_by_ids", ids=ids)}
    return s.PathOut.model_validate(
        {
            "from": a,
            "to": b,
            "length": len(edges),
            "nodes": [graph_node(found[n]) for n in ids],
            "edges": [graph_edge(e) for e in edges],
        }
    )


# ---------------------------------------------------------------- health


def health(store: GraphStore) -> s.Health:
    """Return the backend's health, or raise a 503 problem when it does not answer."""
    h = store.health()
    if not h.reachable:
        log.warning("graph store unavailable: %s", h.detail)
        raise UnavailableError(UNAVAILABLE_DETAIL, backend=h.backend, reachable=False)
    return s.Health(
        backend=h.backend,
        reachable=True,
        nodes=sum(h.labels.values()),
        relationships=sum(h.types.values()),
        labels=dict(sorted(h.labels.items())),
        types=dict(sorted(h.types.items())),
    )
