"""The gap pages (补链视图, HTML): every chain's counts, one chain, one park."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import NotFoundError, problem_responses
from chainkg.api.routers.maps import HTML, IdPath, LangQuery
from chainkg.records.gaps import UnknownNode
from chainkg.viz.gaps import render_chain_gaps, render_gap_index, render_park_gaps
from chainkg.viz.maps import Links

router = APIRouter(tags=["maps"], default_response_class=HTMLResponse, dependencies=[GRAPH])
LINKS = Links(static=False)


@router.get("/gaps", responses={200: HTML, **problem_responses()})
def gap_index_page(store: StoreDep, records: RecordsDep, lang: LangQuery = "zh") -> HTMLResponse:
    """补链视图: every chain's focus directions counted, covered and open."""
    return HTMLResponse(render_gap_index(store, records, LINKS, lang=lang))


@router.get("/gaps/chains/{id}", responses={200: HTML, **problem_responses(404)})
def chain_gap_page(
    store: StoreDep, records: RecordsDep, id: IdPath, lang: LangQuery = "zh"
) -> HTMLResponse:
    """A chain's focus directions, covered or open (open first), with what covers each."""
    try:
        return HTMLResponse(render_chain_gaps(store, records, id, LINKS, lang=lang))
    except UnknownNode:
        raise NotFoundError("chain", id) from None


@router.get("/gaps/parks/{id}", responses={200: HTML, **problem_responses(404)})
def park_gap_page(
    store: StoreDep, records: RecordsDep, id: IdPath, lang: LangQuery = "zh"
) -> HTMLResponse:
    """A park's chains and their directions, covered in the park or open."""
    try:
        return HTMLResponse(render_park_gaps(store, records, id, LINKS, lang=lang))
    except UnknownNode:
        raise NotFoundError("park", id) from None
