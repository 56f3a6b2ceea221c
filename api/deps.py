"""Dependencies shared by the routers: the graph store.

``StoreDep`` is what every router asks for; the store is opened by the app's lifespan
(or injected by :func:`api.main.create_app` in tests) and kept in ``app.state``.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from chainkg.graph_loader.store import GraphStore


def get_store(request: Request) -> GraphStore:
    """Return the app's graph store."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise RuntimeError("the graph store is not open: the app's lifespan has not run")
    return cast(GraphStore, store)


StoreDep = Annotated[GraphStore, Depends(get_store)]
