"""Which backend is in use, whether it answers, and its counts."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.caching import LIVE
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses

router = APIRouter(tags=["health"], dependencies=[LIVE])


@router.get("/health", response_model=schemas.Health, responses=problem_responses())
def health(store: StoreDep) -> schemas.Health:
    """The backend and its counts; a 503 problem when the graph database does not answer."""
    return services.health(store)
