"""Actions (measures, targets, responsible departments) and departments."""

from __future__ import annotations

from fastapi import APIRouter

from api import schemas, services
from api.deps import StoreDep
from api.errors import problem_responses
from api.params import ActionId, DepartmentId

router = APIRouter()


@router.get(
    "/actions", response_model=schemas.ActionList, responses=problem_responses(), tags=["actions"]
)
def list_actions(store: StoreDep) -> schemas.ActionList:
    """The five actions of 三、重点举措, in plan order."""
    return services.list_actions(store)


@router.get(
    "/actions/{id}",
    response_model=schemas.ActionDetail,
    responses=problem_responses(404, 422),
    tags=["actions"],
)
def get_action(store: StoreDep, id: ActionId) -> schemas.ActionDetail:
    """An action: measures with quantitative targets, and responsible departments with role."""
    return services.get_action(store, id)


@router.get(
    "/departments",
    response_model=schemas.DepartmentList,
    responses=problem_responses(),
    tags=["departments"],
)
def list_departments(store: StoreDep) -> schemas.DepartmentList:
    """Every responsible unit."""
    return services.list_departments(store)


@router.get(
    "/departments/{id}",
    response_model=schemas.DepartmentDetail,
    responses=problem_responses(404, 422),
    tags=["departments"],
)
def get_department(store: StoreDep, id: DepartmentId) -> schemas.DepartmentDetail:
    """A department's responsibility list: actions with measures and targets, and safeguards."""
    return services.get_department(store, id)
