"""How the maps look: colour, shape and names of every entity type and relationship.

One place for the legend, the node styles and the bilingual captions, so every map
(and the front page) uses the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The look of one entity type and its name in both languages."""

    zh: str
    en: str
    color: str
    shape: str
    size: int = 16
    """Radius of shapes drawn without the label inside (dot, diamond, …)."""
    order: int = 0
    """Where the type sorts in a legend and inside a layer."""


# Shapes with the label inside: box, ellipse; the others draw the label below.
NODE_STYLES: dict[str, NodeStyle] = {
    "Plan": NodeStyle("方案", "Plan", "#37474f", "box", order=0),
    "Tier": NodeStyle("层级", "Tier", "#5c6bc0", "box", order=1),
    "Group": NodeStyle("产业", "Industry group", "#00897b", "ellipse", order=2),
    "Chain": NodeStyle("产业链", "Chain", "#e53935", "dot", 18, order=3),
    "Park": NodeStyle("园区", "Park", "#fb8c00", "triangle", 16, order=4),
    "District": NodeStyle("市（区）", "District", "#8d6e63", "square", 12, order=5),
    "Enterprise": NodeStyle("企业", "Enterprise", "#1e88e5", "diamond", 15, order=6),
    "Project": NodeStyle("项目", "Project", "#3949ab", "triangleDown", 14, order=7),
    "Platform": NodeStyle("创新平台", "Platform", "#8e24aa", "hexagon", 14, order=8),
    "Technology": NodeStyle("技术/产品", "Technology", "#7cb342", "dot", 8, order=9),
    "Indicator": NodeStyle("发展指标", "Indicator", "#c0ca33", "star", 14, order=10),
    "Action": NodeStyle("重点行动", "Action", "#d81b60", "box", order=11),
    "Measure": NodeStyle("举措", "Measure", "#f06292", "box", order=12),
    "Target": NodeStyle("年度目标", "Target", "#fdd835", "star", 12, order=13),
    "Safeguard": NodeStyle("保障措施", "Safeguard", "#6d4c41", "box", order=14),
    "Department": NodeStyle("责任单位", "Department", "#546e7a", "box", order=15),
}
FALLBACK_STYLE = NodeStyle("其他", "Other", "#9e9e9e", "dot", 10, order=99)

LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})
"""vis-network shapes that draw the label inside the shape."""


def node_style(label: str) -> NodeStyle:
    """Return the style of an entity type (a grey dot for an unknown one)."""
    return NODE_STYLES.get(label, FALLBACK_STYLE)


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one relationship type and its name in both languages."""

    zh: str
    en: str
    color: str
    dashes: bool = False
    width: float = 1.5


EDGE_STYLES: dict[str, EdgeStyle] = {
    "PART_OF": EdgeStyle("属于", "part of", "#90a4ae"),
    "IN_TIER": EdgeStyle("所在层级", "in tier", "#7986cb"),
    "SUBGROUP_OF": EdgeStyle("子产业", "sub-group of", "#4db6ac"),
    "IN_GROUP": EdgeStyle("所属产业", "in group", "#26a69a", width=2),
    "FOCUSES_ON": EdgeStyle("重点发展", "focuses on", "#aed581", width=1),
    "CARRIES": EdgeStyle("承载", "carries", "#fb8c00", width=2.5),
    "LOCATED_IN": EdgeStyle("位于", "located in", "#a1887f", dashes=True),
    "ANCHORS": EdgeStyle("龙头带动", "anchors", "#1e88e5", width=2),
    "OWNS": EdgeStyle("拥有", "owns", "#5c6bc0"),
    "SUPPORTS": EdgeStyle("支撑", "supports", "#ab47bc", dashes=True),
    "RESPONSIBLE_FOR": EdgeStyle("责任", "responsible for", "#78909c"),
    "HAS_MEASURE": EdgeStyle("举措", "has measure", "#f06292"),
    "HAS_TARGET": EdgeStyle("目标", "has target", "#fbc02d"),
    "GOAL_OF": EdgeStyle("发展目标", "goal of", "#c0ca33", dashes=True),
    "RELATES_TO": EdgeStyle("产业链关联", "related chain", "#e57373", dashes=True, width=2),
    "LISTS": EdgeStyle("正文列入", "listed in the text", "#26a69a", dashes=True, width=1.5),
}
FALLBACK_EDGE = EdgeStyle("关系", "relation", "#9e9e9e")


def edge_style(rel_type: str) -> EdgeStyle:
    """Return the style of a relationship type."""
    return EDGE_STYLES.get(rel_type, FALLBACK_EDGE)


ROLE_EN: dict[str, str] = {
    # parks carrying chains and groups (the plan's layout words)
    "核心": "core",
    "支撑": "support",
    "两翼": "wing",
    "支点": "pivot",
    "载体": "carrier",
    "主要载体": "main carrier",
    "依托": "base",
    "先导区": "pilot zone",
    # projects and enterprises anchoring chains
    "带动": "driver",
    # departments
    "按职责分工负责": "by duty",
    "落实": "implements",
    "会同": "jointly",
    "负责": "responsible",
    # platforms
    "牵引": "leads",
}
"""English captions of the roles the plan gives to links (shown as edge labels)."""

KIND_CAPTIONS: dict[str, tuple[str, str]] = {
    "upstream": ("上游", "upstream"),
    "downstream": ("下游", "downstream"),
    "synergy": ("协同", "synergy"),
    "application": ("应用", "application"),
    "builds_on": ("依托", "builds on"),
}
"""Captions of chain-to-chain relation kinds (``from`` is *kind* of ``to``)."""


DERIVED_MARK = ("·推导", " · derived")
"""Appended (zh, en) to the label of a group layout drawn for a chain it covers."""


def edge_caption(role: str | None, kind: str | None) -> tuple[str, str]:
    """Return the (zh, en) edge label for a role or relation kind ('' when neither).

    >>> edge_caption("两翼", None), edge_caption(None, "upstream"), edge_caption(None, None)
    (('两翼', 'wing'), ('上游', 'upstream'), ('', ''))
    """
    if role:
        return role, ROLE_EN.get(role, role)
    if kind:
        return KIND_CAPTIONS.get(kind, (kind, kind))
    return "", ""
