"""Pydantic v2 models of the seed records: one class per entity kind.

Every record carries ``source`` (the section of the plan, e.g. ``二(三)`` or
``附件#17``) and ``evidence`` (a verbatim quote of the plan).  Links to other
records are :class:`Link` values; a link written as a bare id inherits the
record's own ``source`` and ``evidence``.

Each model declares its graph label (``LABEL``), the seed file it lives in
(``FILE``) and how its link fields become relationships (``LINKS``).  The
schema of the whole graph is derived from these declarations (see
:mod:`graph_loader.schema`), so a new kind of fact is added in one place.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _figure(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value!r}")
    if value < 0:
        raise ValueError(f"must not be negative, got {value!r}")
    return value


Figure = Annotated[
    int | float, PlainValidator(_figure), WithJsonSchema({"type": "number", "minimum": 0})
]
"""A non-negative figure, kept as printed: ``32`` stays an int, ``177.6`` a float."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Covers(_Strict):
    """What a park's layout of a group reaches: the chains its sentence covers.

    ``chains`` is ``all`` when the layout is given for the group as a whole (every chain of
    the group and its sub-groups), else the chain ids the sentence covers.  ``evidence`` is a
    verbatim quote (in the link's section) that shows the reach; ``assumption`` says how a
    park–chain link is derived from the layout, and is what every derived row carries.
    """

    chains: Literal["all"] | Annotated[list[NonEmpty], Field(min_length=1)]
    evidence: NonEmpty
    assumption: NonEmpty

    @field_validator("chains", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        """Reject ``[]`` with one message (not one per member of the union)."""
        if value == []:
            raise ValueError("list the chain ids the layout covers, or write all")
        return value


class Link(_Strict):
    """A reference from one record to another, with its own evidence.

    >>> Link.model_validate("chain.pv").to
    'chain.pv'
    """

    to: NonEmpty
    role: NonEmpty | None = None
    kind: NonEmpty | None = None
    source: NonEmpty | None = None
    evidence: NonEmpty | None = None
    assumption: NonEmpty | None = None
    covers: Covers | None = None
    """Only on a park's ``carries`` link to a group: the chains that layout reaches."""

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: Any) -> Any:
        return {"to": value} if isinstance(value, str) else value


@dataclass(frozen=True)
class LinkSpec:
    """How a link field becomes a relationship.

    ``reverse`` means the edge points from the target to the record that holds
    the field (e.g. ``Action.responsible`` gives ``(Department)-[:RESPONSIBLE_FOR]->(Action)``).
    """

    rel_type: str
    targets: tuple[str, ...]
    reverse: bool = False
    required_prop: str | None = None
    ordered: bool = False
    """The order of the list is the plan's: each edge gets ``rank`` (1 = named first)."""


PART_OF_PLAN = LinkSpec("PART_OF", ("Plan",))
RESPONSIBLE = LinkSpec(
    "RESPONSIBLE_FOR", ("Department",), reverse=True, required_prop="role", ordered=True
)
"""``(Department)-[:RESPONSIBLE_FOR {role, rank}]->(record)``, for the plan, actions and
safeguards; ``rank`` keeps the order in which the 责任单位 line names the units."""


class Record(_Strict):
    """Fields every entity has."""

    LABEL: ClassVar[str]
    FILE: ClassVar[str]
    ID_PREFIX: ClassVar[str]
    LINKS: ClassVar[dict[str, LinkSpec]] = {}

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9_]+$")]
    name: NonEmpty
    name_en: NonEmpty
    aliases: list[NonEmpty] = []
    source: NonEmpty
    evidence: NonEmpty
    assumption: NonEmpty | None = None
    """Set when the record is not stated by the plan: says what was assumed and why."""

    @model_validator(mode="after")
    def _id_prefix(self) -> Record:
        prefix = self.id.split(".", 1)[0]
        if prefix != self.ID_PREFIX:
            raise ValueError(f"id {self.id!r} must start with {self.ID_PREFIX + '.'!r}")
        return self


class LinkAt(NamedTuple):
    """A link of a record: its field path (``carries[2]``), spec, value and list position."""

    path: str
    spec: LinkSpec
    link: Link
    position: int | None
    """The position in a list field (0 = first), None for a single link."""


def iter_links(record: Record) -> Iterator[LinkAt]:
    """Yield every link the record holds, field by field, lists in order."""
    for name, spec in record.LINKS.items():
        value = getattr(record, name)
        if value is None:
            continue
        if isinstance(value, list):
            for i, link in enumerate(value):
                yield LinkAt(f"{name}[{i}]", spec, link, i)
        else:
            yield LinkAt(name, spec, value, None)


class Plan(Record):
    """The plan document itself (and the 大海新晨 system it builds), with the annex's totals."""

    LABEL = "Plan"
    FILE = "plan.yaml"
    ID_PREFIX = "plan"
    LINKS = {"responsible": RESPONSIBLE}

    status: NonEmpty
    system: NonEmpty
    """The name of the industrial system the plan builds, verbatim (“大海新晨”产业体系)."""
    system_en: NonEmpty
    system_source: NonEmpty
    """The section that names the system (``system`` is checked verbatim against it)."""
    goal: NonEmpty
    """The plan's overall goal, verbatim (一(一): 打造长三角具有重要影响力的先进制造业基地)."""
    goal_en: NonEmpty
    goal_source: NonEmpty
    """The section that states the goal (``goal`` is checked verbatim against it)."""
    city: NonEmpty
    base_year: int
    horizon_years: list[int]
    annex_total_2024: Figure
    annex_total_2027: Figure
    annex_total_2030: Figure
    industry_revenue_2024: Figure
    industry_target_2027: Figure
    industry_target_2030: Figure
    responsible: list[Link] = []
    """Departments with a plan-wide duty (市工业和信息化局 负责 the 组织实施, 四(一))."""


class Tier(Record):
    """One of the three tiers of the 大海新晨 system (地标产业, 战略性新兴产业, 未来产业)."""

    LABEL = "Tier"
    FILE = "tiers.yaml"
    ID_PREFIX = "tier"
    LINKS = {"plan": PART_OF_PLAN}

    rank: Annotated[int, Field(ge=1)]
    chain_count: Annotated[int, Field(ge=0)]
    """The number of chains the text gives for the tier (e.g. ``11条产业链``)."""
    plan: Link


class Group(Record):
    """An industry group (大健康, 新能源 …) or a sub-group (生物医药, 健康食品)."""

    LABEL = "Group"
    FILE = "groups.yaml"
    ID_PREFIX = "group"
    LINKS = {
        "tier": LinkSpec("IN_TIER", ("Tier",)),
        "parent": LinkSpec("SUBGROUP_OF", ("Group",)),
        "also_lists": LinkSpec("LISTS", ("Chain",)),
    }

    rank: Annotated[int, Field(ge=1)]
    tier: Link
    parent: Link | None = None
    positioning: list[NonEmpty] = []
    """Verbatim brand goals the text sets for the group (e.g. ``中国药城``)."""
    also_lists: list[Link] = []
    """Chains the group's paragraph of 二 lists although the annex files them elsewhere
    (二(三) lists 航空航天 among 新智造's chains; the annex has 空天装备 under 未来产业)."""


class Chain(Record):
    """One of the 30 key industrial chains of the annex."""

    LABEL = "Chain"
    FILE = "chains.yaml"
    ID_PREFIX = "chain"
    LINKS = {
        "group": LinkSpec("IN_GROUP", ("Group",)),
        "tier": LinkSpec("IN_TIER", ("Tier",)),
    }

    rank: Annotated[int, Field(ge=1, le=30)]
    group: Link
    tier: Link
    revenue_2024: Figure
    target_2027: Figure
    target_2030: Figure
    directions: NonEmpty
    """The 重点发展方向 cell, verbatim."""


class Technology(Record):
    """A product, technology, material or piece of equipment the text names."""

    LABEL = "Technology"
    FILE = "technologies.yaml"
    ID_PREFIX = "tech"
    LINKS = {"named_by": LinkSpec("FOCUSES_ON", ("Chain", "Group"), reverse=True)}

    kind: Literal["product", "technology", "material", "equipment", "service"]
    named_by: Annotated[list[Link], Field(min_length=1)]


class District(Record):
    """A county-level city or district (市/区) of Taizhou."""

    LABEL = "District"
    FILE = "districts.yaml"
    ID_PREFIX = "district"

    kind: Literal["市", "区", "功能区"]


PARK_TYPES = Literal["开发区", "高新区", "产业园", "板块", "基地", "沿江地区", "示范区", "园区群"]
PARK_ROLES = ("核心", "支撑", "两翼", "支点", "载体", "主要载体", "依托", "先导区")


class Park(Record):
    """A park, zone, base, board or area that carries chains or groups."""

    LABEL = "Park"
    FILE = "parks.yaml"
    ID_PREFIX = "park"
    LINKS = {
        "district": LinkSpec("LOCATED_IN", ("District",)),
        "part_of": LinkSpec("PART_OF", ("Park",)),
        "carries": LinkSpec("CARRIES", ("Chain", "Group"), required_prop="role"),
    }

    type: PARK_TYPES
    district: Link | None = None
    part_of: Link | None = None
    carries: list[Link] = []

    @model_validator(mode="after")
    def _known_roles(self) -> Park:
        for i, link in enumerate(self.carries):
            if link.role is not None and link.role not in PARK_ROLES:
                raise ValueError(
                    f"carries[{i}].role {link.role!r} is not one of {', '.join(PARK_ROLES)}"
                )
        return self


class Enterprise(Record):
    """A lead enterprise named by the plan."""

    LABEL = "Enterprise"
    FILE = "enterprises.yaml"
    ID_PREFIX = "ent"
    LINKS = {"anchors": LinkSpec("ANCHORS", ("Chain", "Group"))}

    anchors: list[Link] = []


class Project(Record):
    """A key project or production base of an enterprise."""

    LABEL = "Project"
    FILE = "projects.yaml"
    ID_PREFIX = "proj"
    LINKS = {
        "owner": LinkSpec("OWNS", ("Enterprise",), reverse=True),
        "anchors": LinkSpec("ANCHORS", ("Chain", "Group")),
    }

    owner: Link | None = None
    anchors: list[Link] = []


class Platform(Record):
    """An innovation platform or carrier (laboratory, centre, institute, pilot base)."""

    LABEL = "Platform"
    FILE = "platforms.yaml"
    ID_PREFIX = "platform"
    LINKS = {
        "supports": LinkSpec("SUPPORTS", ("Chain", "Group", "Action", "Measure")),
        "located_in": LinkSpec("LOCATED_IN", ("Park", "District")),
    }

    kind: NonEmpty
    supports: list[Link] = []
    located_in: Link | None = None


class Department(Record):
    """A responsible unit: a municipal department or a local government."""

    LABEL = "Department"
    FILE = "departments.yaml"
    ID_PREFIX = "dept"

    kind: Literal["市级部门", "地方政府", "管委会"]


class Action(Record):
    """One of the five actions of 三、重点举措."""

    LABEL = "Action"
    FILE = "actions.yaml"
    ID_PREFIX = "action"
    LINKS = {"plan": PART_OF_PLAN, "responsible": RESPONSIBLE}

    rank: Annotated[int, Field(ge=1)]
    plan: Link
    responsible: Annotated[list[Link], Field(min_length=1)]


class Measure(Record):
    """A measure of an action (the lead phrase, e.g. 建设高水平创新载体, and its text)."""

    LABEL = "Measure"
    FILE = "measures.yaml"
    ID_PREFIX = "measure"
    LINKS = {"action": LinkSpec("HAS_MEASURE", ("Action",), reverse=True)}

    rank: Annotated[int, Field(ge=1)]
    action: Link
    text: NonEmpty
    """The measure's full text, verbatim."""


class Target(Record):
    """A quantitative target of a measure, e.g. 每年招引亿元以上项目600个."""

    LABEL = "Target"
    FILE = "targets.yaml"
    ID_PREFIX = "target"
    LINKS = {"measure": LinkSpec("HAS_TARGET", ("Measure",), reverse=True)}

    measure: Link
    value: Figure
    unit: NonEmpty
    period: Literal["每年", "2027"]
    at_least: bool


COMPARISONS = Literal["达", "力争达", "以上", "左右", "下降", "超过", "突破", "过"]


class Indicator(Record):
    """A development goal with value, unit and comparison (发展目标, or a group's scale target)."""

    LABEL = "Indicator"
    FILE = "indicators.yaml"
    ID_PREFIX = "ind"
    LINKS = {"scope": LinkSpec("GOAL_OF", ("Plan", "Group", "Tier"))}

    scope: Link
    metric: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    """Machine key of what is measured; ``revenue`` targets are reconciled with the annex."""
    category: NonEmpty | None = None
    year: Literal[2027, 2030]
    value: Figure
    unit: NonEmpty
    comparison: COMPARISONS
    baseline_year: int | None = None


class Safeguard(Record):
    """One of the five safeguards of 四、保障措施."""

    LABEL = "Safeguard"
    FILE = "safeguards.yaml"
    ID_PREFIX = "safeguard"
    LINKS = {"plan": PART_OF_PLAN, "departments": RESPONSIBLE}

    rank: Annotated[int, Field(ge=1)]
    plan: Link
    text: NonEmpty
    departments: list[Link] = []


CHAIN_RELATION_KINDS = Literal["upstream", "downstream", "synergy", "application", "builds_on"]


class ChainRelation(_Strict):
    """A chain-to-chain relation the text supports, e.g. 新型储能 builds on 锂电."""

    FILE: ClassVar[str] = "chain_relations.yaml"
    REL_TYPE: ClassVar[str] = "RELATES_TO"

    id: Annotated[str, StringConstraints(pattern=r"^rel\.[a-z0-9_]+$")]
    from_: Annotated[str, Field(alias="from", min_length=1)]
    to: NonEmpty
    kind: CHAIN_RELATION_KINDS
    source: NonEmpty
    evidence: NonEmpty
    assumption: NonEmpty | None = None

    model_config = ConfigDict(populate_by_name=True)


ENTITY_MODELS: tuple[type[Record], ...] = (
    Plan,
    Tier,
    Group,
    Chain,
    Technology,
    District,
    Park,
    Enterprise,
    Project,
    Platform,
    Department,
    Action,
    Measure,
    Target,
    Indicator,
    Safeguard,
)
"""Every entity kind, in load order."""

MODEL_BY_FILE: dict[str, type[Record]] = {m.FILE: m for m in ENTITY_MODELS}
LABEL_BY_PREFIX: dict[str, str] = {m.ID_PREFIX: m.LABEL for m in ENTITY_MODELS}
