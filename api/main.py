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

from chainkg.api.errors import install_problem_handlers, problem_openapi
from chainkg.api.routers import (
    actions,
    ask,
    chains,
    entities,
    graph,
    groups,
    health,
    lists,
    maps,
    parks,
    plan,
    recommend,
    search,
)
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.graph_loader.store import GraphStore, open_store

API_PREFIX = "/api/v1"
ROUTERS = (
    chains.router,
    parks.router,
    groups.router,
    entities.router,
    actions.router,
    plan.router,
    search.router,
    ask.router,
    recommend.router,
    lists.router,
    graph.router,
    health.router,
)
log = logging.getLogger("api")

DESCRIPTION = """\
The Taizhou key industrial-chain plan (泰州市重点产业链培育提升行动方案) as a knowledge graph:
chains, parks, groups, enterprises, technologies, actions, departments and goals, every link
with the section of the plan it comes from and a verbatim quote.

Errors are RFC 9457 problem responses (`application/problem+json`).
"""


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    """Return the API app on ``store`` (kept open), or on the store of the settings.

    A store passed in belongs to the caller; a store opened from the settings is opened by
    the lifespan and closed when the app shuts down.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        opened = open_store(settings or get_settings())
        log.info("graph store: %s", opened.backend)
        app.state.store = opened
        try:
            yield
        finally:
            app.state.store = None
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
    install_problem_handlers(app)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(maps.router)  # HTML: the front page and the maps (viz/)

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
