"""One store interface, one module per backend: embedded networkx (default) and Neo4j.

:func:`open_store` picks the backend from the settings: Neo4j when ``NEO4J_URI`` is set,
else the embedded graph of the seed.
"""

from __future__ import annotations

from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store.base import GraphStore, Health
from chainkg.graph_loader.store.neo4j_backend import Neo4jStore, make_driver
from chainkg.graph_loader.store.networkx_backend import EmbeddedStore

__all__ = ["EmbeddedStore", "GraphStore", "Health", "Neo4jStore", "make_driver", "open_store"]


def open_store(settings: Settings) -> GraphStore:
    """Return the store the settings ask for: Neo4j when ``NEO4J_URI`` is set, else embedded.

    No connection is made here: the Neo4j driver connects on first use and reconnects by
    itself, so a server that is down at start-up (or later) only makes requests answer 503
    until it is back.
    """
    if settings.neo4j_uri:
        driver = make_driver(settings)
        return Neo4jStore(driver, settings.neo4j_uri, settings.neo4j_database)
    return EmbeddedStore.from_seed(settings.seed_dir)
