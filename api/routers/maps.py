"""HTML pages: the front page and the interactive maps (fully offline, vis-network inlined).

Mounted without a prefix (``app.include_router(maps.router)``): ``GET /``,
``/maps/overview``, ``/maps/graph`` and ``/maps/{chains,parks,groups,departments}/{id}``.
An unknown id answers the usual 404 problem (``application/problem+json``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.errors import NotFoundError, problem_responses
from viz.maps import MapKind, MapNotFound, render_map
from viz.site import render_index
from viz.text import Lang

router = APIRouter(tags=["maps"], default_response_class=HTMLResponse)

LangQuery = Annotated[
    Lang, Query(description="Label language the page opens in (a button switches it).")
]
IdPath = Annotated[str, Path(description="The node id, e.g. `chain.pv`.", max_length=200)]
HTML = {"content": {"text/html": {}}, "description": "A self-contained HTML page"}


def _page(store: StoreDep, kind: MapKind, id: str | None, lang: Lang) -> HTMLResponse:
    try:
        html = render_map(store, kind, id, lang=lang)
    except MapNotFound as exc:
        raise NotFoundError(exc.kind, str(exc.id)) from None
    return HTMLResponse(html)


@router.get("/", responses={200: HTML, **problem_responses()})
def index(store: StoreDep) -> HTMLResponse:
    """The front page: search, the chains by group with their targets, parks, departments."""
    return HTMLResponse(render_index(store))


@router.get("/maps/overview", responses={200: HTML, **problem_responses()})
def overview(store: StoreDep, lang: LangQuery = "zh") -> HTMLResponse:
    """大海新晨 → tiers → groups → the 30 chains, sized by their 2027 target."""
    return _page(store, "overview", None, lang)


@router.get("/maps/graph", responses={200: HTML, **problem_responses()})
def whole_graph(store: StoreDep, lang: LangQuery = "zh") -> HTMLResponse:
    """Every node and relationship, placed in Python (no physics in the browser)."""
    return _page(store, "graph", None, lang)


@router.get("/maps/chains/{id}", responses={200: HTML, **problem_responses(404)})
def chain_map(store: StoreDep, id: IdPath, lang: LangQuery = "zh") -> HTMLResponse:
    """A chain's map: group, parks with role, enterprises, projects, technologies,
    related chains, platforms, the actions (through the plan) and their departments."""
    return _page(store, "chain", id, lang)


@router.get("/maps/parks/{id}", responses={200: HTML, **problem_responses(404)})
def park_map(store: StoreDep, id: IdPath, lang: LangQuery = "zh") -> HTMLResponse:
    """A park's map: the chains and groups it carries, with role."""
    return _page(store, "park", id, lang)


@router.get("/maps/groups/{id}", responses={200: HTML, **problem_responses(404)})
def group_map(store: StoreDep, id: IdPath, lang: LangQuery = "zh") -> HTMLResponse:
    """A group's map: tier, sub-groups, goals, chains, parks, platforms, technologies."""
    return _page(store, "group", id, lang)


@router.get("/maps/departments/{id}", responses={200: HTML, **problem_responses(404)})
def department_map(store: StoreDep, id: IdPath, lang: LangQuery = "zh") -> HTMLResponse:
    """A department's map: its actions and safeguards, their measures and targets."""
    return _page(store, "department", id, lang)
