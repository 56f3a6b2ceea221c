"""Progress against the plan's targets, from the yearly actuals: per chain, per measure's
target, per indicator, per group, per department and for the whole plan, with a 预警 list.

Computed once here from catalog rows and stored records, so both stores answer alike.

**The rule.** An actual is compared with what the plan expects for its year:

- a chain: the straight compound-growth path from its 2024 revenue to its 2027 target, and
  from the 2027 target to the 2030 target after 2027 (the annex gives the three points only);
- a target set for every year (每年): the target itself, every year;
- a target or indicator for a year (到2027年): the target from that year on; before it, only a
  target already reached is judged (``ahead``), since the plan gives no starting figure,
  except where it does (revenue scales: the annex's 2024 sums; 下降: no fall in 2024);
- a group and the whole plan: the sum of their chains that reported for the latest year,
  against the sum of those chains' paths.

``ahead`` is more than :data:`TOLERANCE` above the expected value, ``behind`` more than
:data:`TOLERANCE` below it, ``on_track`` in between; ``no_data`` when nothing was recorded;
``not_due`` when a target for a later year is not reached yet and there is no path to
judge it by.

>>> round(path_value(100, 121, 133.1, 2025), 2), round(path_value(100, 121, 133.1, 2029), 2)
(106.56, 128.94)
>>> status_of(103, 100), status_of(97.5, 100), status_of(96.9, 100)
('on_track', 'on_track', 'behind')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field

from chainkg.graph_loader.derived import required_cagr, store_subgraph
from chainkg.graph_loader.graph import Node
from chainkg.graph_loader.store import GraphStore
from chainkg.records.actuals import ACTUALS
from chainkg.records.model import StoredRecord
from chainkg.records.store import RecordsStore

Status = Literal["ahead", "on_track", "behind", "no_data", "not_due"]
WarningType = Literal["Chain", "Target", "Indicator", "Group", "Plan"]
STATUSES: tuple[Status, ...] = ("behind", "on_track", "ahead", "not_due", "no_data")
"""From the most to the least urgent: a roll-up takes the first that any part has."""
TOLERANCE = 0.03
"""``on_track`` is within 3 % of the expected value, either way: about half a year of the
5–6 % yearly growth most chains need, and about the size of a revision of the statistics."""
BASE_YEAR, MID_YEAR, END_YEAR = 2024, 2027, 2030
PROGRESS_LABELS = [
    "Plan",
    "Group",
    "Chain",
    "Action",
    "Measure",
    "Target",
    "Indicator",
    "Department",
]
Figure = int | float

PATH_ASSUMPTION = (
    "The plan gives the 2024 revenue and the 2027 and 2030 targets only; the years between "
    "are read as the straight compound-growth path between them (the same growth every year)."
)
SUM_ASSUMPTION = (
    "The sum of the chains that reported for the year, against the sum of those chains' "
    "straight paths (the annex's figures, not the text's rounded totals)."
)
DUE_ASSUMPTION = (
    "The plan gives no starting figure for this target: before its year only a target "
    "already reached is judged (ahead); otherwise the status is not_due."
)


# ---------------------------------------------------------------- the rule


def path_value(base: Figure, mid: Figure, end: Figure, year: int) -> float:
    """Return the chain's straight compound-growth path for ``year`` (not rounded)."""
    if year <= MID_YEAR:
        value = base * math.pow(mid / base, (year - BASE_YEAR) / (MID_YEAR - BASE_YEAR))
    else:
        value = mid * math.pow(end / mid, (year - MID_YEAR) / (END_YEAR - MID_YEAR))
    return value


def status_of(actual: Figure, expected: Figure) -> Status:
    """Return ahead, on_track or behind for an actual against its expected value."""
    if expected == 0:
        return "on_track" if actual == 0 else "ahead"
    ratio = actual / expected
    if ratio > 1 + TOLERANCE:
        return "ahead"
    if ratio < 1 - TOLERANCE:
        return "behind"
    return "on_track"


def worst(statuses: Iterable[Status]) -> Status:
    """Return the most urgent of ``statuses`` (no_data when there are none)."""
    present = set(statuses)
    return next((s for s in STATUSES if s in present), "no_data")


def counts(statuses: Iterable[Status]) -> dict[str, int]:
    """Return how many of each status, every status present (0 when none)."""
    items = list(statuses)
    return {s: items.count(s) for s in ("ahead", "on_track", "behind", "not_due", "no_data")}


def _ratio(actual: Figure, expected: Figure | None) -> float | None:
    if expected is None or expected == 0:
        return None
    return round(actual / expected - 1, 4)


# ---------------------------------------------------------------- models


class Point(BaseModel):
    """The expected value of a year."""

    year: int
    value: float


class Actual(BaseModel):
    """A recorded actual set against what the plan expects for its year."""

    year: int
    value: Figure
    expected: float | None = Field(description="What the plan expects for the year.")
    gap: float | None = Field(description="value / expected - 1 (−0.05: 5 % short).")
    status: Status
    source: str = Field(description="The document the figure is taken from.")
    note: str | None = None
    written_by: str
    written_at: str
    subject: str = Field(description="The id the actual was recorded against.")


class Ref(BaseModel):
    """A node by id and names."""

    id: str
    name: str
    name_en: str


class ChainProgress(Ref):
    """A chain's actuals against its straight path; the growth it now needs."""

    rank: int
    group: Ref | None
    unit: str = "亿元"
    revenue_2024: Figure
    target_2027: Figure
    target_2030: Figure
    path: list[Point] = Field(description="The straight compound-growth path, 2024 to 2030.")
    actuals: list[Actual]
    latest: Actual | None
    status: Status
    next_target_year: int | None = Field(description="The next target after the latest actual.")
    growth_needed: float | None = Field(
        description="The yearly growth from the latest actual to the next target (0.05 = 5 %)."
    )
    growth_planned: float | None = Field(
        description="The path's yearly growth over the same years."
    )
    assumption: str = PATH_ASSUMPTION


class TargetProgress(Ref):
    """A measure's quantitative target, year by year against its actuals."""

    measure: str
    unit: str
    value: Figure
    period: str = Field(description="每年 (every year) or the year it is due by.")
    at_least: bool
    actuals: list[Actual]
    latest: Actual | None
    status: Status
    assumption: str | None = None


class MeasureProgress(Ref):
    """A measure of an action: its targets' progress; actuals recorded for a measure that has
    no numeric target are listed, not judged."""

    action: str
    rank: int
    targets: list[TargetProgress]
    unjudged: list[Actual] = Field(
        description="Actuals recorded for the measure itself when it has no numeric target, or "
        "several (record those against a target): kept and shown, not judged."
    )
    status: Status


class IndicatorProgress(Ref):
    """A development goal against its actuals."""

    scope: Ref | None
    unit: str
    value: Figure
    year: int
    comparison: str
    actuals: list[Actual]
    latest: Actual | None
    status: Status
    assumption: str | None = None


class Total(BaseModel):
    """The sum of the chains that reported for a year against the sum of their paths."""

    year: int
    actual: float
    expected: float
    gap: float | None
    status: Status
    chains_reported: int
    chains: int
    complete: bool = Field(description="True when every chain reported for the year.")
    assumption: str = SUM_ASSUMPTION


class GroupProgress(Ref):
    """A group: its chains by status and their total against their paths."""

    chains: list[str] = Field(description="Its chains' ids (a sub-group's chains included).")
    counts: dict[str, int]
    total: Total | None
    status: Status


class Warning(BaseModel):
    """Something behind (预警): what, for which year, by how much."""

    type: WarningType
    id: str
    name: str
    name_en: str
    year: int
    value: Figure
    expected: Figure
    gap: float | None


class Orphan(StoredRecord):
    """A stored record whose subject is no longer in the plan graph: kept and reported."""


class DepartmentProgress(Ref):
    """A department's measures (through the actions it is responsible for), rolled up."""

    actions: list[Ref]
    counts: dict[str, int] = Field(description="Its targets by latest status.")
    status: Status
    measures: list[MeasureProgress]
    records_version: int


class PlanProgress(BaseModel):
    """The whole plan: totals, each group, each chain, targets, indicators, and 预警."""

    records_version: int = Field(description="The records version these figures rest on.")
    tolerance: float = TOLERANCE
    total: Total | None
    counts: dict[str, int] = Field(description="Chains by status.")
    groups: list[GroupProgress]
    chains: list[ChainProgress]
    measures: list[MeasureProgress]
    indicators: list[IndicatorProgress]
    departments: list[DepartmentProgress] = Field(description="Each department's roll-up.")
    warnings: list[Warning] = Field(description="预警: everything behind, most behind first.")
    orphans: list[Orphan]


# ---------------------------------------------------------------- the context


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _figure(value: Any) -> Figure:
    """Return a figure property (0 when it is missing or not a number)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _ref(node: Node) -> Ref:
    return Ref(id=node.id, name=str(node.props["name"]), name_en=str(node.props["name_en"]))


def orphans(graph: GraphStore, records: list[StoredRecord]) -> list[Orphan]:
    """Return the records whose subject is no longer in the plan graph (kept, not dropped)."""
    subjects = sorted({r.subject for r in records})
    rows = graph.run("nodes_by_ids", ids=subjects) if subjects else []
    known = {row["node"]["id"] for row in rows}
    return [Orphan(**r.model_dump()) for r in records if r.subject not in known]


class Context:
    """The plan graph of :data:`PROGRESS_LABELS` and the stored actuals, read once."""

    def __init__(self, graph: GraphStore, store: RecordsStore) -> None:
        self.graph = store_subgraph(graph, PROGRESS_LABELS)
        self.measures: dict[str, list[MeasureProgress]] = {}
        """Each action's measures, once computed."""
        self._out: dict[tuple[str, str], list[str]] = {}
        self._in: dict[tuple[str, str], list[str]] = {}
        for e in sorted(self.graph.edges, key=lambda e: e.key):
            self._out.setdefault((e.source, e.type), []).append(e.target)
            self._in.setdefault((e.target, e.type), []).append(e.source)
        self.version = store.version()
        records = store.records(ACTUALS.name)  # not the other kinds' (candidates …)
        self.by_subject: dict[str, list[StoredRecord]] = {}
        for r in records:
            self.by_subject.setdefault(r.subject, []).append(r)
        self.orphans = orphans(graph, records)

    def nodes(self, label: str) -> list[Node]:
        """Return the nodes of a label by rank, then id."""
        found = [n for n in self.graph.nodes.values() if n.label == label]
        return sorted(found, key=lambda n: (_int(n.props.get("rank")), n.id))

    def out(self, node: str, rel_type: str) -> list[str]:
        """Return the ids ``node`` points to by ``rel_type``, sorted."""
        return self._out.get((node, rel_type), [])

    def into(self, node: str, rel_type: str) -> list[str]:
        """Return the ids that point to ``node`` by ``rel_type``, sorted."""
        return self._in.get((node, rel_type), [])

    def actuals(self, *subjects: str) -> dict[int, StoredRecord]:
        """Return the actuals of the first subject that has one for a year, by year."""
        by_year: dict[int, StoredRecord] = {}
        for subject in reversed(subjects):
            by_year |= {int(r.fields["year"]): r for r in self.by_subject.get(subject, [])}
        return dict(sorted(by_year.items()))


def _actual(record: StoredRecord, expected: float | None, status: Status) -> Actual:
    """Return a stored actual with what was expected (rounded to 2 decimals when shown)."""
    value = record.fields["value"]
    return Actual(
        year=int(record.fields["year"]),
        value=value,
        expected=None if expected is None else round(expected, 2),
        gap=_ratio(value, expected),
        status=status,
        source=record.source,
        note=record.note,
        written_by=record.written_by,
        written_at=record.written_at,
        subject=record.subject,
    )


# ---------------------------------------------------------------- chains


def _figures(chain: Node) -> tuple[Figure, Figure, Figure] | None:
    base, mid, end = (
        _figure(chain.props.get(k)) for k in ("revenue_2024", "target_2027", "target_2030")
    )
    if min(base, mid, end) <= 0:
        return None
    return base, mid, end


def chain_progress(ctx: Context, chain: Node) -> ChainProgress:
    """Return a chain's progress (see the module's rule)."""
    figures = _figures(chain)
    path = (
        [
            Point(year=y, value=round(path_value(*figures, y), 2))
            for y in range(BASE_YEAR, END_YEAR + 1)
        ]
        if figures
        else []
    )
    expected = (
        {y: path_value(*figures, y) for y in range(BASE_YEAR, END_YEAR + 1)} if figures else {}
    )
    actuals = []
    for year, record in ctx.actuals(chain.id).items():
        exp = expected.get(year)
        status: Status = status_of(record.fields["value"], exp) if exp else "no_data"
        actuals.append(_actual(record, exp, status))
    latest = actuals[-1] if actuals else None
    next_year = growth = planned = None
    if latest is not None and figures and latest.year < END_YEAR:
        next_year = MID_YEAR if latest.year < MID_YEAR else END_YEAR
        target = figures[1] if next_year == MID_YEAR else figures[2]
        growth = required_cagr(latest.value, target, next_year - latest.year)
        start = figures[0] if next_year == MID_YEAR else figures[1]
        planned = required_cagr(start, target, 3)  # the path's growth is the same every year
    groups = ctx.out(chain.id, "IN_GROUP")
    return ChainProgress(
        **_ref(chain).model_dump(),
        rank=_int(chain.props.get("rank")),
        group=_ref(ctx.graph.nodes[groups[0]]) if groups else None,
        revenue_2024=_figure(chain.props.get("revenue_2024")),
        target_2027=_figure(chain.props.get("target_2027")),
        target_2030=_figure(chain.props.get("target_2030")),
        path=path,
        actuals=actuals,
        latest=latest,
        status=latest.status if latest else "no_data",
        next_target_year=next_year,
        growth_needed=growth,
        growth_planned=planned,
    )


def total(chains: list[ChainProgress]) -> Total | None:
    """Return the total of the chains that reported for the latest year any of them did."""
    years = [c.latest.year for c in chains if c.latest]
    if not years:
        return None
    year = max(years)
    reported = [(a, c) for c in chains for a in c.actuals if a.year == year and a.expected]
    actual = round(sum(a.value for a, _ in reported), 2)
    expected = round(sum(a.expected or 0 for a, _ in reported), 2)
    return Total(
        year=year,
        actual=actual,
        expected=expected,
        gap=_ratio(actual, expected),
        status=status_of(actual, expected),
        chains_reported=len(reported),
        chains=len(chains),
        complete=len(reported) == len(chains),
    )


def group_chains(ctx: Context, group: str) -> list[str]:
    """Return the ids of a group's chains, its sub-groups' included."""
    groups = [group, *ctx.into(group, "SUBGROUP_OF")]
    return sorted({c for g in groups for c in ctx.into(g, "IN_GROUP")})


def group_progress(ctx: Context, group: Node, chains: dict[str, ChainProgress]) -> GroupProgress:
    """Return a group's roll-up of its chains."""
    members = [chains[c] for c in group_chains(ctx, group.id) if c in chains]
    members.sort(key=lambda c: c.rank)
    sums = total(members)
    return GroupProgress(
        **_ref(group).model_dump(),
        chains=[c.id for c in members],
        counts=counts(c.status for c in members),
        total=sums,
        status=sums.status if sums else "no_data",
    )


# ---------------------------------------------------------------- targets and measures


def _due_year(period: str) -> int | None:
    return int(period) if period.isdigit() else None


def target_progress(ctx: Context, target: Node, measure: Node) -> TargetProgress:
    """Return a target's actuals against it, year by year."""
    value: Figure = target.props["value"]  # type: ignore[assignment]
    period = str(target.props.get("period", ""))
    due = _due_year(period)
    alone = len(ctx.out(measure.id, "HAS_TARGET")) == 1
    records = ctx.actuals(target.id, measure.id) if alone else ctx.actuals(target.id)
    actuals = []
    for year, record in records.items():
        v = record.fields["value"]
        if due is None or year >= due:
            actuals.append(_actual(record, value, status_of(v, value)))
        else:
            actuals.append(_actual(record, None, "ahead" if v >= value else "not_due"))
    latest = actuals[-1] if actuals else None
    return TargetProgress(
        **_ref(target).model_dump(),
        measure=measure.id,
        unit=str(target.props.get("unit", "")),
        value=value,
        period=period,
        at_least=bool(target.props.get("at_least")),
        actuals=actuals,
        latest=latest,
        status=latest.status if latest else "no_data",
        assumption=DUE_ASSUMPTION if due is not None else None,
    )


def measure_progress(ctx: Context, measure: Node, action: str) -> MeasureProgress:
    """Return a measure's targets' progress."""
    target_ids = ctx.out(measure.id, "HAS_TARGET")
    targets = [target_progress(ctx, ctx.graph.nodes[t], measure) for t in target_ids]
    unjudged = (
        []
        if len(target_ids) == 1  # the measure stands for its one target
        else [_actual(r, None, "no_data") for r in ctx.actuals(measure.id).values()]
    )
    return MeasureProgress(
        **_ref(measure).model_dump(),
        action=action,
        rank=_int(measure.props.get("rank")),
        targets=targets,
        unjudged=unjudged,
        status=worst(t.status for t in targets),
    )


def action_measures(ctx: Context, action: str) -> list[MeasureProgress]:
    """Return the progress of an action's measures, in plan order (computed once per action)."""
    if action in ctx.measures:
        return ctx.measures[action]
    measures = sorted(
        (ctx.graph.nodes[m] for m in ctx.out(action, "HAS_MEASURE")),
        key=lambda m: (_int(m.props.get("rank")), m.id),
    )
    ctx.measures[action] = [measure_progress(ctx, m, action) for m in measures]
    return ctx.measures[action]


# ---------------------------------------------------------------- indicators


def _indicator_base(ctx: Context, ind: Node) -> tuple[float, str] | None:
    """Return the 2024 figure an indicator's path starts from, and why, when the plan has one."""
    metric = ind.props.get("metric")
    scopes = ctx.out(ind.id, "GOAL_OF")
    scope = ctx.graph.nodes.get(scopes[0]) if scopes else None
    if metric == "revenue" and scope is not None:
        chains = (
            group_chains(ctx, scope.id)
            if scope.label == "Group"
            else [c.id for c in ctx.nodes("Chain")]
        )
        base = float(sum(_figure(ctx.graph.nodes[c].props.get("revenue_2024")) for c in chains))
        return (
            base,
            f"the annex's 2024 revenue of the {len(chains)} chains in scope ({base:g} 亿元)",
        )
    if metric == "industry_revenue" and scope is not None:
        base_value = scope.props.get("industry_revenue_2024")
        if isinstance(base_value, int | float):
            return float(base_value), f"the plan's 2024 figure ({base_value:g} 亿元)"
    return None


def indicator_progress(ctx: Context, ind: Node) -> IndicatorProgress:
    """Return an indicator's actuals against what it expects for each year."""
    value: Figure = ind.props["value"]  # type: ignore[assignment]
    due = _int(ind.props.get("year"))
    comparison = str(ind.props.get("comparison", ""))
    base = _indicator_base(ctx, ind)
    falling = comparison == "下降"
    start = _int(ind.props.get("baseline_year")) or BASE_YEAR
    assumption = DUE_ASSUMPTION
    if base:
        assumption = (
            f"Read as the straight compound-growth path from {base[1]} to the {due} target."
        )
    elif falling:
        assumption = (
            f"A fall of {value:g} % from {start} to {due}, read as the same yearly fall; "
            "record the fall reached so far, in %."
        )
    actuals = []
    for year, record in ctx.actuals(ind.id).items():
        v = record.fields["value"]
        expected: float | None
        if year >= due:
            expected = float(value)
        elif base:
            expected = base[0] * math.pow(value / base[0], (year - BASE_YEAR) / (due - BASE_YEAR))
        elif falling:
            share = (year - start) / (due - start)
            expected = 100 * (1 - math.pow(1 - value / 100, share))
        else:
            expected = None
        if expected is None:
            status: Status = "ahead" if v >= value else "not_due"
        else:
            status = status_of(v, expected)
        actuals.append(_actual(record, expected, status))
    latest = actuals[-1] if actuals else None
    scopes = ctx.out(ind.id, "GOAL_OF")
    return IndicatorProgress(
        **_ref(ind).model_dump(),
        scope=_ref(ctx.graph.nodes[scopes[0]]) if scopes else None,
        unit=str(ind.props.get("unit", "")),
        value=value,
        year=due,
        comparison=comparison,
        actuals=actuals,
        latest=latest,
        status=latest.status if latest else "no_data",
        assumption=assumption,
    )


# ---------------------------------------------------------------- roll-ups


def _warning(
    type_: WarningType, ref: Ref, year: int, value: float, expected: float | None
) -> Warning:
    return Warning(
        type=type_,
        id=ref.id,
        name=ref.name,
        name_en=ref.name_en,
        year=year,
        value=value,
        expected=expected or 0,
        gap=_ratio(value, expected),
    )


def early_warnings(
    chains: list[ChainProgress],
    measures: list[MeasureProgress],
    indicators: list[IndicatorProgress],
    groups: list[GroupProgress],
    plan: tuple[Ref, Total | None] | None = None,
) -> list[Warning]:
    """Return everything behind (latest figures), most behind first."""
    found: list[Warning] = []
    if plan is not None and plan[1] is not None and plan[1].status == "behind":
        t = plan[1]
        found.append(_warning("Plan", plan[0], t.year, t.actual, t.expected))
    for g in groups:
        if g.total is not None and g.status == "behind":
            found.append(_warning("Group", g, g.total.year, g.total.actual, g.total.expected))
    items: list[tuple[WarningType, ChainProgress | IndicatorProgress | TargetProgress]] = [
        *(("Chain", c) for c in chains),
        *(("Target", t) for m in measures for t in m.targets),
        *(("Indicator", i) for i in indicators),
    ]
    for type_, item in items:
        latest = item.latest
        if latest is not None and item.status == "behind":
            found.append(_warning(type_, item, latest.year, latest.value, latest.expected))
    return sorted(found, key=lambda w: (w.gap if w.gap is not None else 0, w.type, w.id))


def all_chains(ctx: Context) -> list[ChainProgress]:
    """Return every chain's progress, in annex order."""
    return [chain_progress(ctx, c) for c in ctx.nodes("Chain")]


def all_measures(ctx: Context) -> list[MeasureProgress]:
    """Return every measure's progress, by action and rank."""
    return [m for a in ctx.nodes("Action") for m in action_measures(ctx, a.id)]


def plan_progress(graph: GraphStore, store: RecordsStore) -> PlanProgress:
    """Return the whole plan's progress: totals, groups, chains, targets, indicators, 预警."""
    ctx = Context(graph, store)
    chains = all_chains(ctx)
    by_id = {c.id: c for c in chains}
    groups = [group_progress(ctx, g, by_id) for g in ctx.nodes("Group")]
    measures = all_measures(ctx)
    indicators = [
        indicator_progress(ctx, i)
        for i in sorted(ctx.nodes("Indicator"), key=lambda n: (_int(n.props.get("year")), n.id))
    ]
    departments = [
        department_rollup(ctx, d) for d in sorted(ctx.nodes("Department"), key=lambda n: n.id)
    ]
    plans = ctx.nodes("Plan")
    sums = total(chains)
    plan_ref = (_ref(plans[0]), sums) if plans else None
    return PlanProgress(
        records_version=ctx.version,
        total=sums,
        counts=counts(c.status for c in chains),
        groups=groups,
        chains=chains,
        measures=measures,
        indicators=indicators,
        departments=departments,
        warnings=early_warnings(chains, measures, indicators, groups, plan_ref),
        orphans=ctx.orphans,
    )


class UnknownSubject(LookupError):
    """No node of that label with that id."""

    def __init__(self, label: str, id: str) -> None:
        super().__init__(f"No {label.lower()} with id {id!r}")
        self.label = label
        self.id = id


def _node(ctx: Context, label: str, id: str) -> Node:
    node = ctx.graph.nodes.get(id)
    if node is None or node.label != label:
        raise UnknownSubject(label, id)
    return node


def chain_progress_of(graph: GraphStore, store: RecordsStore, id: str) -> tuple[ChainProgress, int]:
    """Return one chain's progress and the records version (raises :class:`UnknownSubject`)."""
    ctx = Context(graph, store)
    return chain_progress(ctx, _node(ctx, "Chain", id)), ctx.version


def department_rollup(ctx: Context, dept: Node) -> DepartmentProgress:
    """Return a department's roll-up of the measures of the actions it is responsible for."""
    actions = [
        ctx.graph.nodes[a]
        for a in ctx.out(dept.id, "RESPONSIBLE_FOR")
        if a in ctx.graph.nodes and ctx.graph.nodes[a].label == "Action"
    ]
    actions.sort(key=lambda a: (_int(a.props.get("rank")), a.id))
    measures = [m for a in actions for m in action_measures(ctx, a.id)]
    targets = [t for m in measures for t in m.targets]
    return DepartmentProgress(
        **_ref(dept).model_dump(),
        actions=[_ref(a) for a in actions],
        counts=counts(t.status for t in targets),
        status=worst(t.status for t in targets),
        measures=measures,
        records_version=ctx.version,
    )


def department_progress(graph: GraphStore, store: RecordsStore, id: str) -> DepartmentProgress:
    """Return one department's roll-up (raises :class:`UnknownSubject`)."""
    ctx = Context(graph, store)
    return department_rollup(ctx, _node(ctx, "Department", id))
