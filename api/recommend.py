"""The recommendation service: a project description in, the chains and parks for it out."""

from __future__ import annotations

from chainkg.api import schemas as s
from chainkg.api.errors import InvalidParameterError
from chainkg.graph_loader.recommend import recommend as rank
from chainkg.graph_loader.store import GraphStore


def recommend(store: GraphStore, q: str, limit: int) -> s.Recommendation:
    """Return the chains the project ``q`` fits and the parks for it (422 for a blank ``q``)."""
    if not q.strip():
        raise InvalidParameterError("q", "must contain a non-blank character")
    found = rank(store, q.strip(), limit)
    return s.Recommendation.model_validate(found.model_dump())
