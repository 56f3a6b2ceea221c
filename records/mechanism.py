"""The working mechanism of a chain, park, project or enterprise as recorded (四(一), 三(一),
三(二)): its 挂钩 assignment, and for a chain its 招商 pipeline (candidates by stage, each with
the direction it fills and its stage history) and its 卡脖子 items.

Built once here for the API (``GET /chains/{id}`` …), the maps' panels and the ask engine,
from the records store and catalog queries, so they all say the same.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from chainkg.graph_loader.derived import store_subgraph
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.store import GraphStore
from chainkg.records.assignments import ASSIGNMENTS
from chainkg.records.candidates import (
    CANDIDATES,
    CATEGORY_EN,
    SIGNED,
    STAGE_EN,
    STAGES,
    stage_rank,
)
from chainkg.records.chokepoints import CHOKEPOINTS, STATUS_EN
from chainkg.records.directions import focus_of, resolve
from chainkg.records.gaps import Ref, ref
from chainkg.records.history import HistoryStep, histories
from chainkg.records.model import StoredRecord
from chainkg.records.store import RecordsStore

MECHANISM_LABELS = ["Chain", "Park", "Project", "Enterprise", "Department", "Technology"]


class Written(BaseModel):
    """Who wrote a record, when, citing what."""

    note: str | None = None
    source: str = Field(description="The document the record cites.")
    written_by: str
    written_at: str
    audit_id: int


class AssignmentOut(Written):
    """The 挂钩 assignment of a node: city leader, lead department, task force."""

    subject: str
    leader: str | None = Field(None, description="挂钩市领导")
    leader_title: str | None = None
    department: Ref | None = Field(None, description="牵头部门")
    task_force: str | None = Field(None, description="专班")
    task_force_contact: str | None = None


class CandidateOut(Written):
    """One enterprise to attract for a chain, with the direction it was linked to."""

    chain: str
    enterprise: str
    category: str
    category_en: str
    direction: str | None = Field(description="As recorded.")
    direction_ref: Ref | None = Field(description="The chain's focus direction it fills.")
    direction_assumption: str | None = Field(
        description="How the recorded direction was read as the focus direction, when not exact."
    )
    stage: str
    stage_en: str
    stage_date: str | None
    park: Ref | None
    department: Ref | None
    history: list[HistoryStep] = Field(description="Its stage changes, oldest first.")


class ChokepointOut(Written):
    """One 卡脖子 item of a chain."""

    chain: str
    item: str
    description: str | None
    direction: str | None
    direction_ref: Ref | None
    direction_assumption: str | None
    status: str
    status_en: str


class Pipeline(BaseModel):
    """A chain's candidates counted by stage (every stage, in the pipeline's order)."""

    counts: dict[str, int]
    total: int
    signed: int = Field(description="At stage 签约 or later.")


class Mechanism(BaseModel):
    """What is recorded for one node: its assignment; for a chain, its pipeline, candidates
    and 卡脖子 items; for a park, the candidates that target it."""

    subject: Ref
    records_version: int
    assignment: AssignmentOut | None
    pipeline: Pipeline | None = None
    candidates: list[CandidateOut] = Field(default_factory=list)
    chokepoints: list[ChokepointOut] = Field(default_factory=list)


def _written(record: StoredRecord) -> dict[str, Any]:
    return {
        "note": record.note,
        "source": record.source,
        "written_by": record.written_by,
        "written_at": record.written_at,
        "audit_id": record.audit_id,
    }


def _ref(plan: PlanGraph, id: Any) -> Ref | None:
    node = plan.nodes.get(str(id)) if id else None
    return ref(node) if node else None


def assignment_out(plan: PlanGraph, record: StoredRecord) -> AssignmentOut:
    """Return a stored assignment with its department named."""
    f = record.fields
    return AssignmentOut(
        subject=record.subject,
        leader=f.get("leader"),
        leader_title=f.get("leader_title"),
        department=_ref(plan, f.get("department")),
        task_force=f.get("task_force"),
        task_force_contact=f.get("task_force_contact"),
        **_written(record),
    )


def candidate_out(
    plan: PlanGraph, record: StoredRecord, history: list[HistoryStep]
) -> CandidateOut:
    """Return a stored candidate with its direction linked and its places named."""
    f = record.fields
    match = resolve(f.get("direction"), focus_of(plan, record.subject))
    stage = str(f.get("stage"))
    category = str(f.get("category"))
    return CandidateOut(
        chain=record.subject,
        enterprise=str(f.get("enterprise")),
        category=category,
        category_en=CATEGORY_EN.get(category, category),
        direction=f.get("direction"),
        direction_ref=_ref(plan, match.id),
        direction_assumption=match.assumption,
        stage=stage,
        stage_en=STAGE_EN.get(stage, stage),
        stage_date=f.get("stage_date"),
        park=_ref(plan, f.get("park")),
        department=_ref(plan, f.get("department")),
        history=history,
        **_written(record),
    )


def chokepoint_out(plan: PlanGraph, record: StoredRecord) -> ChokepointOut:
    """Return a stored 卡脖子 item with its direction linked."""
    f = record.fields
    match = resolve(f.get("direction"), focus_of(plan, record.subject))
    status = str(f.get("status"))
    return ChokepointOut(
        chain=record.subject,
        item=str(f.get("item")),
        description=f.get("description"),
        direction=f.get("direction"),
        direction_ref=_ref(plan, match.id),
        direction_assumption=match.assumption,
        status=status,
        status_en=STATUS_EN.get(status, status),
        **_written(record),
    )


def pipeline(stages: list[Any]) -> Pipeline:
    """Return the stages of candidates, counted."""
    counts = {s: stages.count(s) for s in STAGES}
    return Pipeline(counts=counts, total=len(stages), signed=sum(counts[s] for s in SIGNED))


def pipeline_for(records: RecordsStore | None, chain: str) -> Pipeline:
    """Return the stages of a chain's stored candidates, counted (no history read)."""
    stored = records.records(CANDIDATES.name, chain) if records is not None else []
    return pipeline([r.fields.get("stage") for r in stored])


def by_stage(candidates: list[CandidateOut]) -> list[CandidateOut]:
    """Return candidates furthest along first, then by enterprise."""
    return sorted(candidates, key=lambda c: (-stage_rank(c.stage), c.enterprise))


class UnknownSubject(LookupError):
    """No node of the kinds that have a mechanism with that id."""

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.id = id


def plan_of(graph: GraphStore) -> PlanGraph:
    """Return the plan graph the mechanism's records are read against."""
    return store_subgraph(graph, MECHANISM_LABELS)


def assignment_of(
    plan: PlanGraph, records: RecordsStore | None, subject: str
) -> AssignmentOut | None:
    """Return the assignment of ``subject``, or None."""
    if records is None:
        return None
    found = records.records(ASSIGNMENTS.name, subject)
    return assignment_out(plan, found[0]) if found else None


def mechanism(
    graph: GraphStore,
    records: RecordsStore | None,
    subject: str,
    plan: PlanGraph | None = None,
    *,
    history: bool = True,
) -> Mechanism:
    """Return what is recorded for ``subject`` (raises :class:`UnknownSubject`): for a park,
    the candidates (of any chain) that target it; without ``history``, no stage history
    (read from the audit) is read."""
    plan = plan or plan_of(graph)
    node = plan.nodes.get(subject)
    if node is None or node.label not in ASSIGNMENTS.subject_labels:
        raise UnknownSubject(subject)
    version = records.version() if records is not None else 0
    result = Mechanism(
        subject=ref(node),
        records_version=version,
        assignment=assignment_of(plan, records, subject),
    )
    if node.label == "Park":
        result.candidates = park_candidates(plan, records, subject)
        result.pipeline = pipeline([c.stage for c in result.candidates])
    if node.label != "Chain":
        return result
    stored = records.records(CANDIDATES.name, subject) if records is not None else []
    steps = histories(records, CANDIDATES, subject) if records and stored and history else {}
    candidates = by_stage([candidate_out(plan, r, steps.get(r.key, [])) for r in stored])
    chokes = records.records(CHOKEPOINTS.name, subject) if records is not None else []
    result.pipeline = pipeline_for(records, subject)
    result.candidates = candidates
    result.chokepoints = [chokepoint_out(plan, r) for r in chokes]
    return result


def park_candidates(plan: PlanGraph, records: RecordsStore | None, park: str) -> list[CandidateOut]:
    """Return the candidates (of any chain) that target a park, furthest along first."""
    if records is None:
        return []
    stored = [r for r in records.records(CANDIDATES.name) if r.fields.get("park") == park]
    return by_stage([candidate_out(plan, r, []) for r in stored])
