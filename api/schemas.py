"""Response models of the API, with OpenAPI examples taken from the shipped seed."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph_loader.reconcile import ReconRow
from graph_loader.search import SearchHit

T = TypeVar("T")
JsonScalar = str | int | float | bool
PropValue = JsonScalar | list[str] | list[int] | list[float]
Figure = int | float
"""A figure kept as printed: ``304`` stays an int, ``177.6`` a float."""

_PV = {"id": "chain.pv", "type": "Chain", "name": "光伏", "name_en": "Photovoltaics"}
_EVIDENCE = {
    "source": "二(三)",
    "evidence": "新能源，以海陵新能源产业园、姜堰经济开发区等园区为载体",
}


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class NodeRef(BaseModel):
    """Another node, by id, with its type (graph label) and names."""

    model_config = _example(_PV)

    id: str
    type: str = Field(description="The node's label: Chain, Park, Group, Department …")
    name: str
    name_en: str


class LinkRef(NodeRef):
    """A linked node and the plan's evidence for the link."""

    model_config = _example({**_PV, "role": None, **_EVIDENCE, "assumption": None})

    role: str | None = Field(None, description="The link's role, e.g. 载体 or 负责.")
    source: str = Field(description="The section of the plan the link comes from.")
    evidence: str = Field(description="A verbatim quote of the plan supporting the link.")
    assumption: str | None = Field(
        None, description="Set when the link is read into the text; says what was assumed."
    )


class TechnologyRef(LinkRef):
    """A technology, product, material, equipment or service that a chain or group names."""

    kind: str


class RelatedChain(LinkRef):
    """A chain-to-chain relation; ``out`` reads "this chain *kind* other", ``in`` the reverse."""

    kind: Literal["upstream", "downstream", "synergy", "application", "builds_on"]
    direction: Literal["out", "in"]


class ChainPark(LinkRef):
    """A park that carries a chain, directly or by carrying the chain's group (``via``)."""

    model_config = _example(
        {
            "id": "park.hailing_new_energy_park",
            "type": "Park",
            "name": "海陵新能源产业园",
            "name_en": "Hailing New Energy Industrial Park",
            "role": "载体",
            **_EVIDENCE,
            "assumption": None,
            "via": None,
        }
    )

    via: str | None = Field(
        None, description="The group the park carries, when it carries the chain through it."
    )


class ParkChain(LinkRef):
    """A chain a park carries, directly or through a group it carries (``via``)."""

    model_config = _example({**_PV, "role": "载体", **_EVIDENCE, "assumption": None, "via": None})

    rank: int
    via: str | None = Field(
        None, description="The group the park carries, when the chain is carried through it."
    )


class ChainSummary(BaseModel):
    """A chain of the annex with its figures (亿元)."""

    model_config = _example(
        {
            "id": "chain.pv",
            "rank": 22,
            "name": "光伏",
            "name_en": "Photovoltaics",
            "aliases": ["光伏产业", "太阳能光伏", "PV"],
            "group": "group.new_energy",
            "tier": "tier.emerging",
            "revenue_2024": 304,
            "target_2027": 352,
            "target_2030": 407,
        }
    )

    id: str
    rank: int = Field(description="The chain's row number in the annex (1-30).")
    name: str
    name_en: str
    aliases: list[str]
    group: str | None
    tier: str | None
    revenue_2024: Figure = Field(description="2024 revenue (亿元).")
    target_2027: Figure = Field(description="2027 target (亿元).")
    target_2030: Figure = Field(description="2030 target (亿元).")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    total: int = Field(description="The number of items that match, over all pages.")
    limit: int
    offset: int
    items: list[T]


class ChainPage(Page[ChainSummary]):
    """A page of chains, in annex order."""


class ChainDetail(BaseModel):
    """Everything the plan says about a chain, each link with its evidence."""

    model_config = _example(
        {
            "id": "chain.pv",
            "rank": 22,
            "name": "光伏",
            "name_en": "Photovoltaics",
            "aliases": ["光伏产业", "太阳能光伏", "PV"],
            "source": "附件#22",
            "evidence": "光伏",
            "revenue_2024": 304,
            "target_2027": 352,
            "target_2030": 407,
            "cagr_2024_2027": 0.0501,
            "cagr_2024_2030": 0.0498,
            "directions": "做大太阳能电池和组件规模，……",
            "group": {
                "id": "group.new_energy",
                "type": "Group",
                "name": "新能源",
                "name_en": "New Energy",
                "role": None,
                "source": "附件",
                "evidence": "新能源",
                "assumption": None,
            },
            "tier": None,
            "parks": [],
            "enterprises": [],
            "projects": [],
            "platforms": [],
            "technologies": [],
            "related_chains": [],
        }
    )

    id: str
    rank: int
    name: str
    name_en: str
    aliases: list[str]
    source: str
    evidence: str
    revenue_2024: Figure
    target_2027: Figure
    target_2030: Figure
    cagr_2024_2027: float | None = Field(
        description="Compound annual growth 2024→2027 the 2027 target requires (0.05 = 5 %)."
    )
    cagr_2024_2030: float | None = Field(
        description="Compound annual growth 2024→2030 the 2030 target requires."
    )
    directions: str = Field(description="The annex's 重点发展方向 (focus directions), verbatim.")
    group: LinkRef | None
    tier: LinkRef | None
    parks: list[ChainPark]
    enterprises: list[LinkRef]
    projects: list[LinkRef]
    platforms: list[LinkRef]
    technologies: list[TechnologyRef]
    related_chains: list[RelatedChain]


class ChainParks(BaseModel):
    """The parks that carry a chain."""

    chain: NodeRef
    parks: list[ChainPark]


class ParkSummary(BaseModel):
    """A park, zone, base or board."""

    model_config = _example(
        {
            "id": "park.taixing_edz",
            "name": "泰兴经济开发区",
            "name_en": "Taixing Economic Development Zone",
            "aliases": ["泰兴经开区", "泰兴开发区"],
            "type": "开发区",
        }
    )

    id: str
    name: str
    name_en: str
    aliases: list[str]
    type: str = Field(description="开发区, 高新区, 产业园, 板块, 基地 …")


class ParkDetail(ParkSummary):
    """A park with where it is, what it carries and what is located in it."""

    source: str
    evidence: str
    district: LinkRef | None
    part_of: LinkRef | None
    parts: list[LinkRef] = Field(description="Parks that are part of this one.")
    carries: list[LinkRef] = Field(description="What the park carries as stated: chains, groups.")
    chains: list[ParkChain] = Field(description="Every chain carried, directly or via a group.")
    platforms: list[LinkRef]


class ParkChains(BaseModel):
    """The chains a park carries."""

    park: NodeRef
    chains: list[ParkChain]


class GroupSummary(BaseModel):
    """An industry group or sub-group."""

    model_config = _example(
        {
            "id": "group.health",
            "rank": 1,
            "name": "大健康",
            "name_en": "Big Health Industry",
            "aliases": ["大健康产业", "大健康制造业"],
            "tier": "tier.landmark",
            "parent": None,
        }
    )

    id: str
    rank: int
    name: str
    name_en: str
    aliases: list[str]
    tier: str | None
    parent: str | None


class Recon(ReconRow):
    """A textual target beside the annex figure it should match: met, short or over."""

    model_config = _example(
        {
            "indicator": "ind.health_revenue_2027",
            "name": "生物医药和健康食品2个大健康制造业规模达1500亿元",
            "scope": "group.health",
            "scope_name": "大健康",
            "year": 2027,
            "metric": "revenue",
            "unit": "亿元",
            "comparison": "达",
            "text_value": 1500.0,
            "annex_value": 1410.0,
            "difference": -90.0,
            "status": "short",
            "basis": "sum of 9 chains' 2027 annex targets",
            "source": "二(一)",
            "evidence": "到2027年，生物医药和健康食品2个大健康制造业规模达1500亿元",
        }
    )


class GroupDetail(BaseModel):
    """A group with its chains, parks, technologies, goals and their reconciliation."""

    id: str
    rank: int
    name: str
    name_en: str
    aliases: list[str]
    source: str
    evidence: str
    positioning: list[str] = Field(description="Verbatim brand goals the text sets, e.g. 中国药城.")
    tier: LinkRef | None
    parent: LinkRef | None
    subgroups: list[LinkRef]
    chains: list[LinkRef]
    parks: list[LinkRef]
    enterprises: list[LinkRef]
    projects: list[LinkRef]
    platforms: list[LinkRef]
    technologies: list[TechnologyRef]
    indicators: list[LinkRef]
    reconciliation: list[Recon]


class EnterpriseSummary(BaseModel):
    """A lead enterprise or a project (same shape)."""

    model_config = _example(
        {
            "id": "ent.great_wall_motor",
            "name": "长城汽车",
            "name_en": "Great Wall Motor",
            "aliases": ["长城汽车股份有限公司"],
        }
    )

    id: str
    name: str
    name_en: str
    aliases: list[str]


class EnterpriseDetail(EnterpriseSummary):
    """An enterprise, the chains or groups it anchors, and its projects."""

    source: str
    evidence: str
    anchors: list[LinkRef]
    projects: list[LinkRef]


class ProjectDetail(EnterpriseSummary):
    """A project, its owner and the chains or groups it anchors."""

    source: str
    evidence: str
    owner: LinkRef | None
    anchors: list[LinkRef]


class TechnologyDetail(BaseModel):
    """A technology and the chains and groups that name it (share it)."""

    model_config = _example(
        {
            "id": "tech.perovskite_cell",
            "name": "钙钛矿电池",
            "name_en": "Perovskite solar cells",
            "aliases": ["钙钛矿太阳能电池", "钙钛矿"],
            "kind": "technology",
            "source": "附件#22",
            "evidence": (
                "重点发展TOPCon（隧穿氧化层钝化接触）、BC（全背电极接触）、钙钛矿电池等领域"
            ),
            "chains": [],
            "groups": [],
        }
    )

    id: str
    name: str
    name_en: str
    aliases: list[str]
    kind: str
    source: str
    evidence: str
    chains: list[LinkRef]
    groups: list[LinkRef]


class ActionSummary(BaseModel):
    """One of the five actions of 三、重点举措."""

    model_config = _example(
        {
            "id": "action.innovation",
            "rank": 1,
            "name": "实施创新升级引领行动",
            "name_en": "Innovation-led Upgrading Action",
            "aliases": ["创新升级引领行动", "创新升级引领"],
        }
    )

    id: str
    rank: int
    name: str
    name_en: str
    aliases: list[str]


class TargetOut(BaseModel):
    """A quantitative target of a measure."""

    model_config = _example(
        {
            "id": "target.major_tech_equipment_projects",
            "name": "重大技术（装备）攻关项目",
            "name_en": "Major technology (equipment) breakthrough projects",
            "value": 10,
            "unit": "个",
            "period": "每年",
            "at_least": True,
            "source": "三(一)",
            "evidence": "每年实施重大技术（装备）攻关项目10个以上",
        }
    )

    id: str
    name: str
    name_en: str
    value: Figure
    unit: str
    period: str = Field(description="每年 (every year) or 2027 (by 2027).")
    at_least: bool = Field(description="True when the text says 以上 (at least).")
    source: str
    evidence: str


class MeasureOut(BaseModel):
    """A measure of an action with its quantitative targets."""

    id: str
    rank: int
    name: str
    name_en: str
    text: str
    source: str
    evidence: str
    targets: list[TargetOut]


class ActionDetail(ActionSummary):
    """An action: its measures and targets and the departments responsible."""

    source: str
    evidence: str
    measures: list[MeasureOut]
    responsible: list[LinkRef] = Field(description="Departments with their role (牵头, 负责 …).")
    platforms: list[LinkRef]


class DepartmentSummary(BaseModel):
    """A responsible unit."""

    model_config = _example(
        {
            "id": "dept.miit",
            "name": "市工业和信息化局",
            "name_en": "Taizhou Municipal Bureau of Industry and Information Technology",
            "aliases": ["工业和信息化局", "市工信局", "工信局"],
            "kind": "市级部门",
        }
    )

    id: str
    name: str
    name_en: str
    aliases: list[str]
    kind: str


class ActionDuty(LinkRef):
    """An action a department is responsible for, with its measures and targets."""

    rank: int
    measures: list[MeasureOut]


class SafeguardDuty(LinkRef):
    """A safeguard a department is responsible for."""

    rank: int
    text: str


class DepartmentDetail(DepartmentSummary):
    """A department and its responsibility list."""

    source: str
    evidence: str
    actions: list[ActionDuty]
    safeguards: list[SafeguardDuty]


class IndicatorOut(BaseModel):
    """A development goal."""

    model_config = _example(
        {
            "id": "ind.specialized_smes_2027",
            "name": "省级以上专精特新企业900家",
            "name_en": "Provincial-level or higher specialized and sophisticated SMEs (2027)",
            "metric": "specialized_smes",
            "category": "企业实力强",
            "year": 2027,
            "value": 900,
            "unit": "家",
            "comparison": "达",
            "baseline_year": None,
            "scope": {
                "id": "plan.taizhou_chains",
                "type": "Plan",
                "name": "泰州市重点产业链培育提升行动方案",
                "name_en": (
                    "Action Plan for Cultivating and Upgrading Key Industrial Chains of Taizhou"
                ),
            },
            "source": "一(二)",
            "evidence": "培育省级以上专精特新企业900家",
        }
    )

    id: str
    name: str
    name_en: str
    metric: str
    category: str | None
    year: int
    value: Figure
    unit: str
    comparison: str
    baseline_year: int | None
    scope: NodeRef | None
    source: str
    evidence: str


class ListOf(BaseModel, Generic[T]):
    """A whole (short) list."""

    total: int
    items: list[T]


class ParkList(ListOf[ParkSummary]):
    """Every park."""


class GroupList(ListOf[GroupSummary]):
    """Every group, in plan order."""


class EnterpriseList(ListOf[EnterpriseSummary]):
    """Every enterprise (or project)."""


class ActionList(ListOf[ActionSummary]):
    """The five actions, in plan order."""


class DepartmentList(ListOf[DepartmentSummary]):
    """Every responsible unit."""


class IndicatorList(ListOf[IndicatorOut]):
    """Every development goal."""


class ReconciliationTable(BaseModel):
    """The plan's consistency table: counts by status and the rows."""

    met: int
    short: int
    over: int
    rows: list[Recon]


class Hit(SearchHit):
    """A search hit; ``match`` is exact, alias, prefix or substring (in that rank)."""

    model_config = _example(
        {
            "id": "chain.pv",
            "type": "Chain",
            "name": "光伏",
            "name_en": "Photovoltaics",
            "match": "exact",
            "matched": "光伏",
        }
    )


class SearchResult(BaseModel):
    """Ranked hits for a query."""

    q: str
    total: int = Field(description="The number of hits returned (at most ``limit``).")
    hits: list[Hit]


class GraphNode(BaseModel):
    """A node for a client-side viewer: id, type, names and all its properties."""

    model_config = _example(
        {**_PV, "properties": {"rank": 22, "revenue_2024": 304, "source": "附件#22"}}
    )

    id: str
    type: str
    name: str
    name_en: str
    properties: dict[str, PropValue]


class GraphEdge(BaseModel):
    """A relationship with its evidence; ``key`` is ``from|TYPE|to``."""

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "key": "park.hailing_new_energy_park|CARRIES|chain.pv",
                    "from": "park.hailing_new_energy_park",
                    "to": "chain.pv",
                    "type": "CARRIES",
                    "role": "载体",
                    **_EVIDENCE,
                    "properties": {},
                }
            ]
        },
    )

    key: str
    from_: str = Field(alias="from")
    to: str
    type: str
    role: str | None = None
    source: str | None
    evidence: str | None
    properties: dict[str, PropValue] = Field(
        description="Further properties (kind, assumption, id …)."
    )


class Subgraph(BaseModel):
    """Nodes and the edges among them."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Neighborhood(Subgraph):
    """The nodes within ``depth`` hops of ``center`` and the edges among them."""

    center: str
    depth: int
    types: list[str] | None


class PathOut(BaseModel):
    """The shortest path (ignoring direction), chosen deterministically among equal ones."""

    from_: str = Field(alias="from")
    to: str
    length: int = Field(description="The number of edges.")
    nodes: list[GraphNode] = Field(description="The nodes in path order.")
    edges: list[GraphEdge] = Field(description="The edges in path order, each with evidence.")

    model_config = ConfigDict(populate_by_name=True)


class Health(BaseModel):
    """Which backend is in use, whether it answers, and its counts."""

    model_config = _example(
        {
            "backend": "embedded",
            "reachable": True,
            "nodes": 434,
            "relationships": 557,
            "labels": {"Chain": 30},
            "types": {"CARRIES": 19},
        }
    )

    backend: str
    reachable: bool
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]


class Problem(BaseModel):
    """An RFC 9457 problem detail (``application/problem+json``)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:chainkg:problem:not-found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "No chain with id 'chain.nope'",
                    "instance": "/api/v1/chains/chain.nope",
                }
            ]
        },
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class InvalidParam(BaseModel):
    """One invalid request parameter."""

    name: str
    in_: str = Field(alias="in")
    reason: str

    model_config = ConfigDict(populate_by_name=True)


class ValidationProblem(Problem):
    """A 422 problem listing every invalid parameter."""

    invalid_params: list[InvalidParam]
