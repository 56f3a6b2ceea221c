"""The progress page (HTML, charts drawn on the server as SVG; no request leaves it)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.routers.maps import HTML, LangQuery
from chainkg.viz.maps import Links
from chainkg.viz.progress import render_progress

router = APIRouter(tags=["maps"], default_response_class=HTMLResponse, dependencies=[GRAPH])


@router.get("/progress", responses={200: HTML, **problem_responses()})
def progress_page(store: StoreDep, records: RecordsDep, lang: LangQuery = "zh") -> HTMLResponse:
    """进展与预警: each chain's actuals against its path, the groups, targets, departments,
    indicators, and everything behind."""
    return HTMLResponse(render_progress(store, records, Links(static=False), lang=lang))
