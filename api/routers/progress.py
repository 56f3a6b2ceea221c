"""Progress against the plan's targets, from the recorded actuals (``records/progress.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import NotFoundError, problem_responses
from chainkg.api.params import ChainId, DepartmentId
from chainkg.api.routers.records import VERSION_HEADER
from chainkg.records import progress as p

router = APIRouter(prefix="/progress", tags=["progress"], dependencies=[GRAPH])


@router.get("", response_model=p.PlanProgress, responses=problem_responses())
def plan_progress(response: Response, store: StoreDep, records: RecordsDep) -> p.PlanProgress:
    """The whole plan and each group, every chain, target and indicator, and 预警 (behind)."""
    result = p.plan_progress(store, records)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result


@router.get("/warnings", response_model=list[p.Warning], responses=problem_responses())
def warnings(response: Response, store: StoreDep, records: RecordsDep) -> list[p.Warning]:
    """预警: everything whose latest figure is behind, most behind first."""
    result = p.plan_progress(store, records)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result.warnings


@router.get("/chains/{id}", response_model=p.ChainProgress, responses=problem_responses(404, 422))
def chain_progress(
    response: Response, store: StoreDep, records: RecordsDep, id: ChainId
) -> p.ChainProgress:
    """A chain: actuals against the straight path to 2027 and 2030; the growth now needed."""
    try:
        result, version = p.chain_progress_of(store, records, id)
    except p.UnknownSubject as exc:
        raise NotFoundError("chain", exc.id) from None
    response.headers[VERSION_HEADER] = str(version)
    return result


@router.get(
    "/departments/{id}", response_model=p.DepartmentProgress, responses=problem_responses(404, 422)
)
def department_progress(
    response: Response, store: StoreDep, records: RecordsDep, id: DepartmentId
) -> p.DepartmentProgress:
    """A department: the measures of the actions it is responsible for, rolled up."""
    try:
        result = p.department_progress(store, records, id)
    except p.UnknownSubject as exc:
        raise NotFoundError("department", exc.id) from None
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result
