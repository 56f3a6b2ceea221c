"""The working mechanism (四(一), 三(一), 三(二)): what is recorded for a chain or park, and
the gap view (补链) per chain and per park, as JSON or as a 补链清单 file."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Response

from chainkg.api import mechanism as service
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.params import ChainId, ParkId
from chainkg.api.routers.records import VERSION_HEADER
from chainkg.graph_loader.sheets import MEDIA_TYPES, Format
from chainkg.records import gaps as g
from chainkg.records.mechanism import Mechanism

router = APIRouter(tags=["mechanism"], dependencies=[GRAPH])
G = TypeVar("G", g.ChainGaps, g.ParkGaps)

FormatQuery = Annotated[
    Format, Query(description="json (the default), or the 补链清单 as csv or xlsx.")
]
FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The gap view (JSON), or the 补链清单 as CSV or .xlsx.",
        "content": {
            MEDIA_TYPES["csv"]: {"schema": {"type": "string"}},
            MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get(
    "/chains/{id}/mechanism", response_model=Mechanism, responses=problem_responses(404, 422)
)
def chain_mechanism(
    response: Response, store: StoreDep, records: RecordsDep, id: ChainId
) -> Mechanism:
    """What is recorded for a chain: its 挂钩 assignment, its 招商 candidates (pipeline by
    stage, each with the direction it fills and its stage history) and its 卡脖子 items."""
    result = service.node_mechanism(store, records, "chain", id)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result


@router.get(
    "/parks/{id}/mechanism", response_model=Mechanism, responses=problem_responses(404, 422)
)
def park_mechanism(
    response: Response, store: StoreDep, records: RecordsDep, id: ParkId
) -> Mechanism:
    """What is recorded for a park: its 挂钩 assignment and the candidates that target it."""
    result = service.node_mechanism(store, records, "park", id)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result


@router.get("/gaps", response_model=g.GapIndex, responses=problem_responses())
def gap_index(response: Response, store: StoreDep, records: RecordsDep) -> g.GapIndex:
    """Every chain's focus directions counted: covered and open (the whole list is the
    `gaps` list, 补链清单)."""
    result = g.gap_index(store, records)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result


@router.get(
    "/gaps/chains/{id}",
    response_model=None,
    responses={**FILES, 200: {**FILES[200], "model": g.ChainGaps}, **problem_responses(404, 422)},
)
def chain_gaps(
    response: Response,
    store: StoreDep,
    records: RecordsDep,
    id: ChainId,
    format: FormatQuery = "json",
) -> g.ChainGaps | Response:
    """A chain's focus directions, covered or open (open first), with what covers each: the
    plan's anchors and platforms, or candidates at 签约 or later."""
    result = service.chain_gaps(store, records, id)
    return _answer(response, result, [result], result.chain.name, id, format)


@router.get(
    "/gaps/parks/{id}",
    response_model=None,
    responses={**FILES, 200: {**FILES[200], "model": g.ParkGaps}, **problem_responses(404, 422)},
)
def park_gaps(
    response: Response,
    store: StoreDep,
    records: RecordsDep,
    id: ParkId,
    format: FormatQuery = "json",
) -> g.ParkGaps | Response:
    """A park's chains (stated or through a group layout) and their directions, covered in
    the park or open (covers elsewhere in the city listed apart)."""
    result = service.park_gaps(store, records, id)
    return _answer(response, result, result.chains, result.park.name, id, format)


def _answer(
    response: Response, result: G, chains: list[g.ChainGap], name: str, id: str, format: Format
) -> G | Response:
    """Return a gap view as JSON (with the records version), or its 补链清单 as a file."""
    if format != "json":
        return service.gap_file(chains, f"补链清单-{name}", f"gaps-{id}", format)
    response.headers[VERSION_HEADER] = str(result.records_version)
    return result
