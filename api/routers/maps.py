"""HTML pages: the front page and the interactive maps (fully offline, vis-network inlined).

Mounted without a prefix (``app.include_router(maps.router)``): ``GET /`` and one route per
kind of map in :data:`chainkg.viz.maps.MAPS` (``/maps/overview``, ``/maps/graph``,
``/maps/chains/{id}`` …).  An unknown id answers the usual 404 problem
(``application/problem+json``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import NotFoundError, problem_responses
from chainkg.viz.maps import MAPS, MapKindInfo, MapNotFound, render_map
from chainkg.viz.site import render_index
from chainkg.viz.text import Lang

router = APIRouter(tags=["maps"], default_response_class=HTMLResponse, dependencies=[GRAPH])

LangQuery = Annotated[
    Lang, Query(description="Label language the page opens in (a button switches it).")
]
IdPath = Annotated[str, Path(description="The node id, e.g. `chain.pv`.", max_length=200)]
HTML = {"content": {"text/html": {}}, "description": "A self-contained HTML page"}


@router.get("/", responses={200: HTML, **problem_responses()})
def index(store: StoreDep, lang: LangQuery = "zh") -> HTMLResponse:
    """The front page: search, the chains by group with their targets, parks, departments."""
    return HTMLResponse(render_index(store, lang=lang))


def _page(
    store: StoreDep, records: RecordsDep, info: MapKindInfo, id: str | None, lang: Lang
) -> HTMLResponse:
    try:
        html = render_map(store, info.kind, id, lang=lang, records=records)
    except MapNotFound as exc:
        raise NotFoundError(exc.kind, str(exc.id)) from None
    return HTMLResponse(html)


def _endpoint(info: MapKindInfo) -> Callable[..., HTMLResponse]:
    """Return the route function of one kind of map."""
    if info.per_node:

        def per_node(
            store: StoreDep, records: RecordsDep, id: IdPath, lang: LangQuery = "zh"
        ) -> HTMLResponse:
            return _page(store, records, info, id, lang)

        return per_node

    def single(store: StoreDep, records: RecordsDep, lang: LangQuery = "zh") -> HTMLResponse:
        return _page(store, records, info, None, lang)

    return single


for _info in MAPS.values():
    router.add_api_route(
        "/" + _info.path("{id}"),
        _endpoint(_info),
        methods=["GET"],
        name=_info.route_name,
        description=_info.about,
        responses={200: HTML, **problem_responses(*([404] if _info.per_node else []))},
    )
