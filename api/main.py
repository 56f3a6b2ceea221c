"""The FastAPI app: ``create_app()`` wires the stores, the routers and the problem handlers.

Run it with ``chainkg serve`` or ``uvicorn chainkg.api.main:create_app --factory``.  The store is
the embedded networkx graph of the seed, or Neo4j when ``NEO4J_URI`` is set; it is opened
by the lifespan and closed when the app stops.  The staff records (actuals, keys, audit) go
with it: SQLite under ``CHAINKG_DATA_DIR`` beside the embedded store, the same database
beside Neo4j.  Tests pass a store (and a records store) to ``create_app``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import uvicorn.config
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from chainkg.api.auth import ReadAccess, no_store_when_authenticated
from chainkg.api.caching import ResponseCache
from chainkg.api.errors import PAGE, install_problem_handlers, problem_openapi
from chainkg.api.middleware import Envelope, HttpCache
from chainkg.api.routers import (
    actions,
    ask,
    assets,
    audit,
    chains,
    entities,
    gap_pages,
    graph,
    groups,
    health,
    lists,
    maps,
    mechanism,
    pages,
    parks,
    plan,
    progress,
    recommend,
    search,
)
from chainkg.api.routers.records import records_router
from chainkg.api.security import MAX_REQUEST_HEAD_BYTES
from chainkg.graph_loader.cache import CachedStore
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.graph_loader.store import GraphStore, open_store
from chainkg.graph_loader.version import VersionTracker
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.assignments import ASSIGNMENT_SHEETS, ASSIGNMENTS
from chainkg.records.candidates import CANDIDATE_SHEETS, CANDIDATES
from chainkg.records.chokepoints import CHOKEPOINT_SHEETS, CHOKEPOINTS
from chainkg.records.store import RecordsStore, open_records

API_PREFIX = "/api/v1"
SERVER_OPTIONS: dict[str, Any] = {
    "http": "h11",
    "server_header": False,
    "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES,
}
"""How uvicorn serves the app (``chainkg serve``, the tests, the benchmark): h11 (also if
httptools is installed), no ``Server`` header, and request heads up to 1 MiB are read, so
that a long URL gets our 414."""
LOG_CONFIG: dict[str, Any] = {
    **uvicorn.config.LOGGING_CONFIG,
    "loggers": {
        **uvicorn.config.LOGGING_CONFIG["loggers"],
        "api": {"handlers": ["default"], "level": "INFO"},
    },
}
"""uvicorn's logging, with the app's own ``api`` logger printed the same way
(``WARNING:  cannot reach Neo4j at …``); ``chainkg serve`` uses it."""
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
    records_router(ACTUALS, ACTUAL_SHEETS),
    records_router(ASSIGNMENTS, ASSIGNMENT_SHEETS),
    records_router(CANDIDATES, CANDIDATE_SHEETS),
    records_router(CHOKEPOINTS, CHOKEPOINT_SHEETS),
    mechanism.router,
    progress.router,
    audit.router,
)
"""The routers under /api/v1; each is open to read unless CHAINKG_REQUIRE_KEY_FOR_READ=1."""
OPEN_ROUTERS = (health.router,)
"""Always open (container health checks)."""
RECORDS = "records"
"""The name of the staff records' source in the version tracker."""
log = logging.getLogger("api")

DESCRIPTION = """\
The Taizhou key industrial-chain plan (泰州市重点产业链培育提升行动方案) as a knowledge graph:
chains, parks, groups, enterprises, technologies, actions, departments and goals, every link
with the section of the plan it comes from and a verbatim quote; and the records staff write
against it (yearly actuals; the 挂钩 assignments, 招商 candidate lists and 卡脖子 lists of the
working mechanism, and the gaps they leave), authenticated and audited.

Errors are RFC 9457 problem responses (`application/problem+json`).
"""


def check_at_start(store: GraphStore) -> None:
    """Log a clear warning when the store does not answer, or holds no graph, at start.

    The app starts anyway: the driver reconnects by itself, so once Neo4j answers the same
    process serves again (until then the API answers 503 problems and the pages an error
    page).
    """
    health = store.health()
    if not health.reachable:
        log.warning(
            "%s. The server starts anyway: the API answers 503 and the pages an error page "
            "until the database answers (no restart needed then).",
            health.detail,
        )
    elif not sum(health.labels.values()):
        log.warning("the %s store holds no graph: load the seed with `chainkg load`", store.backend)


def _track(versions: VersionTracker, records: RecordsStore) -> RecordsStore:
    """Return ``records``, with its version joined to the served data's (ETags, caches)."""
    versions.add_source(RECORDS, lambda: str(records.version()))
    return records


def create_app(
    store: GraphStore | None = None,
    settings: Settings | None = None,
    records: RecordsStore | None = None,
) -> FastAPI:
    """Return the API app on ``store`` (kept open), or on the store of the settings.

    A store passed in belongs to the caller; a store opened from the settings is opened by
    the lifespan and closed when the app shuts down.  Either is wrapped in a
    :class:`~chainkg.graph_loader.cache.CachedStore` whose version tracker is
    ``app.state.versions``; the records store (:func:`~chainkg.records.store.open_records`,
    unless one is passed in) joins the tracker, so a write changes every ETag at once.
    """
    config = settings or get_settings()
    versions = VersionTracker(config.version_check_seconds)

    def cached(inner: GraphStore) -> CachedStore:
        return CachedStore(inner, versions)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        opened = open_store(config)
        log.info("graph store: %s", opened.backend)
        await anyio.to_thread.run_sync(check_at_start, opened)
        app.state.store = cached(opened)
        app.state.records = _track(versions, records or open_records(config, opened))
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
    app.state.store = None if store is None else cached(store)
    app.state.settings = settings
    app.state.records = records
    if store is not None:
        app.state.records = _track(versions, records or open_records(config, store))
    app.state.versions = versions
    install_problem_handlers(app)
    app.middleware("http")(no_store_when_authenticated)
    responses = ResponseCache(config.cache_mb * 1024 * 1024) if config.cache_mb else None
    app.state.responses = responses
    build_stack = app.build_middleware_stack

    def middleware_stack() -> ASGIApp:
        # Outside Starlette's error middleware, so that a 500 is wrapped too.
        inner: ASGIApp = HttpCache(build_stack(), versions, responses)
        if config.cors_origins:
            inner = CORSMiddleware(
                inner,
                allow_origins=config.cors_origins,
                allow_methods=["*"],
                allow_headers=["Authorization", "Content-Type", "If-None-Match", "X-API-Key"],
                expose_headers=["ETag"],
                max_age=600,
            )
        return Envelope(inner, config.trusted_hosts)

    app.build_middleware_stack = middleware_stack  # type: ignore[method-assign]
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=[ReadAccess])
    for router in OPEN_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    # HTML: the front page and the maps (viz/), the progress page
    app.include_router(maps.router, dependencies=[PAGE, ReadAccess])
    app.include_router(pages.router, dependencies=[PAGE, ReadAccess])
    app.include_router(assets.router)  # the pages' scripts and styles: code, open to all
    app.include_router(gap_pages.router, dependencies=[PAGE, ReadAccess])

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


def __getattr__(name: str) -> Any:
    """Return ``app``, the app on the settings' store, for ``uvicorn chainkg.api.main:app``.

    Built on first use, not on import, so that importing the module (the CLI does) reads
    no settings.
    """
    if name == "app":
        return create_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
