"""The 清单: the lists investment-promotion staff pass around, built once from catalog queries.

Each list is a :class:`Table` (columns, rows of plain values, notes on how it was made),
built from the store by a function registered in :data:`LISTS` with :func:`register`;
:mod:`chainkg.graph_loader.sheets` writes a table as JSON, CSV or .xlsx, so all three
formats hold the same rows.  Every row names the section of the plan it comes from
(``出处``) and quotes it where the plan has a quote.  A new list is one more registered
builder.

- ``chains`` 产业链清单: the 30 chains with group, tier, figures, required growth, parks
  (role, stated or through the group), lead enterprises, projects, platforms, directions.
- ``park-chains`` 园区产业链对照表: park × chain, the role in each cell; a park stated for the
  chain shows the role alone, one carrying the chain's group ``role（经 group）``.
- ``directions`` 重点发展方向清单: every product, technology, material, equipment and service
  each chain (annex) or group (section 二) names, with the quote.
- ``responsibilities`` 责任清单: action or safeguard × department × measure × target, with the
  department's role, in the plan's order.
- ``targets`` 年度目标清单: every measure with its yearly or 2027 targets.
- ``enterprises-projects`` 项目与企业清单: the lead enterprises and projects with the chains and
  groups they anchor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.derived import required_cagr
from chainkg.graph_loader.store import GraphStore

Cell = str | int | float | bool | None
"""A value in a list: text, a figure, a flag or nothing."""

PLAN_TITLE = "《泰州市重点产业链培育提升行动方案（征求意见稿）》"
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_SECTION = re.compile(r"^([一二三四五六七八九十])(?:\(([一二三四五六七八九十])\))?$")
KIND_ZH = {
    "product": "产品",
    "technology": "技术",
    "material": "材料",
    "equipment": "装备",
    "service": "服务",
}
SEP = "；"
ROLE_ORDER = ("核心", "先导区", "主要载体", "两翼", "支撑", "载体", "依托", "支点")
"""The parks' roles, strongest first."""


@dataclass(frozen=True)
class Column:
    """A column of a list: its key in JSON, its headers and its width in Excel."""

    key: str
    title: str
    title_en: str
    width: int = 12
    number_format: str | None = None
    """Excel number format of a figure column (``0.00%`` for growth rates)."""


@dataclass
class Table:
    """A list, built once and written in every format."""

    name: str
    title: str
    title_en: str
    columns: list[Column]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """How the list was made: its source, its rules and what its marks mean."""
    marks: dict[tuple[int, str], str] = field(default_factory=dict)
    """Cells to set apart in Excel, by (row index, column key): ``stated`` or ``derived``."""

    def add(self, **cells: Cell) -> None:
        """Append a row; a column not given is empty."""
        unknown = set(cells) - {c.key for c in self.columns}
        if unknown:
            raise KeyError(f"{self.name}: no column {sorted(unknown)}")
        self.rows.append({c.key: cells.get(c.key) for c in self.columns})


Builder = Callable[..., None]
"""Fills a list's table (made from its spec) with rows from the store:
``fill(store, table)``, and the sources the list ``needs`` by keyword (None when absent)."""


@dataclass(frozen=True)
class ListSpec:
    """A registered list: its name (in URLs), titles, what it holds, columns, notes, builder."""

    name: str
    title: str
    title_en: str
    about: str
    about_zh: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...]
    fill: Builder
    needs: tuple[str, ...] = ()
    """Data besides the plan graph the list is built from (``records``: the records staff
    write), passed to the builder by keyword; a list built without them (the static site,
    ``chainkg lists``) gets None."""

    def table(self) -> Table:
        """Return an empty table of this list."""
        return Table(self.name, self.title, self.title_en, list(self.columns), notes=[*self.notes])


LISTS: dict[str, ListSpec] = {}
"""Every list by name, in the order they were registered (the order shown to users)."""


def register(
    name: str,
    title: str,
    title_en: str,
    *,
    about: str,
    about_zh: str,
    columns: list[Column],
    notes: list[str],
    needs: tuple[str, ...] = (),
) -> Callable[[Builder], Builder]:
    """Register the decorated function as the builder of list ``name``."""

    def add(fill: Builder) -> Builder:
        if name in LISTS:
            raise ValueError(f"list {name!r} is registered twice")
        LISTS[name] = ListSpec(
            name, title, title_en, about, about_zh, tuple(columns), tuple(notes), fill, needs
        )
        return fill

    return add


def build_list(store: GraphStore, name: str, **sources: Any) -> Table:
    """Return list ``name`` built from the store and the ``sources`` it needs (``KeyError``
    for an unknown name)."""
    spec = LISTS[name]
    table = spec.table()
    spec.fill(store, table, **{need: sources.get(need) for need in spec.needs})
    return table


SEQ = Column("seq", "序号", "No.", 6)
SOURCE = Column("source", "出处", "Section", 9)
"""Every list has a source column: the section of the plan each row comes from."""
ASSUMPTION = Column("assumption", "说明", "Assumption", 40)
"""What a row assumes where the plan does not state it (the fact's ``assumption``)."""


# ----------------------------------------------------------------- shared helpers


def section_order(source: str | None) -> tuple[int, int, int]:
    """Return a sort key putting sections in the plan's order: title, 一 … 四, the annex rows.

    >>> sorted(["附件#2", "二(三)", "附件", "二", "标题", "四(一)"], key=section_order)
    ['标题', '二', '二(三)', '四(一)', '附件', '附件#2']
    """
    text = source or ""
    if text.startswith("附件"):
        row = text.partition("#")[2]
        return (90, 0, int(row) if row.isdigit() else 0)
    if m := _SECTION.match(text):
        return (_NUMERALS[m.group(1)], _NUMERALS.get(m.group(2) or "", 0), 0)
    return (0, 0, 0)


def plan_position(text: str, names: Iterable[str]) -> int:
    """Return where the first of ``names`` appears in ``text``: the position of the longest
    prefix (two characters or more) of each name found there; ``len(text)`` when none is.

    >>> plan_position("每年新开工、新竣工5亿元以上项目", ["新竣工5亿元（3000万美元）以上项目"])
    6
    """
    best = len(text)
    for name in names:
        for n in range(len(name), 1, -1):
            at = text.find(name[:n])
            if at >= 0:
                best = min(best, at)
                break
    return best


def direction_order(text: str, evidence: str, names: list[str], id: str) -> tuple[int, int, str]:
    """Return the sort key of a direction an owner (chain or group) focuses on: where the
    owner's ``directions`` text quotes the link's ``evidence``, then where the evidence names
    the direction (``names``), then its id."""
    return (plan_position(text, [evidence]) if text else 0, plan_position(evidence, names), id)


def _names(node: Row) -> list[str]:
    return [str(node["name"]), *(str(a) for a in node.get("aliases", []))]


def _subgraph(store: GraphStore, labels: list[str]) -> tuple[dict[str, Row], list[Row]]:
    """Return the nodes (by id) and edges of a ``subgraph`` query."""
    (sub,) = store.run("subgraph", labels=labels)
    nodes: dict[str, Row] = {n["id"]: n for n in sub["nodes"]}
    edges = sorted(sub["edges"], key=lambda e: (e["type"], e["from"], e["to"]))
    return nodes, edges


def _of_type(edges: list[Row], rel_type: str) -> list[Row]:
    return [e for e in edges if e["type"] == rel_type]


def _by_rank(nodes: dict[str, Row], label: str) -> list[Row]:
    return sorted(
        (n for n in nodes.values() if n["label"] == label),
        key=lambda n: (n.get("rank", 0), n["id"]),
    )


def _joined(items: Iterable[str]) -> str | None:
    """Return the distinct ``items`` joined by ``；``, or None when there are none."""
    return SEP.join(dict.fromkeys(i for i in items if i)) or None


def _sections(edges: Iterable[Row]) -> str | None:
    """Return the distinct sections of ``edges`` in the plan's order, or None."""
    return "、".join(sorted({str(e["source"]) for e in edges}, key=section_order)) or None


@dataclass(frozen=True)
class Carriage:
    """A park carrying a chain: directly (stated) or through the chain's group."""

    park: Row
    chain: str
    role: str | None
    via: str | None
    source: str
    evidence: str
    assumption: str | None

    @property
    def stated(self) -> bool:
        return self.via is None


def carriage(store: GraphStore, chains: list[Row]) -> list[Carriage]:
    """Return who carries each chain (``chain_parks``), stated before derived, by park id."""
    found = []
    for chain in chains:
        for r in store.run("chain_parks", id=chain["id"]):
            via = None if r["carried"] == chain["id"] else str(r["carried"])
            found.append(
                Carriage(
                    r["park"],
                    chain["id"],
                    r["role"],
                    via,
                    str(r["source"]),
                    str(r["evidence"]),
                    r.get("assumption"),
                )
            )
    return sorted(found, key=lambda c: (c.chain, not c.stated, c.park["id"], c.via or ""))


def _role_text(c: Carriage, group_names: dict[str, str], sep: str = "（") -> str:
    """Return a park's role for a chain: ``依托`` stated, ``核心（经新材料）`` through a group
    (``核心，经新材料`` with ``sep="，"``)."""
    role = c.role or "承载"
    if c.stated:
        return role
    group = group_names.get(c.via or "", c.via)
    return f"{role}，经{group}" if sep == "，" else f"{role}（经{group}）"


def _display_order(c: Carriage) -> tuple[bool, int, str]:
    """Stated before derived, then by role (核心 first), then by park id."""
    role = ROLE_ORDER.index(c.role) if c.role in ROLE_ORDER else len(ROLE_ORDER)
    return (not c.stated, role, str(c.park["id"]))


CHAIN_LABELS = ["Chain", "Group", "Tier", "Enterprise", "Project", "Platform"]


# ----------------------------------------------------------------- 产业链清单


@register(
    "chains",
    "产业链清单",
    "Key industrial chains",
    about=(
        "The 30 chains with group, tier, 2024 revenue and 2027/2030 targets, the growth they "
        "require, the parks that carry them (role), lead enterprises, projects and platforms."
    ),
    about_zh=(
        "30条产业链的集群、层级、2024年销售收入与2027/2030年"
        "目标、所需年均增速、承载园区（角色）、龙头企业、重点项目和创新平台。"
    ),
    columns=[
        Column("rank", "序号", "No.", 6),
        Column("name", "产业链", "Chain", 18),
        Column("name_en", "英文名", "English name", 28),
        Column("group", "产业集群", "Group", 12),
        Column("tier", "产业层级", "Tier", 14),
        Column("revenue_2024", "2024年销售收入（亿元）", "Revenue 2024 (100M CNY)", 12),
        Column("target_2027", "2027年目标（亿元）", "Target 2027 (100M CNY)", 12),
        Column("target_2030", "2030年目标（亿元）", "Target 2030 (100M CNY)", 12),
        Column("cagr_2024_2027", "年均增速 2024→2027", "Required CAGR 2024–2027", 12, "0.00%"),
        Column("cagr_2024_2030", "年均增速 2024→2030", "Required CAGR 2024–2030", 12, "0.00%"),
        Column("parks", "承载园区（角色）", "Parks (role)", 44),
        Column("enterprises", "龙头企业", "Lead enterprises", 16),
        Column("projects", "重点项目", "Key projects", 24),
        Column("platforms", "创新平台", "Platforms", 36),
        Column("directions", "重点发展方向", "Focus directions (annex)", 60),
        SOURCE,
    ],
    notes=[
        f"依据{PLAN_TITLE}附件“大海新晨”产业体系重点产业链培育提升目标及重点发展方向，按附件序号排列。",
        "年均增速 = (目标 ÷ 2024年销售收入)^(1/年数) − 1，保留4位小数，与 API /chains/{id} 相同。",
        "承载园区：方案直接点名该产业链的园区只写角色（如“依托”）；"
        "承载其所属产业集群的园区写作“角色，经集群”，如“泰兴经济开发区（核心，经新材料）”。",
        "创新平台：直接支撑该产业链的平台；支撑其产业集群的平台写作“平台（经集群）”。",
    ],
)
def chains_list(store: GraphStore, table: Table) -> None:
    """Fill 产业链清单: one row per chain, in annex order."""
    nodes, edges = _subgraph(store, CHAIN_LABELS)
    names = {i: str(n["name"]) for i, n in nodes.items()}
    group_of = {e["from"]: e["to"] for e in _of_type(edges, "IN_GROUP")}
    parent_of = {e["from"]: e["to"] for e in _of_type(edges, "SUBGROUP_OF")}
    tier_of = {e["from"]: e["to"] for e in _of_type(edges, "IN_TIER")}
    chains = _by_rank(nodes, "Chain")
    parks: dict[str, list[Carriage]] = defaultdict(list)
    for c in carriage(store, chains):
        parks[c.chain].append(c)
    anchors = _of_type(edges, "ANCHORS")
    supports = _of_type(edges, "SUPPORTS")
    for chain in chains:
        cid = chain["id"]
        groups = [g for g in (group_of.get(cid), parent_of.get(group_of.get(cid, ""))) if g]

        def via(e: Row, cid: str = cid) -> str:
            label = names[e["from"]]
            role = f"（{e['role']}）" if e.get("role") else ""
            return label + role if e["to"] == cid else f"{label}（经{names[e['to']]}）"

        r24, t27, t30 = chain["revenue_2024"], chain["target_2027"], chain["target_2030"]
        table.add(
            rank=chain["rank"],
            name=chain["name"],
            name_en=chain["name_en"],
            group=names.get(group_of.get(cid, "")),
            tier=names.get(tier_of.get(cid, "")),
            revenue_2024=r24,
            target_2027=t27,
            target_2030=t30,
            cagr_2024_2027=required_cagr(r24, t27, 2027 - 2024),
            cagr_2024_2030=required_cagr(r24, t30, 2030 - 2024),
            parks=_joined(
                f"{c.park['name']}（{_role_text(c, names, '，')}）"
                for c in sorted(parks[cid], key=_display_order)
            ),
            enterprises=_joined(
                via(e)
                for e in anchors
                if e["to"] == cid and nodes[e["from"]]["label"] == "Enterprise"
            ),
            projects=_joined(
                via(e) for e in anchors if e["to"] == cid and nodes[e["from"]]["label"] == "Project"
            ),
            platforms=_joined(via(e) for e in supports if e["to"] in (cid, *groups)),
            directions=chain.get("directions"),
            source=chain["source"],
        )


# ----------------------------------------------------------------- 园区产业链对照表


@register(
    "park-chains",
    "园区产业链对照表",
    "Parks × chains",
    about=(
        "Every park against the 30 chains: the park's role in each chain it carries, stated for "
        "the chain or through the chain's group."
    ),
    about_zh="每个园区对应30条产业链：园区在所承载产业链中的角色，区分方案直接点名与经产业集群推得。",
    columns=[
        Column("park", "园区", "Park", 26),
        Column("park_en", "英文名", "English name", 30),
        Column("type", "类型", "Type", 8),
        # then one column per chain, in annex order (added by the builder)
        Column("count", "承载产业链数", "Chains carried", 8),
        Column("source", "出处", "Sections", 14),
    ],
    notes=[
        f"依据{PLAN_TITLE}二、主攻方向（空间布局）及附件，列出每个园区与30条产业链的对应关系。",
        "单元格为园区在该产业链中的角色（核心、两翼、支撑、载体、依托、支点、主要载体、先导区）。",
        "方案直接点名该产业链的园区：只写角色（Excel 中深色底）。"
        "园区承载的是该产业链所属的产业集群：写作“角色（经集群）”（Excel 中浅色底），"
        "是按集群推得的，并非方案逐条点名。",
        "同一园区既直接点名又经集群承载同一产业链时，只列直接点名的角色。",
        "出处为园区承载关系所在的章节。",
    ],
)
def park_chain_matrix(store: GraphStore, table: Table) -> None:
    """Fill 园区产业链对照表: one row per park, one column per chain."""
    nodes, _ = _subgraph(store, ["Chain", "Group", "Park"])
    names = {i: str(n["name"]) for i, n in nodes.items()}
    chains = _by_rank(nodes, "Chain")
    at = next(i for i, c in enumerate(table.columns) if c.key == "count")
    table.columns[at:at] = [Column(c["id"], str(c["name"]), str(c["name_en"]), 9) for c in chains]
    cells: dict[str, dict[str, Carriage]] = defaultdict(dict)
    for c in carriage(store, chains):
        cells[c.park["id"]].setdefault(c.chain, c)  # stated first: it wins the cell
    parks = sorted(
        (n for n in nodes.values() if n["label"] == "Park"),
        key=lambda n: (section_order(n["source"]), n["id"]),
    )
    for park in parks:
        carried = cells.get(park["id"], {})
        row = len(table.rows)
        table.add(
            park=park["name"],
            park_en=park["name_en"],
            type=park.get("type"),
            count=len(carried),
            source=_sections({"source": c.source} for c in carried.values()),
            **{cid: _role_text(c, names) for cid, c in carried.items()},
        )
        for cid, c in carried.items():
            table.marks[(row, cid)] = "stated" if c.stated else "derived"


# ----------------------------------------------------------------- 重点发展方向清单


@register(
    "directions",
    "重点发展方向清单",
    "Focus directions",
    about=(
        "Every product, technology, material, equipment and service that a chain (annex) or a "
        "group (section 二) names, with the quote."
    ),
    about_zh="各产业链（附件）和产业集群（二、主攻方向）点名的每项产品、技术、材料、装备和服务，附原文。",
    columns=[
        SEQ,
        Column("chain", "产业链 / 产业集群", "Chain / group", 18),
        Column("scope", "范围", "Scope", 10),
        Column("kind", "类别", "Kind", 8),
        Column("name", "方向 / 产品 / 技术", "Direction", 26),
        Column("name_en", "英文名", "English name", 36),
        Column("aliases", "别称", "Aliases", 20),
        Column("evidence", "原文", "Quote", 60),
        SOURCE,
        ASSUMPTION,
    ],
    notes=[
        f"依据{PLAN_TITLE}附件各产业链“重点发展方向”栏，以及二、主攻方向中各产业集群点名的方向。",
        "产业链按附件序号排列，同一产业链内按原文出现的先后排列；其后是产业集群（二、主攻方向）点名的方向。",
        "类别：产品、技术、材料、装备、服务。原文为方案中点名该方向的句子。",
    ],
)
def directions_list(store: GraphStore, table: Table) -> None:
    """Fill 重点发展方向清单: chain by chain in annex order, then the groups' own."""
    nodes, edges = _subgraph(store, ["Chain", "Group", "Technology"])
    focus = _of_type(edges, "FOCUSES_ON")
    owners = _by_rank(nodes, "Chain") + _by_rank(nodes, "Group")
    for owner in owners:
        text = str(owner.get("directions") or "")
        rows = [e for e in focus if e["from"] == owner["id"]]
        rows.sort(
            key=lambda e: direction_order(text, str(e["evidence"]), _names(nodes[e["to"]]), e["to"])
        )
        for e in rows:
            tech = nodes[e["to"]]
            table.add(
                seq=len(table.rows) + 1,
                chain=owner["name"],
                scope="产业链" if owner["label"] == "Chain" else "产业集群",
                kind=KIND_ZH.get(str(tech.get("kind")), tech.get("kind")),
                name=tech["name"],
                name_en=tech["name_en"],
                aliases="、".join(tech.get("aliases", [])) or None,
                evidence=e["evidence"],
                source=e["source"],
                assumption=e.get("assumption"),
            )


# ----------------------------------------------------------------- 责任清单 and 年度目标清单

DUTY_LABELS = ["Department", "Action", "Measure", "Target", "Safeguard"]


@dataclass
class Duties:
    """The actions and safeguards with their departments, measures and targets, in plan order."""

    nodes: dict[str, Row]
    items: list[Row]
    """The actions (by rank), then the safeguards (by rank)."""
    departments: dict[str, list[Row]]
    """Each item's RESPONSIBLE_FOR edges, in the order the plan lists the departments."""
    measures: dict[str, list[Row]]
    targets: dict[str, list[Row]]

    @classmethod
    def of(cls, store: GraphStore) -> Duties:
        nodes, edges = _subgraph(store, DUTY_LABELS)
        items = _by_rank(nodes, "Action") + _by_rank(nodes, "Safeguard")
        departments: dict[str, list[Row]] = defaultdict(list)
        for e in _of_type(edges, "RESPONSIBLE_FOR"):
            departments[e["to"]].append(e)
        for item in items:
            departments[item["id"]].sort(key=_duty_order(nodes, item))
        measures: dict[str, list[Row]] = defaultdict(list)
        for e in _of_type(edges, "HAS_MEASURE"):
            measures[e["from"]].append(nodes[e["to"]])
        for ms in measures.values():
            ms.sort(key=lambda m: (m.get("rank", 0), m["id"]))
        targets: dict[str, list[Row]] = defaultdict(list)
        for e in _of_type(edges, "HAS_TARGET"):
            targets[e["from"]].append(nodes[e["to"]])
        for m, ts in targets.items():
            ts.sort(key=_target_order(str(nodes[m].get("text") or "")))
        return cls(nodes, items, departments, measures, targets)

    def targets_of(self, measure: str) -> list[Row | None]:
        """Return a measure's targets in the plan's order, or ``[None]`` when it has none."""
        found: list[Row | None] = [*self.targets.get(measure, [])]
        return found or [None]

    def department_names(self, item: str) -> str:
        """Return the departments of an item, in the plan's order."""
        return "、".join(str(self.nodes[e["from"]]["name"]) for e in self.departments[item])


def _duty_order(nodes: dict[str, Row], item: Row) -> Callable[[Row], tuple[bool, int, str]]:
    """Return the sort key of an item's RESPONSIBLE_FOR edges: the plan's order of the
    departments; a listing carried over from 三(一) (落实) comes after the item's own."""

    def key(e: Row) -> tuple[bool, int, str]:
        where = plan_position(str(e["evidence"]), _names(nodes[e["from"]]))
        return (e["source"] != item["source"], where, str(e["from"]))

    return key


def _target_order(text: str) -> Callable[[Row], tuple[int, int, str]]:
    """Return the sort key of a measure's targets: where the measure's ``text`` states them."""

    def key(t: Row) -> tuple[int, int, str]:
        evidence = str(t["evidence"])
        return (plan_position(text, [evidence]), plan_position(evidence, _names(t)), str(t["id"]))

    return key


PERIOD = {"每年": "每年", "2027": "到2027年"}


def _target_cells(t: Row | None) -> dict[str, Cell]:
    if t is None:
        return {}
    return {
        "target": t["name"],
        "value": t["value"],
        "unit": t["unit"],
        "period": PERIOD.get(str(t["period"]), t["period"]),
        "at_least": "以上" if t["at_least"] else None,
        "target_evidence": t["evidence"],
    }


TARGET_COLUMNS = [
    Column("target", "目标", "Target", 30),
    Column("value", "目标值", "Value", 9),
    Column("unit", "单位", "Unit", 6),
    Column("period", "期限", "Period", 10),
    Column("at_least", "以上", "At least", 6),
    Column("target_evidence", "目标原文", "Target quote", 40),
]


@register(
    "responsibilities",
    "责任清单",
    "Responsibilities",
    about=(
        "Each action and safeguard × responsible department (with its role) × measure × target, "
        "in the plan's order."
    ),
    about_zh="五大行动和保障措施 × 责任单位（职责）× 具体举措 × 目标，按方案顺序。",
    columns=[
        SEQ,
        Column("item", "重点举措 / 保障措施", "Action / safeguard", 24),
        Column("department", "责任单位", "Department", 22),
        Column("role", "职责", "Role", 14),
        Column("duty_evidence", "职责原文", "Duty quote", 50),
        Column("measure", "具体举措", "Measure", 24),
        *TARGET_COLUMNS,
        SOURCE,
        ASSUMPTION,
    ],
    notes=[
        f"依据{PLAN_TITLE}三、重点举措各行动的“责任单位”及四、保障措施。",
        "按方案顺序排列：五大行动（三(一)至三(五)），再是保障措施；"
        "每项内按方案列出责任单位的先后，再按举措、目标的先后。",
        "职责：按职责分工负责、落实（三(一)：以下内容均需各市（区）人民政府、泰州医药高新区管委会落实）、负责、会同。",
        "一行一个“行动 × 责任单位 × 举措 × 目标”；没有量化目标的举措占一行，目标栏为空。",
        "说明栏给出方案未直接写明、由上下文推得的职责。",
    ],
)
def responsibilities_list(store: GraphStore, table: Table) -> None:
    """Fill 责任清单: one row per item, department, measure and target."""
    d = Duties.of(store)
    for item in d.items:
        for e in d.departments[item["id"]]:
            dept = d.nodes[e["from"]]
            common: dict[str, Cell] = {
                "item": item["name"],
                "department": dept["name"],
                "role": e.get("role"),
                "duty_evidence": e["evidence"],
                "source": e["source"],
                "assumption": e.get("assumption"),
            }
            measures = d.measures.get(item["id"], [])
            if not measures:  # a safeguard: its own text stands for the measure
                table.add(seq=len(table.rows) + 1, measure=item.get("text"), **common)
            for m in measures:
                for t in d.targets_of(m["id"]):
                    table.add(
                        seq=len(table.rows) + 1, measure=m["name"], **common, **_target_cells(t)
                    )


@register(
    "targets",
    "年度目标清单",
    "Yearly and 2027 targets",
    about=(
        "Every measure of the five actions with its yearly or 2027 targets and the departments "
        "responsible."
    ),
    about_zh="五大行动每项具体举措的每年或到2027年量化目标及责任单位。",
    columns=[
        SEQ,
        Column("action", "重点举措", "Action", 22),
        Column("measure", "具体举措", "Measure", 24),
        *TARGET_COLUMNS,
        Column("departments", "责任单位", "Departments", 40),
        SOURCE,
        ASSUMPTION,
    ],
    notes=[
        f"依据{PLAN_TITLE}三、重点举措：每项具体举措及其每年或到2027年的量化目标。",
        "“以上”表示原文写作“……以上”（至少）。没有量化目标的举措也列出，目标栏为空。",
        "责任单位按方案所列先后（含三(一)所定由各市（区）人民政府、泰州医药高新区管委会落实）。",
    ],
)
def targets_list(store: GraphStore, table: Table) -> None:
    """Fill 年度目标清单: one row per measure and target, in the plan's order."""
    d = Duties.of(store)
    for action in (i for i in d.items if i["label"] == "Action"):
        for m in d.measures.get(action["id"], []):
            for t in d.targets_of(m["id"]):
                table.add(
                    seq=len(table.rows) + 1,
                    action=action["name"],
                    measure=m["name"],
                    departments=d.department_names(action["id"]),
                    source=(t or m)["source"],
                    assumption=(t or {}).get("assumption"),
                    **_target_cells(t),
                )


# ----------------------------------------------------------------- 项目与企业清单


@register(
    "enterprises-projects",
    "项目与企业清单",
    "Enterprises and projects",
    about=(
        "The lead enterprises and key projects the plan names, with the chains and groups they "
        "anchor and the owner of each project."
    ),
    about_zh="方案点名的龙头企业和重点项目，及其带动的产业链或产业集群、项目所属企业。",
    columns=[
        SEQ,
        Column("kind", "类型", "Kind", 6),
        Column("name", "名称", "Name", 26),
        Column("name_en", "英文名", "English name", 36),
        Column("aliases", "别称", "Aliases", 26),
        Column("owner", "所属企业", "Owner", 12),
        Column("chain", "产业链 / 产业集群", "Chain / group", 20),
        Column("role", "作用", "Role", 8),
        Column("evidence", "原文", "Quote", 50),
        SOURCE,
        ASSUMPTION,
    ],
    notes=[
        f"依据{PLAN_TITLE}二、主攻方向及附件中点名的龙头企业和重点项目。",
        "一行一个“企业或项目 × 所带动的产业链或产业集群”，先企业后项目，按出处章节排列。",
    ],
)
def enterprises_projects_list(store: GraphStore, table: Table) -> None:
    """Fill 项目与企业清单: one row per enterprise or project and what it anchors."""
    nodes, edges = _subgraph(store, ["Enterprise", "Project", "Chain", "Group"])
    owner = {e["to"]: nodes[e["from"]] for e in _of_type(edges, "OWNS")}
    entities = sorted(
        (n for n in nodes.values() if n["label"] in ("Enterprise", "Project")),
        key=lambda n: (n["label"] != "Enterprise", section_order(n["source"]), n["id"]),
    )
    anchors = _of_type(edges, "ANCHORS")
    for entity in entities:
        kind = "企业" if entity["label"] == "Enterprise" else "项目"
        mine = sorted(
            (e for e in anchors if e["from"] == entity["id"]),
            key=lambda e: (nodes[e["to"]]["label"] != "Chain", nodes[e["to"]].get("rank", 0)),
        )
        for e in mine:
            table.add(
                seq=len(table.rows) + 1,
                kind=kind,
                name=entity["name"],
                name_en=entity["name_en"],
                aliases="、".join(entity.get("aliases", [])) or None,
                owner=owner[entity["id"]]["name"] if entity["id"] in owner else None,
                chain=nodes[e["to"]]["name"],
                role=e.get("role"),
                evidence=e["evidence"],
                source=e["source"],
                assumption=e.get("assumption"),
            )
