"""Response models of the API, with OpenAPI examples taken from the shipped seed."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from chainkg.api.examples import example
from chainkg.graph_loader import recommend as rec
from chainkg.graph_loader.ask.model import Answer
from chainkg.graph_loader.lists import Cell
from chainkg.graph_loader.reconcile import ReconRow
from chainkg.graph_loader.search import SearchHit
from chainkg.records.mechanism import AssignmentOut, Pipeline

T = TypeVar("T")
ASSIGNMENT_ABOUT = (
    "The 挂钩 assignment recorded (四(一)): city leader, lead department, task force; "
    "null when none is recorded."
)
JsonScalar = str | int | float | bool
PropValue = JsonScalar | list[str] | list[int] | list[float]
Figure = int | float
"""A figure kept as printed: ``304`` stays an int, ``177.6`` a float."""


class Named(BaseModel):
    """Base of the models that start with a node's id, names and aliases."""

    id: str
    name: str
    name_en: str
    aliases: list[str]


class Ranked(BaseModel):
    """Base of the models that start with a node's id, rank (plan order), names and aliases."""

    id: str
    rank: int
    name: str
    name_en: str
    aliases: list[str]


class NodeRef(BaseModel):
    """Another node, by id, with its type (graph label) and names."""

    model_config = example("NodeRef")

    id: str
    type: str = Field(description="The node's label: Chain, Park, Group, Department …")
    name: str
    name_en: str


class LinkRef(NodeRef):
    """A linked node and the plan's evidence for the link."""

    model_config = example("LinkRef")

    role: str | None = Field(None, description="The link's role, e.g. 载体 or 负责.")
    source: str = Field(description="The section of the plan the link comes from.")
    evidence: str = Field(description="A verbatim quote of the plan supporting the link.")
    assumption: str | None = Field(
        None, description="Set when the link is read into the text; says what was assumed."
    )


class TechnologyRef(LinkRef):
    """A technology, product, material, equipment or service that a chain or group names."""

    model_config = example("TechnologyRef")

    kind: str


class RelatedChain(LinkRef):
    """A chain-to-chain relation; ``out`` reads "this chain *kind* other", ``in`` the reverse."""

    model_config = example("RelatedChain")

    kind: Literal["upstream", "downstream", "synergy", "application", "builds_on"]
    direction: Literal["out", "in"]


Basis = Literal["stated", "derived"]


class CarriedLink(LinkRef):
    """A park–chain link: stated for the chain, or derived from the park's group layout.

    A park appears once per chain: a stated link wins over a layout.
    """

    basis: Basis = Field(
        description="`stated`: the plan names this chain for this park. `derived`: the park "
        "carries the chain's group and that layout's sentence covers the chain; `assumption` "
        "then says how it was derived."
    )
    via: str | None = Field(
        None, description="The group whose layout the row is derived from (derived rows only)."
    )
    covers_evidence: str | None = Field(
        None,
        description="Derived rows: a verbatim quote of the layout's sentence showing it covers "
        "the chain.",
    )


class ChainPark(CarriedLink):
    """A park that carries a chain: stated, or derived from its layout of the chain's group."""

    model_config = example("ChainPark")


class ParkChain(CarriedLink):
    """A chain a park carries: stated, or derived from a group layout of the park."""

    model_config = example("ParkChain")

    rank: int


class LayoutReach(BaseModel):
    """What a park's layout of a group reaches (empty for a link to a chain)."""

    covers: list[str] = Field(
        [], description="The chain ids the layout's sentence covers (a group link only)."
    )
    covers_evidence: str | None = Field(
        None, description="A verbatim quote of the layout's sentence showing its reach."
    )
    covers_assumption: str | None = Field(
        None, description="How park–chain links are derived from the layout."
    )


class CarriesRef(LayoutReach, LinkRef):
    """A chain or group a park carries as stated; for a group, the chains its layout reaches."""

    model_config = example("CarriesRef")


class GroupPark(LayoutReach, LinkRef):
    """A park that carries the group's layout, some of its chains, or both.

    ``role``, ``source``, ``evidence``, ``assumption`` and the ``covers`` fields are those of
    the park's layout of the group; they are null (``covers`` empty) for a park the plan
    names only for some of the group's chains.
    """

    model_config = example("GroupPark")

    # overridden fields keep their place: a park named only for chains has no layout link
    source: str | None = Field(  # type: ignore[assignment]  # optional here, and in place
        None, description="The section of the park's layout, if any."
    )
    evidence: str | None = Field(  # type: ignore[assignment]
        None, description="A verbatim quote of the park's layout, if any."
    )
    chains: list[ParkChain] = Field(
        description="The group's chains the park carries, stated or derived, in annex order."
    )


class ChainSummary(Ranked):
    """A chain of the annex with its figures (亿元)."""

    model_config = example("ChainSummary")

    # described here; an overridden field keeps its place (after id)
    rank: int = Field(description="The chain's row number in the annex (1-30).")
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

    model_config = example("ChainPage")


class ChainDetail(Ranked):
    """Everything the plan says about a chain, each link with its evidence."""

    model_config = example("ChainDetail")

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
    assignment: AssignmentOut | None = Field(None, description=ASSIGNMENT_ABOUT)
    pipeline: Pipeline | None = Field(
        None, description="The 招商 candidates recorded for the chain, counted by stage."
    )


class ChainParks(BaseModel):
    """The parks that carry a chain."""

    model_config = example("ChainParks")

    chain: NodeRef
    parks: list[ChainPark]


class ParkSummary(Named):
    """A park, zone, base or board."""

    model_config = example("ParkSummary")

    type: str = Field(description="开发区, 高新区, 产业园, 板块, 基地 …")


class ParkDetail(ParkSummary):
    """A park with where it is, what it carries and what is located in it."""

    model_config = example("ParkDetail")

    source: str
    evidence: str
    district: LinkRef | None
    part_of: LinkRef | None
    parts: list[LinkRef] = Field(description="Parks that are part of this one.")
    carries: list[CarriesRef] = Field(
        description="What the park carries as stated: chains, and groups with their reach."
    )
    chains: list[ParkChain] = Field(
        description="Every chain carried: stated, or derived from a group layout."
    )
    platforms: list[LinkRef]
    assignment: AssignmentOut | None = Field(None, description=ASSIGNMENT_ABOUT)


class ParkChains(BaseModel):
    """The chains a park carries."""

    model_config = example("ParkChains")

    park: NodeRef
    chains: list[ParkChain]


class GroupSummary(Ranked):
    """An industry group or sub-group."""

    model_config = example("GroupSummary")

    tier: str | None
    parent: str | None


class Recon(ReconRow):
    """A textual target beside the annex figure it should match: met, short or over."""

    model_config = example("Recon")


class GroupDetail(Ranked):
    """A group with its chains, parks, technologies, goals and their reconciliation."""

    model_config = example("GroupDetail")

    source: str
    evidence: str
    positioning: list[str] = Field(description="Verbatim brand goals the text sets, e.g. 中国药城.")
    tier: LinkRef | None
    parent: LinkRef | None
    subgroups: list[LinkRef]
    chains: list[LinkRef]
    also_lists: list[LinkRef] = Field(
        description="Chains the group's paragraph lists although the annex files them elsewhere."
    )
    parks: list[GroupPark] = Field(
        description="Every park that carries the group's layout or any of its chains."
    )
    enterprises: list[LinkRef]
    projects: list[LinkRef]
    platforms: list[LinkRef]
    technologies: list[TechnologyRef]
    indicators: list[LinkRef]
    reconciliation: list[Recon]


class EnterpriseSummary(Named):
    """A lead enterprise or a project (same shape)."""

    model_config = example("EnterpriseSummary")


class EnterpriseDetail(EnterpriseSummary):
    """An enterprise, the chains or groups it anchors, and its projects."""

    model_config = example("EnterpriseDetail")

    source: str
    evidence: str
    anchors: list[LinkRef]
    projects: list[LinkRef]
    assignment: AssignmentOut | None = Field(None, description=ASSIGNMENT_ABOUT)


class ProjectDetail(EnterpriseSummary):
    """A project, its owner and the chains or groups it anchors."""

    model_config = example("ProjectDetail")

    source: str
    evidence: str
    owner: LinkRef | None
    anchors: list[LinkRef]
    assignment: AssignmentOut | None = Field(None, description=ASSIGNMENT_ABOUT)


class TechnologyDetail(Named):
    """A technology and the chains and groups that name it (share it)."""

    model_config = example("TechnologyDetail")

    kind: str
    source: str
    evidence: str
    chains: list[LinkRef]
    groups: list[LinkRef]


class ActionSummary(Ranked):
    """One of the five actions of 三、重点举措."""

    model_config = example("ActionSummary")


class TargetOut(BaseModel):
    """A quantitative target of a measure."""

    model_config = example("TargetOut")

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

    model_config = example("MeasureOut")

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

    model_config = example("ActionDetail")

    source: str
    evidence: str
    measures: list[MeasureOut]
    responsible: list[LinkRef] = Field(
        description="Departments with their role, in the order the 责任单位 line names them."
    )
    platforms: list[LinkRef]


class DepartmentSummary(Named):
    """A responsible unit."""

    model_config = example("DepartmentSummary")

    kind: str


class ActionDuty(LinkRef):
    """An action a department is responsible for, with its measures and targets."""

    model_config = example("ActionDuty")

    rank: int
    measures: list[MeasureOut]


class SafeguardDuty(LinkRef):
    """A safeguard a department is responsible for."""

    model_config = example("SafeguardDuty")

    rank: int
    text: str


class DepartmentDetail(DepartmentSummary):
    """A department and its responsibility list."""

    model_config = example("DepartmentDetail")

    source: str
    evidence: str
    plan: list[LinkRef] = Field(
        description="Plan-wide duties (四(一): 市工业和信息化局 负责 the 组织实施 of the plan)."
    )
    actions: list[ActionDuty]
    safeguards: list[SafeguardDuty]


class IndicatorOut(BaseModel):
    """A development goal."""

    model_config = example("IndicatorOut")

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

    model_config = example("ParkList")


class GroupList(ListOf[GroupSummary]):
    """Every group, in plan order."""

    model_config = example("GroupList")


class EnterpriseList(ListOf[EnterpriseSummary]):
    """Every enterprise (or project)."""

    model_config = example("EnterpriseList")


class ActionList(ListOf[ActionSummary]):
    """The five actions, in plan order."""

    model_config = example("ActionList")


class DepartmentList(ListOf[DepartmentSummary]):
    """Every responsible unit."""

    model_config = example("DepartmentList")


class IndicatorList(ListOf[IndicatorOut]):
    """Every development goal."""

    model_config = example("IndicatorList")


class ReconciliationTable(BaseModel):
    """The plan's consistency table: counts by status and the rows."""

    model_config = example("ReconciliationTable")

    met: int
    short: int
    over: int
    rows: list[Recon]


class PlanDetail(Named):
    """The plan, the industrial system it builds, its overall goal and its structure."""

    model_config = example("PlanDetail")

    source: str
    evidence: str
    status: str = Field(description="征求意见稿 (draft for comments).")
    city: str
    system: str = Field(description="The system's name, verbatim: “大海新晨”产业体系.")
    system_en: str
    system_source: str
    goal: str = Field(description="The overall goal (一(一)), verbatim.")
    goal_en: str
    goal_source: str
    base_year: int
    horizon_years: list[int]
    annex_total_2024: Figure = Field(description="The annex's 合计 row (亿元).")
    annex_total_2027: Figure
    annex_total_2030: Figure
    industry_revenue_2024: Figure = Field(description="The annex's 规上工业销售收入 row (亿元).")
    industry_target_2027: Figure
    industry_target_2030: Figure
    responsible: list[LinkRef] = Field(description="Departments with a plan-wide duty.")
    tiers: list[LinkRef]
    actions: list[LinkRef]
    safeguards: list[LinkRef]


class Hit(SearchHit):
    """A search hit; ``match`` is exact, alias, prefix or substring (in that rank)."""

    model_config = example("Hit")


class SearchResult(BaseModel):
    """Ranked hits for a query."""

    model_config = example("SearchResult")

    q: str
    total: int = Field(description="The number of matches; ``hits`` holds the first ``limit``.")
    hits: list[Hit]


class GraphNode(BaseModel):
    """A node for a client-side viewer: id, type, names and all its properties."""

    model_config = example("GraphNode")

    id: str
    type: str
    name: str
    name_en: str
    properties: dict[str, PropValue]


class GraphEdge(BaseModel):
    """A relationship with its evidence; ``key`` is ``from|TYPE|to``."""

    model_config = example("GraphEdge", populate_by_name=True)

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

    model_config = example("Subgraph")

    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Neighborhood(Subgraph):
    """The nodes within ``depth`` hops of ``center`` and the edges among them."""

    model_config = example("Neighborhood")

    center: str
    depth: int
    types: list[str] | None


class PathOut(BaseModel):
    """The shortest path (ignoring direction), chosen deterministically among equal ones."""

    model_config = example("PathOut", populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    length: int = Field(description="The number of edges.")
    nodes: list[GraphNode] = Field(description="The nodes in path order.")
    edges: list[GraphEdge] = Field(description="The edges in path order, each with evidence.")


class Health(BaseModel):
    """Which backend is in use, whether it answers, and its counts."""

    model_config = example("Health")

    backend: str
    reachable: bool
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]


class Problem(BaseModel):
    """An RFC 9457 problem detail (``application/problem+json``)."""

    model_config = example("Problem", extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class InvalidParam(BaseModel):
    """One invalid request parameter."""

    model_config = example("InvalidParam", populate_by_name=True)

    name: str
    in_: str = Field(alias="in")
    reason: str


class ValidationProblem(Problem):
    """A 422 problem listing every invalid parameter."""

    model_config = example("ValidationProblem")

    invalid_params: list[InvalidParam]


class AskResult(Answer):
    """The answer to a question, with the plan's evidence and a link to the relevant map."""

    model_config = example("AskResult")

    map: str | None = Field(
        None, description="The map of the node the answer is about (the overview when none)."
    )


# ---------------------------------------------------------------- recommendation


class Reason(rec.Reason):
    """A term of the plan the project description matched, with its quote and section."""

    model_config = example("Reason")


class ChainMatch(rec.ChainMatch):
    """A chain the project fits: its score (the share of the description it explains) and why."""

    model_config = example("ChainMatch")

    reasons: list[Reason]


class ParkReason(rec.ParkReason):
    """A fitting chain the park carries, with the role and the plan's quote."""

    model_config = example("ParkReason")


class ParkMatch(rec.ParkMatch):
    """A park for the project and the fitting chains it carries."""

    model_config = example("ParkMatch")

    reasons: list[ParkReason]


class Recommendation(rec.Recommendation):
    """The chains a project fits and the parks for it, best first (none unless ``matched``)."""

    model_config = example("Recommendation")

    chains: list[ChainMatch]
    parks: list[ParkMatch]


# ---------------------------------------------------------------- lists (清单)


class ListColumn(BaseModel):
    """A column of a list: its key in ``rows`` and its headers."""

    model_config = example("ListColumn")

    key: str
    title: str
    title_en: str


class ListTable(BaseModel):
    """A list (清单) as JSON: its columns, rows and how it was made."""

    model_config = example("ListTable")

    name: str
    title: str
    title_en: str
    columns: list[ListColumn]
    rows: list[dict[str, Cell]]
    notes: list[str]


class ListInfo(BaseModel):
    """A list and where to download it in each format."""

    model_config = example("ListInfo")

    name: str
    title: str
    title_en: str
    about: str
    about_zh: str
    files: dict[str, str] = Field(description="The URL of the list in each format.")


class ListIndex(BaseModel):
    """Every list, in the order they are shown."""

    model_config = example("ListIndex")

    total: int
    items: list[ListInfo]
