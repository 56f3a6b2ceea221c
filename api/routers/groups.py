"""Industry groups and their reconciliation."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.params import GroupId

router = APIRouter(prefix="/groups", tags=["groups"], dependencies=[GRAPH])


@router.get("", response_model=schemas.GroupList, responses=problem_responses())
def list_groups(store: StoreDep) -> schemas.GroupList:
    """Every group and sub-group, in plan order."""
    return services.list_groups(store)


@router.get("/{id}", response_model=schemas.GroupDetail, responses=problem_responses(404, 422))
def get_group(store: StoreDep, id: GroupId) -> schemas.GroupDetail:
    """A group: chains, parks, technologies, goals, and its targets beside the annex sums."""
    return services.get_group(store, id)
