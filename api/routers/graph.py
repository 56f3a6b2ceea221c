"""The graph for viewers and tools: neighborhoods, shortest paths and exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from chainkg.api import export as export_service
from chainkg.api import schemas, services
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.params import MAX_ID
from chainkg.graph_loader.derived import RELATIONSHIP_TYPES

router = APIRouter(tags=["graph"], dependencies=[GRAPH])


@router.get(
    "/graph/neighborhood",
    response_model=schemas.Neighborhood,
    responses=problem_responses(404, 422),
)
def neighborhood(
    store: StoreDep,
    id: Annotated[
        str,
        Query(
            min_length=1, max_length=MAX_ID, description="The centre node.", examples=["chain.pv"]
        ),
    ],
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the centre.")] = 1,
    types: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Comma-separated relationship types to follow (all when empty): "
            + ", ".join(RELATIONSHIP_TYPES),
            examples=["CARRIES,IN_GROUP"],
        ),
    ] = None,
) -> schemas.Neighborhood:
    """The nodes within `depth` hops of `id` and the edges among them, as JSON for a viewer."""
    return services.neighborhood(store, id, depth, types)


@router.get("/graph/path", response_model=schemas.PathOut, responses=problem_responses(404, 422))
def path(
    store: StoreDep,
    from_: Annotated[
        str, Query(alias="from", min_length=1, max_length=MAX_ID, examples=["park.taixing_edz"])
    ],
    to: Annotated[str, Query(min_length=1, max_length=MAX_ID, examples=["dept.miit"])],
) -> schemas.PathOut:
    """The shortest path between two nodes, ignoring direction, with every edge's evidence.

    Among equally short paths the one with the smallest node ids, then edge keys, is chosen.
    """
    return services.shortest_path(store, from_, to)


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "description": "The whole graph as a file.",
            "model": schemas.Subgraph,
            "content": {
                "application/graphml+xml": {"schema": {"type": "string"}},
                "application/zip": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **problem_responses(422),
    },
)
def export(
    store: StoreDep,
    format: Annotated[
        export_service.Format,
        Query(
            description="graphml (Gephi), json (nodes and edges) "
            "or csv (a zip of nodes.csv and edges.csv)."
        ),
    ] = "json",
) -> Response:
    """The whole graph for Gephi, Excel and other tools."""
    content, media_type, name = export_service.export(store, format)
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
