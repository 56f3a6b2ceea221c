"""How the maps look: colour, shape and names of every entity type and relationship.

One place for the legend, the node styles and the bilingual captions, so every map
(and the front page) uses the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from chainkg.graph_loader.vocabulary import KIND_CAPTIONS, LABEL_NAMES, REL_NAMES, ROLE_EN

__all__ = [
    "EDGE_STYLES",
    "KIND_CAPTIONS",
    "NODE_STYLES",
    "ROLE_EN",
    "EdgeStyle",
    "NodeStyle",
    "edge_caption",
    "edge_style",
    "node_style",
]


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
    "Plan": NodeStyle(*LABEL_NAMES["Plan"], "#37474f", "box", order=0),
    "Tier": NodeStyle(*LABEL_NAMES["Tier"], "#5c6bc0", "box", order=1),
    "Group": NodeStyle(*LABEL_NAMES["Group"], "#00897b", "ellipse", order=2),
    "Chain": NodeStyle(*LABEL_NAMES["Chain"], "#e53935", "dot", 18, order=3),
    "Park": NodeStyle(*LABEL_NAMES["Park"], "#fb8c00", "triangle", 16, order=4),
    "District": NodeStyle(*LABEL_NAMES["District"], "#8d6e63", "square", 12, order=5),
    "Enterprise": NodeStyle(*LABEL_NAMES["Enterprise"], "#1e88e5", "diamond", 15, order=6),
    "Project": NodeStyle(*LABEL_NAMES["Project"], "#3949ab", "triangleDown", 14, order=7),
    "Platform": NodeStyle(*LABEL_NAMES["Platform"], "#8e24aa", "hexagon", 14, order=8),
    "Technology": NodeStyle(*LABEL_NAMES["Technology"], "#7cb342", "dot", 8, order=9),
    "Indicator": NodeStyle(*LABEL_NAMES["Indicator"], "#c0ca33", "star", 14, order=10),
    "Action": NodeStyle(*LABEL_NAMES["Action"], "#d81b60", "box", order=11),
    "Measure": NodeStyle(*LABEL_NAMES["Measure"], "#f06292", "box", order=12),
    "Target": NodeStyle(*LABEL_NAMES["Target"], "#fdd835", "star", 12, order=13),
    "Safeguard": NodeStyle(*LABEL_NAMES["Safeguard"], "#6d4c41", "box", order=14),
    "Department": NodeStyle(*LABEL_NAMES["Department"], "#546e7a", "box", order=15),
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
    "PART_OF": EdgeStyle(*REL_NAMES["PART_OF"], "#90a4ae"),
    "IN_TIER": EdgeStyle(*REL_NAMES["IN_TIER"], "#7986cb"),
    "SUBGROUP_OF": EdgeStyle(*REL_NAMES["SUBGROUP_OF"], "#4db6ac"),
    "IN_GROUP": EdgeStyle(*REL_NAMES["IN_GROUP"], "#26a69a", width=2),
    "FOCUSES_ON": EdgeStyle(*REL_NAMES["FOCUSES_ON"], "#aed581", width=1),
    "CARRIES": EdgeStyle(*REL_NAMES["CARRIES"], "#fb8c00", width=2.5),
    "LOCATED_IN": EdgeStyle(*REL_NAMES["LOCATED_IN"], "#a1887f", dashes=True),
    "ANCHORS": EdgeStyle(*REL_NAMES["ANCHORS"], "#1e88e5", width=2),
    "OWNS": EdgeStyle(*REL_NAMES["OWNS"], "#5c6bc0"),
    "SUPPORTS": EdgeStyle(*REL_NAMES["SUPPORTS"], "#ab47bc", dashes=True),
    "RESPONSIBLE_FOR": EdgeStyle(*REL_NAMES["RESPONSIBLE_FOR"], "#78909c"),
    "HAS_MEASURE": EdgeStyle(*REL_NAMES["HAS_MEASURE"], "#f06292"),
    "HAS_TARGET": EdgeStyle(*REL_NAMES["HAS_TARGET"], "#fbc02d"),
    "GOAL_OF": EdgeStyle(*REL_NAMES["GOAL_OF"], "#c0ca33", dashes=True),
    "RELATES_TO": EdgeStyle(*REL_NAMES["RELATES_TO"], "#e57373", dashes=True, width=2),
    "LISTS": EdgeStyle(*REL_NAMES["LISTS"], "#26a69a", dashes=True, width=1.5),
}
FALLBACK_EDGE = EdgeStyle("关系", "relation", "#9e9e9e")


def edge_style(rel_type: str) -> EdgeStyle:
    """Return the style of a relationship type."""
    return EDGE_STYLES.get(rel_type, FALLBACK_EDGE)


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
