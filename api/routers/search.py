"""Search over names, English names, aliases and short forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainkg.api import schemas, services
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses

router = APIRouter(tags=["search"], dependencies=[GRAPH])


@router.get("/search", response_model=schemas.SearchResult, responses=problem_responses(422))
def search(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            description="Chinese or English text: a name, alias, short form or part of one.",
            examples=["光伏"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=200, description="Most hits to return.")] = 20,
    types: Annotated[
        str | None,
        Query(
            max_length=300,
            description="Comma-separated node types to keep, e.g. `Chain,Park`.",
            examples=["Chain,Park"],
        ),
    ] = None,
) -> schemas.SearchResult:
    """Hits ranked exact, then alias, then prefix, then substring (then shorter, then by name)."""
    return services.run_search(store, q, limit, types)
