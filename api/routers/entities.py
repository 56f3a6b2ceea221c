"""Enterprises, their projects, and technologies."""

from __future__ import annotations

from fastapi import APIRouter

from api import schemas, services
from api.deps import StoreDep
from api.errors import problem_responses
from api.params import EnterpriseId, ProjectId, TechnologyId

router = APIRouter()


@router.get(
    "/enterprises",
    response_model=schemas.EnterpriseList,
    responses=problem_responses(),
    tags=["enterprises"],
)
def list_enterprises(store: StoreDep) -> schemas.EnterpriseList:
    """Every lead enterprise the plan names (their projects are under `/projects`)."""
    return services.list_enterprises(store)


@router.get(
    "/enterprises/{id}",
    response_model=schemas.EnterpriseDetail,
    responses=problem_responses(404, 422),
    tags=["enterprises"],
)
def get_enterprise(store: StoreDep, id: EnterpriseId) -> schemas.EnterpriseDetail:
    """An enterprise: the chains or groups it anchors, and its projects."""
    return services.get_enterprise(store, id)


@router.get(
    "/projects",
    response_model=schemas.EnterpriseList,
    responses=problem_responses(),
    tags=["enterprises"],
)
def list_projects(store: StoreDep) -> schemas.EnterpriseList:
    """Every key project the plan names."""
    return services.list_projects(store)


@router.get(
    "/projects/{id}",
    response_model=schemas.ProjectDetail,
    responses=problem_responses(404, 422),
    tags=["enterprises"],
)
def get_project(store: StoreDep, id: ProjectId) -> schemas.ProjectDetail:
    """A project: its owner and the chains or groups it anchors."""
    return services.get_project(store, id)


@router.get(
    "/technologies/{id}",
    response_model=schemas.TechnologyDetail,
    responses=problem_responses(404, 422),
    tags=["technologies"],
)
def get_technology(store: StoreDep, id: TechnologyId) -> schemas.TechnologyDetail:
    """A technology and the chains and groups that share it."""
    return services.get_technology(store, id)
