"""The map builders: overview, one per chain, park, group and department, and the whole graph.

Each builder returns the :class:`~chainkg.viz.render.MapSpec` of one map; the registry in
:mod:`chainkg.viz.maps` says which builder serves which kind of map.  Every map is composed
from catalog queries through :meth:`GraphStore.run` only, so it
looks the same on the embedded store and on Neo4j.  Every edge drawn is an edge of the
graph, with the section of the plan it comes from and its quote; no map invents a link.

How the five actions apply to a chain
-------------------------------------
The plan's five actions serve all 30 chains together (一(一): 实施创新升级引领、项目攻坚突破、
优质企业培育等五大行动，推动“大海新晨”产业体系30条重点产业链…发展) and none names a chain.
So a chain map shows the actions the way the graph holds them, with real edges only:
chain → its tier → the plan ← each action ← the departments responsible for it.  Where
the graph has a more specific link — a platform that supports both the chain (or its
group) and an action — that platform and both of its edges are drawn too.  No
chain-to-action edge is made up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.store import GraphStore
from chainkg.viz.layout import Box, columns_under, fit_scale
from chainkg.viz.marks import zh
from chainkg.viz.render import FONT_PX, Block, MapBuilder, MapSpec, box_of
from chainkg.viz.text import number, wrap_en, wrap_zh


class MapNotFound(LookupError):
    """No node of ``kind`` has ``id`` (unknown, or of another kind), or the kind is unknown."""

    def __init__(self, kind: str, id: str | None) -> None:
        super().__init__(f"No {kind} with id '{id}'")
        self.kind = kind
        self.id = id


def _node(store: GraphStore, label: str, id: str | None) -> Row:
    """Return the node row of ``id`` when it has ``label``, else raise :class:`MapNotFound`."""
    kind = label.lower()
    if not id:
        raise MapNotFound(kind, id)
    rows = store.run("node", id=id)
    if not rows or rows[0]["node"]["label"] != label:
        raise MapNotFound(kind, id)
    node: Row = rows[0]["node"]
    return node


def _links(store: GraphStore, id: str) -> list[Row]:
    return store.run("links", id=id)


def _of(rows: Iterable[Row], rel: str, direction: str | None = None) -> list[Row]:
    return [
        r for r in rows if r["type"] == rel and (direction is None or r["direction"] == direction)
    ]


def _add_links(b: MapBuilder, rows: Iterable[Row], level: int) -> list[str]:
    """Add the other ends of ``rows`` at ``level`` and their edges; return their ids."""
    ids = []
    for r in rows:
        b.node(r["other"], level)
        b.edge(r["edge"])
        ids.append(str(r["other"]["id"]))
    return ids


def _actions_via_plan(
    b: MapBuilder, store: GraphStore, dept_level: int, action_level: int, block: str | None = None
) -> None:
    """Add the five actions (PART_OF the plan) and the departments responsible for them."""
    (sub,) = store.run("subgraph", labels=["Plan", "Action", "Department"])
    by_id = {n["id"]: n for n in sub["nodes"]}
    for e in sub["edges"]:
        a, z = by_id[e["from"]], by_id[e["to"]]
        if e["type"] == "PART_OF" and a["label"] == "Action" and b.has(z["id"]):
            b.node(a, action_level, block=block)
            b.edge(e)
    for e in sub["edges"]:
        if e["type"] == "RESPONSIBLE_FOR" and b.has(e["to"]):
            b.node(by_id[e["from"]], dept_level, block=block)
            b.edge(e)


# ----------------------------------------------------------------- overview

MAP_AREA = (1100.0, 830.0)
"""The map's area of a 1440×900 window (the side panel and the header take the rest)."""
OVERVIEW_FONT = 18
"""Label size of the overview (its 30 chains must be legible in a 1440×900 window)."""


def overview_spec(store: GraphStore) -> MapSpec:
    """大海新晨 → tiers → groups → the 30 chains, chains sized by their 2027 target."""
    (sub,) = store.run("subgraph", labels=["Plan", "Tier", "Group", "Chain"])
    b = MapBuilder()
    level = {"Plan": 0, "Tier": 1, "Group": 2, "Chain": 3}
    for n in sorted(sub["nodes"], key=lambda n: (level[n["label"]], n.get("rank", 0), n["id"])):
        node = b.node(n, level[n["label"]])
        if n["label"] == "Plan":
            node.caption = {  # one line: vis draws a box's lines without leading
                "zh": "“大海新晨”产业体系",
                "en": "Da-Hai-Xin-Chen industrial system",
            }
        elif n["label"] == "Chain":
            t27 = n.get("target_2027")
            node.figure = float(t27) if isinstance(t27, int | float) else None
            # area in proportion to the target: radius by its square root
            share = ((node.figure or 0) / _max_target(sub["nodes"])) ** 0.5
            node.radius = (10 + 26 * share) * FONT_PX / OVERVIEW_FONT  # not grown with labels
            node.caption = {  # narrow: thirty of them in columns across one window
                "zh": f"{wrap_zh(n['name'], 6)}\n2027: {number(t27)}亿",
                "en": f"{wrap_en(n['name_en'], 13)}\n2027: {number(t27)}",
            }
    for e in sub["edges"]:
        src = next(n for n in sub["nodes"] if n["id"] == e["from"])
        if e["type"] == "IN_TIER" and src["label"] == "Chain":
            continue  # the chain's tier is its group's: the tree shows it once
        if e["type"] in ("RELATES_TO", "LISTS"):
            continue  # chain relations and the text's other listings are on the chain maps
        b.edge(e)
    spec = b.spec(
        "overview",
        None,
        {"zh": "“大海新晨”产业体系总览", "en": "Overview: the Da-Hai-Xin-Chen industrial system"},
        layout="overview",
        font=OVERVIEW_FONT,
        smooth={"IN_GROUP": {"enabled": True, "type": "curvedCW", "roundness": 0.18}},
        notes=[
            {
                "zh": "根节点是方案本身（以“大海新晨”为标志的现代化产业体系）；"
                "圆点大小表示产业链2027年销售收入目标（亿元）。",
                "en": Markup(
                    "The root is the plan itself (the industrial system marked by “{}”); dot "
                    "size is the chain's 2027 revenue target (100M CNY)."
                ).format(zh("大海新晨", "name")),
            },
            {
                "zh": "产业链到层级的关系与其所属产业相同，此图只画一次；"
                "产业链之间的关联见各产业链图谱。",
                "en": "A chain's tier is its group's tier, so the tree draws it once; "
                "relations between chains are on the chain maps.",
            },
        ],
    )
    # a group's chains in a column under it, its sub-groups (生物医药, 健康食品) at their top
    parent = {e["from"]: e["to"] for e in spec.edges if e["type"] in ("IN_GROUP", "SUBGROUP_OF")}
    upper = [n for n in spec.nodes if n.type != "Chain" and n.id not in parent]
    leaves: dict[str, list[Box]] = {}
    for n in spec.nodes:
        if n.id in parent:
            leaves.setdefault(parent[n.id], []).append(box_of(n, font=spec.font))
    for kids in leaves.values():
        kids.sort(key=lambda box: (box.id.startswith("chain."), spec_rank(spec, box.id), box.id))
    pairs = [(str(e["from"]), str(e["to"])) for e in spec.edges if e["type"] != "IN_GROUP"]
    uppers = [box_of(n, (n.row.get("rank", 0), n.id), spec.font) for n in upper]
    boxes = {b.id: b for b in [*uppers, *(k for kids in leaves.values() for k in kids)]}
    # one row per layer, the chain columns below; a long column split in two or more, so
    # that the whole map is drawn largest in a window's map area
    spec.positions = max(
        (
            columns_under(
                uppers, pairs, leaves, max_row_width=100_000, per_column=n, gap=16, top_gap=50
            )
            for n in (None, 8, 6, 5, 4, 3)
        ),
        key=lambda positions: fit_scale(positions, boxes, MAP_AREA),
    )
    return spec


def spec_rank(spec: MapSpec, id: str) -> int:
    return int(next(n for n in spec.nodes if n.id == id).row.get("rank", 0))


def _max_target(nodes: list[Row]) -> float:
    values = [
        float(n["target_2027"]) for n in nodes if isinstance(n.get("target_2027"), int | float)
    ]
    return max(values, default=1.0) or 1.0


# ----------------------------------------------------------------- chain

L_TIER, L_GROUP, L_CHAIN, L_ACTOR, L_TECH = range(5)
"""The chain's own part, top to bottom: tier, group and goals, the chain, its parks,
enterprises, projects, platforms and related chains, then its technologies."""
L_PLAN, L_ACTION, L_DEPT = range(3)
"""The responsibility block beside it: the plan, the five actions, their departments."""
RESPONSIBILITY = "responsibility"
"""The block of a chain map that every chain shares: plan ← actions ← departments."""
CHAIN_FONT = 19
"""Label size of chain maps: the chain's own part is drawn large (the block is collapsed)."""


def chain_spec(store: GraphStore, id: str) -> MapSpec:
    """A chain's 图谱: group, parks with role, enterprises, projects, technologies,
    related chains, platforms, the actions (through the plan) and their departments."""
    chain = _node(store, "Chain", id)
    b = MapBuilder()
    b.node(chain, L_CHAIN)
    rows = _links(store, id)
    groups = _add_links(b, _of(rows, "IN_GROUP", "out"), L_GROUP)
    tiers = _add_links(b, _of(rows, "IN_TIER", "out"), L_TIER)
    _add_links(b, _of(rows, "FOCUSES_ON", "out"), L_TECH)
    for rel in ("ANCHORS", "CARRIES", "SUPPORTS", "RELATES_TO"):
        _add_links(b, _of(rows, rel), L_ACTOR)
    # the group (and its parent): its tier, goals, platforms and anchors; the paragraph of
    # another group that also lists this chain
    for group in groups:
        g_rows = _links(store, group)
        _add_links(b, _of(g_rows, "IN_TIER", "out"), L_TIER)
        _add_links(b, _of(g_rows, "SUBGROUP_OF", "out"), L_TIER)
        _add_links(b, _of(g_rows, "GOAL_OF", "in"), L_GROUP)
        _add_links(b, _of(g_rows, "SUPPORTS", "in"), L_ACTOR)
        _add_links(b, _of(g_rows, "ANCHORS", "in"), L_ACTOR)
    _add_links(b, _of(rows, "LISTS", "in"), L_GROUP)
    # parks: stated for this chain (their edge to the chain, drawn above), or derived from a
    # group layout whose sentence covers the chain (the park's edge to that group, marked)
    for r in store.run("chain_parks", id=id):
        b.node(r["park"], L_ACTOR)
        if r["basis"] == "derived":
            layout = next(
                x
                for x in _of(_links(store, r["park"]["id"]), "CARRIES", "out")
                if x["other"]["id"] == r["carried"]
            )
            b.node(layout["other"], L_GROUP)
            b.edge(
                {
                    **layout["edge"],
                    "derived_for": chain["name"],
                    "derived_for_en": chain["name_en"],
                }
            )
    # owners of the projects, and what the platforms on the map support or sit in
    for n in list(b.nodes.values()):
        if n.type == "Project":
            _add_links(b, _of(_links(store, n.id), "OWNS", "in"), L_ACTOR)
        elif n.type == "Platform":
            for r in _links(store, n.id):
                if r["type"] in ("SUPPORTS", "LOCATED_IN") and b.has(r["other"]["id"]):
                    b.edge(r["edge"])
    # the actions apply through the plan: chain → tier → plan ← action ← department; that
    # part is the same for every chain, so it is a block beside the map, collapsed at first
    for tier in tiers:
        for r in _of(_links(store, tier), "PART_OF", "out"):
            b.node(r["other"], L_PLAN, block=RESPONSIBILITY)
            b.edge(r["edge"])
    _actions_via_plan(b, store, L_DEPT, L_ACTION, block=RESPONSIBILITY)
    for n in b.nodes.values():  # platforms supporting an action on this map
        if n.type == "Platform":
            for r in _of(_links(store, n.id), "SUPPORTS", "out"):
                if b.has(r["other"]["id"]):
                    b.edge(r["edge"])
    counts = Counter(n.type for n in b.nodes.values() if n.block == RESPONSIBILITY)
    actions, depts = counts["Action"], counts["Department"]
    return b.spec(
        "chain",
        id,
        {"zh": f"{chain['name']} 产业链图谱", "en": f"{chain['name_en']}: chain map"},
        quiet=frozenset({"RESPONSIBLE_FOR", "PART_OF"}),
        font=CHAIN_FONT,
        viewport=MAP_AREA,
        blocks=[
            Block(
                RESPONSIBILITY,
                caption={
                    "zh": f"{actions}项行动 · {depts}个责任单位",
                    "en": f"{actions} actions · {depts} departments",
                },
                toggle={
                    "zh": f"显示行动与责任单位（方案 ← {actions}项行动 ← {depts}个单位）",
                    "en": f"Show the actions and departments (plan ← {actions} actions ← "
                    f"{depts} departments)",
                },
            )
        ],
        notes=[
            {
                "zh": "园区：方案为本链点名的（实线连到本链），以及由产业布局推导的"
                "（虚线连到所属产业，标“推导”：该园区承载产业布局，且布局所在句覆盖本链；"
                "悬停可见推导依据）。承载同一产业、但布局不覆盖本链的园区不画出。"
                "边上标出方案给出的角色。",
                "en": "Parks: those the plan names for this chain (solid edge to the chain), and "
                "those derived from a group layout (dashed edge to the group, marked derived: the "
                "park carries the group's layout and that sentence covers this chain; hover for "
                "the assumption). Parks whose layout of the group does not reach this chain are "
                "not drawn. The edge label is the role the plan gives.",
            },
            {
                "zh": "五大行动面向全部30条产业链（一(一)：“实施创新升级引领、项目攻坚突破、"
                "优质企业培育等五大行动，推动“大海新晨”产业体系30条重点产业链高端化、智能化、"
                "绿色化、融合化发展”），没有一项行动点名某条链；因此图中按图谱中的真实关系画出："
                "产业链 → 层级 → 方案 ← 行动 ← 责任单位。同时支撑本链（或其产业）和某项行动的"
                "创新平台也一并画出。",
                "en": Markup(
                    "The five actions serve all 30 chains ({}: “…{}”); none names a chain. "
                    "The map therefore draws them through the graph's real links: chain → tier "
                    "→ plan ← action ← responsible department, plus any platform that supports "
                    "both this chain (or its group) and an action."
                ).format(
                    zh("一(一)", "section"),
                    zh(
                        "等五大行动，推动“大海新晨”产业体系30条重点产业链高端化、智能化、绿色化、融合化发展"
                    ),
                ),
            },
        ],
    )


# ----------------------------------------------------------------- park


def park_spec(store: GraphStore, id: str) -> MapSpec:
    """A park: the chains and groups it carries (with role), where it is, what sits in it."""
    park = _node(store, "Park", id)
    b = MapBuilder()
    b.node(park, 1)
    rows = _links(store, id)
    _add_links(b, _of(rows, "LOCATED_IN", "out"), 0)
    _add_links(b, _of(rows, "PART_OF", "out"), 0)
    _add_links(b, _of(rows, "PART_OF", "in"), 2)
    _add_links(b, _of(rows, "LOCATED_IN", "in"), 2)
    carried = _add_links(b, _of(rows, "CARRIES", "out"), 2)
    chains = store.run("park_chains", id=id)
    stated = sum(r["basis"] == "stated" for r in chains)
    for r in chains:
        b.node(r["chain"], 3 if r["basis"] == "derived" else 2)
    for x in carried:
        if b.nodes[x].type == "Group":
            for r in _links(store, x):
                if r["type"] in ("IN_GROUP", "SUBGROUP_OF") and b.has(r["other"]["id"]):
                    b.edge(r["edge"])
    return b.spec(
        "park",
        id,
        {"zh": f"{park['name']} 园区图谱", "en": f"{park['name_en']}: park map"},
        layout="force",
        notes=[
            {
                "zh": f"本园区承载 {len(chains)} 条产业链：方案为本园区点名的 {stated} 条"
                f"（第二层），以及由产业布局推导的 {len(chains) - stated} 条"
                "（第三层，经所属产业相连；只含布局所在句覆盖的产业链）。",
                "en": f"The park carries {len(chains)} chains: {stated} the plan names for it "
                f"(second row) and {len(chains) - stated} derived from a group layout (third "
                "row, through their group; only the chains the layout's sentence covers).",
            }
        ],
    )


# ----------------------------------------------------------------- group


def group_spec(store: GraphStore, id: str) -> MapSpec:
    """A group: its tier, sub-groups, goals, chains, parks, platforms, anchors, technologies."""
    group = _node(store, "Group", id)
    b = MapBuilder()
    b.node(group, 1)
    rows = _links(store, id)
    _add_links(b, _of(rows, "IN_TIER", "out"), 0)
    _add_links(b, _of(rows, "SUBGROUP_OF", "out"), 0)
    _add_links(b, _of(rows, "SUBGROUP_OF", "in"), 1)
    _add_links(b, _of(rows, "GOAL_OF", "in"), 1)
    _add_links(b, _of(rows, "IN_GROUP", "in"), 2)
    _add_links(b, _of(rows, "LISTS", "out"), 2)
    _add_links(b, _of(rows, "CARRIES", "in"), 2)
    _add_links(b, _of(rows, "SUPPORTS", "in"), 2)
    _add_links(b, _of(rows, "ANCHORS", "in"), 2)
    _add_links(b, _of(rows, "FOCUSES_ON", "out"), 4)
    for r in store.run("chains", group=id, tier=None, park=None, q=None):
        chain = r["node"]
        b.node(chain, 2)
        for cr in _links(store, chain["id"]):
            if cr["type"] in ("CARRIES", "ANCHORS", "SUPPORTS") and cr["direction"] == "in":
                b.node(cr["other"], 3)
                b.edge(cr["edge"])
            elif cr["type"] in ("RELATES_TO", "IN_GROUP") and b.has(cr["other"]["id"]):
                b.edge(cr["edge"])
    return b.spec(
        "group",
        id,
        {"zh": f"{group['name']} 产业图谱", "en": f"{group['name_en']}: group map"},
        notes=[
            {
                "zh": "上排园区承载本产业的布局（悬停连线可见布局所在句覆盖哪些产业链），"
                "下排园区为方案点名承载某条产业链的；技术为方案在本产业下点名的方向。",
                "en": "Parks in the upper row carry the group's layout (hover the edge for the "
                "chains that layout's sentence covers); those below are named for one chain; "
                "technologies are those the plan names for the group itself.",
            }
        ],
    )


# ----------------------------------------------------------------- department


def department_spec(store: GraphStore, id: str) -> MapSpec:
    """A department: the actions and safeguards it answers for, their measures and targets."""
    dept = _node(store, "Department", id)
    b = MapBuilder()
    b.node(dept, 0)
    (hood,) = store.run(
        "neighborhood", id=id, depth=3, types=["RESPONSIBLE_FOR", "HAS_MEASURE", "HAS_TARGET"]
    )
    by_id = {n["id"]: n for n in hood["nodes"]}
    out: dict[str, list[Row]] = {}
    for e in hood["edges"]:
        out.setdefault(e["from"], []).append(e)
    # keep the directed tree below the department: duties → measures → targets
    steps = [("RESPONSIBLE_FOR", 1), ("HAS_MEASURE", 2), ("HAS_TARGET", 3)]
    frontier = [id]
    for rel, level in steps:
        nxt = []
        for src in frontier:
            for e in out.get(src, []):
                if e["type"] == rel:
                    b.node(by_id[e["to"]], level)
                    b.edge(e)
                    nxt.append(e["to"])
        frontier = nxt
    duties = store.run("department_duties", id=id)
    return b.spec(
        "department",
        id,
        {"zh": f"{dept['name']} 职责图谱", "en": f"{dept['name_en']}: duties map"},
        notes=[
            {
                "zh": f"负责 {len(duties)} 项行动或保障措施；边上是责任单位行中的角色"
                "（按职责分工负责、落实、会同…）。",
                "en": f"Responsible for {len(duties)} actions or safeguards; the edge label is "
                "its role in the plan's list of responsible units (by duty, implements, "
                "jointly …).",
            }
        ],
    )


# ----------------------------------------------------------------- whole graph


def group_members(nodes: list[Row], edges: list[Row]) -> dict[str, set[str]]:
    """Return the groups each node belongs to: a group is with its sub-groups and its chains
    (those of its sub-groups too), and everything linked to any of them directly (parks,
    enterprises, projects, platforms, technologies, goals, related chains, its tier)."""
    label = {str(n["id"]): str(n["label"]) for n in nodes}
    parent = {
        str(e["from"]): str(e["to"]) for e in edges if e["type"] == "SUBGROUP_OF"
    }  # sub-group → group

    def top(group: str) -> set[str]:
        return {group, *([parent[group]] if group in parent else [])}

    core: dict[str, set[str]] = {i: top(i) for i, lab in label.items() if lab == "Group"}
    for e in edges:
        if e["type"] == "IN_GROUP" and label.get(str(e["from"])) == "Chain":
            core.setdefault(str(e["from"]), set()).update(top(str(e["to"])))
    members = {i: set(groups) for i, groups in core.items()}
    for e in edges:
        a, z = str(e["from"]), str(e["to"])
        for one, other in ((a, z), (z, a)):
            if one in core and other not in core:
                members.setdefault(other, set()).update(core[one])
    return members


def graph_spec(store: GraphStore) -> MapSpec:
    """Every node and edge; positions from networkx (spring) or a balloon tree when large;
    filters by entity type and group, and a search that focuses a node."""
    (sub,) = store.run("subgraph", labels=None)
    members = group_members(sub["nodes"], sub["edges"])
    b = MapBuilder()
    for n in sorted(sub["nodes"], key=lambda n: str(n["id"])):
        b.node(n, 0, groups=tuple(sorted(members.get(str(n["id"]), ()))))
    for e in sub["edges"]:
        b.edge(e)
    groups = sorted(
        (n for n in sub["nodes"] if n["label"] == "Group"),
        key=lambda n: (n.get("rank", 0), str(n["id"])),
    )
    return b.spec(
        "graph",
        None,
        {"zh": "知识图谱全图", "en": "The whole knowledge graph"},
        layout="auto",
        filters=[{"id": g["id"], "zh": g["name"], "en": g["name_en"]} for g in groups],
        notes=[
            {
                "zh": "位置由服务器端 networkx 预先算好，物理引擎关闭，打开即可浏览。",
                "en": "Positions are computed in Python (networkx) with physics off, "
                "so the map is placed at once.",
            }
        ],
    )
