"""The answer to a question: what was linked, the intent, the items, the figure and the evidence.

These models are the engine's output; the API's response model extends :class:`Answer` with
the link to a map (the engine names the node to map in ``focus``, the API turns it into a URL).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Lang = Literal["zh", "en"]

Intent = Literal[
    "chain_parks",
    "park_chains",
    "park_location",
    "district_parks",
    "chain_figure",
    "ranking",
    "sum",
    "count",
    "chain_group",
    "group_chains",
    "chain_relations",
    "chain_focus",
    "chain_enterprises",
    "enterprise_chains",
    "tech_chains",
    "platforms",
    "responsible_departments",
    "department_duties",
    "action_measures",
    "action_targets",
    "indicators",
    "list",
    "relation",
    "entity_card",
    "chain_assignment",
    "chain_candidates",
    "chain_chokepoints",
    "chain_gaps",
    "unknown",
]
"""Every intent the engine answers (``unknown``: nothing it can answer was recognised)."""

INTENTS: dict[str, str] = {
    "chain_parks": "the parks that carry a chain or group (光伏在哪些园区)",
    "park_chains": "the chains a park carries (泰兴经济开发区承载哪些产业链)",
    "park_location": "the district a park lies in (航空产业园在哪个市)",
    "district_parks": "the parks of a district or city (泰兴有哪些园区)",
    "chain_figure": "a chain's or group's figure: 2024 revenue, 2027/2030 target, growth",
    "ranking": "chains ranked or filtered by a figure (2027年目标最大的产业链)",
    "sum": "a figure added up over a set of chains (泰兴经济开发区承载的产业链2027年目标合计)",
    "count": "how many (新能源有几条产业链)",
    "chain_group": "the group and tier of a chain (光伏属于哪个产业)",
    "group_chains": "the chains of a group or tier (未来产业有哪些产业链)",
    "chain_relations": "the chains related to a chain, upstream, downstream … (锂电的上下游)",
    "chain_focus": "what a chain or group develops: technologies and directions",
    "chain_enterprises": "the lead enterprises and key projects of a chain or group",
    "enterprise_chains": "the chains an enterprise or project anchors (长城汽车属于哪个产业链)",
    "tech_chains": "the chains that develop a product or technology (钙钛矿电池属于哪条链)",
    "platforms": "the innovation platforms that support a chain, group or action",
    "responsible_departments": "the departments responsible for an action, measure or safeguard",
    "department_duties": "what a department is responsible for (工信局负责哪些行动)",
    "action_measures": "the measures of an action (创新升级引领行动有哪些举措)",
    "action_targets": "the yearly and 2027 targets of actions, measures (每年招引多少亿元以上项目)",
    "indicators": "the plan's development indicators (2027年研发投入强度目标)",
    "list": "every node of one kind (五大行动是什么, 有哪些园区)",
    "relation": "how two entities are linked: a direct link or the shortest path",
    "entity_card": "what the plan says about one entity, when only an entity is found",
    "chain_assignment": "the 挂钩 city leader, lead department and task force recorded for a "
    "chain, park, project or enterprise (谁挂钩光伏)",
    "chain_candidates": "the 招商 candidates recorded for a chain or park, by stage "
    "(光伏在谈项目有哪些)",
    "chain_chokepoints": "the 卡脖子 technologies recorded for a chain (光伏的卡脖子技术)",
    "chain_gaps": "a chain's focus directions still open, and what covers the others "
    "(光伏还缺哪些环节)",
    "unknown": "nothing answerable was recognised: the answer is refused with suggestions",
}
"""What each intent answers (docs/ask.md lists the same)."""


class NodeKey(BaseModel):
    """A node by label and id (the node the answer's map should show)."""

    label: str
    id: str


class AskEntity(BaseModel):
    """A node the question was linked to, and the text that matched it."""

    id: str
    type: str
    name: str
    name_en: str
    matched: str = Field(description="The part of the (normalized) question that matched.")


class AskItem(BaseModel):
    """One item of the answer: a node, with its role or value where they apply."""

    id: str
    type: str
    name: str
    name_en: str
    role: str | None = Field(None, description="The link's role, e.g. 载体, 核心, 负责, upstream.")
    value: int | float | None = Field(None, description="The item's figure, as printed.")
    unit: str | None = None
    period: str | None = Field(None, description="The figure's year or period (2027, 每年).")
    comparison: str | None = Field(None, description="How the plan states it: 达, 超过, 以上 …")
    via: str | None = Field(
        None, description="Set when the item is derived through this node (a group layout)."
    )
    assumption: str | None = Field(
        None, description="Set when the link is read into the text; says what was assumed."
    )


class AskEvidence(BaseModel):
    """The section and verbatim quote of one fact the answer uses; or, for a record staff
    wrote (an assignment, a candidate), the document it cites, what it says, who wrote it
    and when."""

    source: str = Field(description="The plan's section, or the document a record cites.")
    quote: str = Field(description="The plan's verbatim quote, or what the record says.")
    assumption: str | None = None
    record: str | None = Field(
        None, description="The record (kind:key) when the evidence is one, else null."
    )
    written_by: str | None = Field(None, description="Who wrote the record.")
    written_at: str | None = Field(None, description="When the record was written (UTC).")


class AskQuery(BaseModel):
    """The catalog query that produced the results, with its parameters."""

    name: str
    params: dict[str, Any]


class Answer(BaseModel):
    """The answer to one question."""

    q: str
    lang: Lang
    answered: bool
    intent: Intent
    entities: list[AskEntity]
    results: list[AskItem]
    value: int | float | None = Field(None, description="The figure, for a one-figure answer.")
    unit: str | None = None
    text: str = Field(description="One or two sentences in the requested language.")
    evidence: list[AskEvidence]
    query: AskQuery | None
    suggestions: list[str] = Field(description="Questions to ask instead, when not answered.")
    focus: list[NodeKey] = Field(default_factory=list, exclude=True)
    """Nodes whose map fits the answer, best first (turned into ``map`` by the API)."""
