"""The names of the graph's things in Chinese and English: node types, relationship types,
the roles the plan gives to links and the kinds of chain relations.

One place for both the maps' legend (:mod:`chainkg.viz.style`) and the answers' text
(:mod:`chainkg.graph_loader.ask`).
"""

from __future__ import annotations

LABEL_NAMES: dict[str, tuple[str, str]] = {
    "Plan": ("方案", "Plan"),
    "Tier": ("层级", "Tier"),
    "Group": ("产业", "Industry group"),
    "Chain": ("产业链", "Chain"),
    "Park": ("园区", "Park"),
    "District": ("市（区）", "District"),
    "Enterprise": ("企业", "Enterprise"),
    "Project": ("项目", "Project"),
    "Platform": ("创新平台", "Platform"),
    "Technology": ("技术/产品", "Technology"),
    "Indicator": ("发展指标", "Indicator"),
    "Action": ("重点行动", "Action"),
    "Measure": ("举措", "Measure"),
    "Target": ("年度目标", "Target"),
    "Safeguard": ("保障措施", "Safeguard"),
    "Department": ("责任单位", "Department"),
}
"""Every node label's name (zh, en)."""

REL_NAMES: dict[str, tuple[str, str]] = {
    "PART_OF": ("属于", "part of"),
    "IN_TIER": ("所在层级", "in tier"),
    "SUBGROUP_OF": ("子产业", "sub-group of"),
    "IN_GROUP": ("所属产业", "in group"),
    "FOCUSES_ON": ("重点发展", "focuses on"),
    "CARRIES": ("承载", "carries"),
    "LOCATED_IN": ("位于", "located in"),
    "ANCHORS": ("龙头带动", "anchors"),
    "OWNS": ("拥有", "owns"),
    "SUPPORTS": ("支撑", "supports"),
    "RESPONSIBLE_FOR": ("责任", "responsible for"),
    "HAS_MEASURE": ("举措", "has measure"),
    "HAS_TARGET": ("目标", "has target"),
    "GOAL_OF": ("发展目标", "goal of"),
    "RELATES_TO": ("产业链关联", "related chain"),
    "LISTS": ("正文列入", "listed in the text"),
}
"""Every relationship type's name (zh, en), read from → to."""

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

UNIT_EN: dict[str, str] = {
    "亿元": "100M CNY",
    "%": "%",
    "个": "",
    "家": "",
    "项": "",
    "件": "",
    "指数": "(index)",
}
"""English units of the plan's figures (a counting word such as 个 or 家 is left out)."""

COMPARISON_EN: dict[str, str] = {
    "达": "reach",
    "力争达": "strive to reach",
    "超过": "over",
    "过": "over",
    "突破": "over",
    "以上": "at least",
    "左右": "about",
    "下降": "down by",
}
"""How the plan states a target (达, 超过, 左右 …), in English."""

PERIOD_EN: dict[str, str] = {"每年": "a year"}
"""The periods of targets that are words (a year such as 2027 stays as it is)."""

KIND_EN: dict[str, str] = {
    # parks (type)
    "高新区": "high-tech zone",
    "开发区": "development zone",
    "产业园": "industrial park",
    "基地": "base",
    "示范区": "demonstration zone",
    "园区群": "group of parks",
    "沿江地区": "riverside area",
    "板块": "area",
    # districts
    "市": "county-level city",
    "区": "district",
    # departments
    "管委会": "administrative committee",
    "市级部门": "municipal department",
    "地方政府": "local government",
    # platforms
    "服务平台": "service platform",
    "创新中心": "innovation centre",
    "研究院": "research institute",
    "孵化载体": "incubator",
    "研发机构": "R&D institution",
    "实验室": "laboratory",
    "创新网络": "innovation network",
    "工业互联网平台": "industrial internet platform",
    "中试基地": "pilot-production base",
}
"""English names of the kinds of parks, districts, departments and platforms."""

STATUS_EN: dict[str, str] = {"征求意见稿": "draft for comments"}
"""The plan's status, in English."""


def in_english(table: dict[str, str], value: str | None) -> str:
    """Return ``value`` from one of the tables above in English (itself when not listed).

    >>> in_english(COMPARISON_EN, "超过"), in_english(UNIT_EN, "家"), in_english(UNIT_EN, "t")
    ('over', '', 't')
    """
    if value is None:
        return ""
    return table.get(value, value)
