"""Actions (measures, targets, responsible departments) and departments."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.params import ActionId, DepartmentId

actions = APIRouter(prefix="/actions", tags=["actions"], dependencies=[GRAPH])
departments = APIRouter(prefix="/departments", tags=["departments"], dependencies=[GRAPH])


@actions.get("", response_model=schemas.ActionList, responses=problem_responses())
def list_actions(store: StoreDep) -> schemas.ActionList:
    """The five actions of 三、重点举措, in plan order."""
    return services.list_actions(store)


@actions.get("/{id}", response_model=schemas.ActionDetail, responses=problem_responses(404, 422))
def get_action(store: StoreDep, id: ActionId) -> schemas.ActionDetail:
    """An action: measures with quantitative targets, and responsible departments with role."""
    return services.get_action(store, id)


@departments.get("", response_model=schemas.DepartmentList, responses=problem_responses())
def list_departments(store: StoreDep) -> schemas.DepartmentList:
    """Every responsible unit."""
    return services.list_departments(store)


@departments.get(
    "/{id}", response_model=schemas.DepartmentDetail, responses=problem_responses(404, 422)
)
def get_department(store: StoreDep, id: DepartmentId) -> schemas.DepartmentDetail:
    """A department's responsibility list: actions with measures and targets, and safeguards."""
    return services.get_department(store, id)


router = APIRouter()
router.include_router(actions)
router.include_router(departments)
