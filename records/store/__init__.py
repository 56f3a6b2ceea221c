"""One records-store interface, one module per backend: SQLite (beside the embedded graph)
and Neo4j (in the graph's database, under labels of its own).

:func:`open_records` picks the backend the way :func:`~chainkg.graph_loader.store.open_store`
does: Neo4j when the graph is in Neo4j, else a SQLite file under ``CHAINKG_DATA_DIR``.
"""

from __future__ import annotations

from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import GraphStore, Neo4jStore, make_driver
from chainkg.records.store.base import KeyExists, Put, RecordsStore, UnknownKey
from chainkg.records.store.neo4j_backend import Neo4jRecords
from chainkg.records.store.sqlite_backend import FILE_NAME, SqliteRecords

__all__ = [
    "KeyExists",
    "Neo4jRecords",
    "Put",
    "RecordsStore",
    "SqliteRecords",
    "UnknownKey",
    "open_records",
]


def open_records(settings: Settings, graph: GraphStore | None = None) -> RecordsStore:
    """Return the records store that goes with ``graph`` (or with the settings' store).

    A Neo4j graph keeps its records in the same database (sharing the driver); otherwise they
    are in ``<CHAINKG_DATA_DIR>/records.sqlite3``.
    """
    if isinstance(graph, Neo4jStore):
        return Neo4jRecords(graph.driver, graph.uri, graph.database)
    if graph is None and settings.neo4j_uri:
        driver = make_driver(settings)
        return Neo4jRecords(driver, settings.neo4j_uri, settings.neo4j_database, owns_driver=True)
    return SqliteRecords(settings.data_dir / FILE_NAME)
