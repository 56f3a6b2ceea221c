"""Enterprises, their projects, and technologies."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.mechanism import with_assignment
from chainkg.api.params import EnterpriseId, ProjectId, TechnologyId

enterprises = APIRouter(prefix="/enterprises", tags=["enterprises"], dependencies=[GRAPH])
projects = APIRouter(prefix="/projects", tags=["enterprises"], dependencies=[GRAPH])
technologies = APIRouter(prefix="/technologies", tags=["technologies"], dependencies=[GRAPH])


@enterprises.get("", response_model=schemas.EnterpriseList, responses=problem_responses())
def list_enterprises(store: StoreDep) -> schemas.EnterpriseList:
    """Every lead enterprise the plan names (their projects are under `/projects`)."""
    return services.list_enterprises(store)


@enterprises.get(
    "/{id}", response_model=schemas.EnterpriseDetail, responses=problem_responses(404, 422)
)
def get_enterprise(
    store: StoreDep, records: RecordsDep, id: EnterpriseId
) -> schemas.EnterpriseDetail:
    """An enterprise: the chains or groups it anchors, its projects, its 挂钩 assignment."""
    return with_assignment(services.get_enterprise(store, id), store, records, id)


@projects.get("", response_model=schemas.EnterpriseList, responses=problem_responses())
def list_projects(store: StoreDep) -> schemas.EnterpriseList:
    """Every key project the plan names."""
    return services.list_projects(store)


@projects.get("/{id}", response_model=schemas.ProjectDetail, responses=problem_responses(404, 422))
def get_project(store: StoreDep, records: RecordsDep, id: ProjectId) -> schemas.ProjectDetail:
    """A project: its owner, the chains or groups it anchors, its 挂钩 assignment."""
    return with_assignment(services.get_project(store, id), store, records, id)


@technologies.get(
    "/{id}", response_model=schemas.TechnologyDetail, responses=problem_responses(404, 422)
)
def get_technology(store: StoreDep, id: TechnologyId) -> schemas.TechnologyDetail:
    """A technology and the chains and groups that share it."""
    return services.get_technology(store, id)


router = APIRouter()
router.include_router(enterprises)
router.include_router(projects)
router.include_router(technologies)
