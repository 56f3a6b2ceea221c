"""The FastAPI app: ``create_app()`` wires the store, the routers and the problem handlers.

Run it with ``chainkg serve`` or ``uvicorn chainkg.api.main:create_app --factory``.  The store is
the embedded networkx graph of the seed, or Neo4j when ``NEO4J_URI`` is set; it is opened
by the lifespan and closed when the app stops.  Tests pass a store to ``create_app``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline

from chainkg.api.auth import ReadAccess, no_store_when_authenticated
from chainkg.api.errors import install_problem_handlers, problem_openapi
from chainkg.api.routers import (
    actions,
    audit,
    chains,
    entities,
    graph,
    groups,
    health,
    maps,
    pages,
    parks,
    plan,
    progress,
    search,
)
from chainkg.api.routers.records import records_router
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.graph_loader.store import GraphStore, open_store
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.store import RecordsStore, open_records

API_PREFIX = "/api/v1"
ROUTERS = (
    chains.router,
    parks.router,
    groups.router,
    entities.router,
    actions.router,
    plan.router,
    search.router,
    graph.router,
    records_router(ACTUALS, ACTUAL_SHEETS),
    progress.router,
    audit.router,
)
"""The routers under /api/v1; each is open to read unless CHAINKG_REQUIRE_KEY_FOR_READ=1."""
OPEN_ROUTERS = (health.router,)
"""Always open (container health checks)."""
log = logging.getLogger("api")

DESCRIPTION = """\
The Taizhou key industrial-chain plan (泰州市重点产业链培育提升行动方案) as a knowledge graph:
chains, parks, groups, enterprises, technologies, actions, departments and goals, every link
with the section of the plan it comes from and a verbatim quote.

Errors are RFC 9457 problem responses (`application/problem+json`).
"""


def create_app(
    store: GraphStore | None = None,
    settings: Settings | None = None,
    records: RecordsStore | None = None,
) -> FastAPI:
    """Return the API app on ``store`` (kept open), or on the store of the settings.

    A store passed in belongs to the caller; a store opened from the settings is opened by
    the lifespan and closed when the app shuts down. The records store goes with the graph
    store (:func:`~chainkg.records.store.open_records`) unless one is passed in.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        opened = open_store(settings or get_settings())
        log.info("graph store: %s", opened.backend)
        app.state.store = opened
        app.state.records = records or open_records(settings or get_settings(), opened)
        try:
            yield
        finally:
            app.state.store = None
            if records is None:
                app.state.records.close()
            app.state.records = None
            opened.close()

    app = FastAPIOffline(  # /docs from the package's Swagger UI: no CDN
        redoc_url=None,  # ReDoc's bundle fetches its logo from cdn.redoc.ly
        title="chainkg",
        version="1.0.0",
        summary="Knowledge graph of the Taizhou key industrial chains plan",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.records = records
    if store is not None and records is None:
        app.state.records = open_records(settings or get_settings(), store)
    install_problem_handlers(app)
    app.middleware("http")(no_store_when_authenticated)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=[ReadAccess])
    for router in OPEN_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    # HTML: the front page and the maps (viz/), the progress page
    app.include_router(maps.router, dependencies=[ReadAccess])
    app.include_router(pages.router, dependencies=[ReadAccess])

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = problem_openapi(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


app = create_app()
"""The app on the settings' store, for ``uvicorn chainkg.api.main:app``."""
