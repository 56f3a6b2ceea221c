"""Parks: the list, one park, and the chains it carries."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.mechanism import with_assignment
from chainkg.api.params import ParkId

router = APIRouter(prefix="/parks", tags=["parks"], dependencies=[GRAPH])


@router.get("", response_model=schemas.ParkList, responses=problem_responses())
def list_parks(store: StoreDep) -> schemas.ParkList:
    """Every park, zone, base and board, by id."""
    return services.list_parks(store)


@router.get("/{id}", response_model=schemas.ParkDetail, responses=problem_responses(404, 422))
def get_park(store: StoreDep, records: RecordsDep, id: ParkId) -> schemas.ParkDetail:
    """A park: district, what it carries (as stated and chain by chain), parts and platforms;
    its recorded 挂钩 assignment."""
    return with_assignment(services.get_park(store, id), store, records, id)


@router.get(
    "/{id}/chains", response_model=schemas.ParkChains, responses=problem_responses(404, 422)
)
def get_park_chains(store: StoreDep, id: ParkId) -> schemas.ParkChains:
    """Which chains this park carries: stated, or derived `via` a group layout it carries."""
    return services.get_park_chains(store, id)
