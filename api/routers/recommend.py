"""Where does a project belong: the chains it fits and the parks that carry them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainkg.api import recommend as service
from chainkg.api import schemas
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses

router = APIRouter(tags=["recommend"], dependencies=[GRAPH])


@router.get("/recommend", response_model=schemas.Recommendation, responses=problem_responses(422))
def recommend(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description="The project, in Chinese or English: what it makes or does.",
            examples=["年产10GW TOPCon高效电池组件项目"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=30, description="Most chains and parks to return.")] = 5,
) -> schemas.Recommendation:
    """The chains the project fits and the parks for it, each with its score and reasons.

    `matched` is false, with no chain and no park, when no chain fits well enough.
    """
    return service.recommend(store, q, limit)
