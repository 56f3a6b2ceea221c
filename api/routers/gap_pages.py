"""The gap pages (补链视图, HTML): every chain's counts, one chain, one park."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import NotFoundError, problem_responses
from chainkg.api.routers.maps import HTML, IdPath, LangQuery
from chainkg.records.gaps import UnknownNode
from chainkg.viz.gaps import render_gap_index, render_node_gaps
from chainkg.viz.maps import Links

router = APIRouter(tags=["maps"], default_response_class=HTMLResponse, dependencies=[GRAPH])
LINKS = Links(static=False)


@router.get("/gaps", responses={200: HTML, **problem_responses()})
def gap_index_page(store: StoreDep, records: RecordsDep, lang: LangQuery = "zh") -> HTMLResponse:
    """补链视图: every chain's focus directions counted, covered and open."""
    return HTMLResponse(render_gap_index(store, records, LINKS, lang=lang))


def _page(kind: Literal["chain", "park"]) -> Callable[..., HTMLResponse]:
    """Return the route of the gap page of a chain or a park."""

    def page(
        store: StoreDep, records: RecordsDep, id: IdPath, lang: LangQuery = "zh"
    ) -> HTMLResponse:
        try:
            return HTMLResponse(render_node_gaps(store, records, kind, id, LINKS, lang=lang))
        except UnknownNode:
            raise NotFoundError(kind, id) from None

    return page


for _kind, _about in (
    ("chain", "A chain's focus directions, covered or open (open first), with what covers each."),
    ("park", "A park's chains and their directions, covered in the park or open."),
):
    router.add_api_route(
        f"/gaps/{_kind}s/{{id}}",
        _page(_kind),  # type: ignore[arg-type]
        methods=["GET"],
        name=f"{_kind}_gap_page",
        description=_about,
        responses={200: HTML, **problem_responses(404)},
    )
