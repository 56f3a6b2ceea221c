"""Chains: the list with filters and pagination, one chain, and its parks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from chainkg.api import schemas, services
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.mechanism import with_assignment
from chainkg.api.params import MAX_ID, ChainId

router = APIRouter(prefix="/chains", tags=["chains"], dependencies=[GRAPH])


def _filter(description: str, example: str) -> Any:
    """Return the query parameter of an optional filter (at most :data:`MAX_ID` characters)."""
    return Query(max_length=MAX_ID, description=description, examples=[example])


@router.get("", response_model=schemas.ChainPage, responses=problem_responses(422))
def list_chains(
    store: StoreDep,
    group: Annotated[
        str | None, _filter("A group id (its sub-groups' chains included).", "group.health")
    ] = None,
    tier: Annotated[str | None, _filter("A tier id.", "tier.emerging")] = None,
    park: Annotated[
        str | None,
        _filter(
            "A park id: chains it carries, stated or through a group layout that covers them.",
            "park.taixing_edz",
        ),
    ] = None,
    q: Annotated[str | None, _filter("Part of the name, English name or an alias.", "锂")] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000, description="Items to skip.")] = 0,
) -> schemas.ChainPage:
    """The chains, in annex order, filtered by group, tier, carrying park and text."""
    return services.list_chains(store, group, tier, park, q, limit, offset)


@router.get("/{id}", response_model=schemas.ChainDetail, responses=problem_responses(404, 422))
def get_chain(store: StoreDep, records: RecordsDep, id: ChainId) -> schemas.ChainDetail:
    """A chain: figures, required growth, focus directions, and every link with evidence;
    its recorded 挂钩 assignment and 招商 pipeline."""
    return with_assignment(services.get_chain(store, id), store, records, id)


@router.get("/{id}/parks", response_model=schemas.ChainParks, responses=problem_responses(404, 422))
def get_chain_parks(store: StoreDep, id: ChainId) -> schemas.ChainParks:
    """Which parks carry this chain: stated, or derived `via` a layout of its group."""
    return services.get_chain_parks(store, id)
