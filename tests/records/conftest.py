"""Fixtures of the records tests: a fresh records store beside each graph store.

``records`` follows the root ``store`` fixture: SQLite in a temporary directory beside the
embedded store, the session's Neo4j (its records labels wiped first) beside Neo4j; so the
same tests run on both, and the Neo4j half is marked and counted as a Neo4j test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from chainkg.api.main import create_app
from chainkg.graph_loader.store import GraphStore, Neo4jStore
from chainkg.records.keys import new_key
from chainkg.records.model import Role
from chainkg.records.store import Neo4jRecords, RecordsStore, SqliteRecords
from chainkg.records.store.sqlite_backend import FILE_NAME
from tests.api.conftest import TestClient

WIPE = "MATCH (n) WHERE n:Record OR n:AuditEntry OR n:ApiKey OR n:RecordsMeta DETACH DELETE n"


def wipe(records: Neo4jRecords) -> None:
    """Delete every record, audit entry and key of a Neo4j records store (tests only)."""
    records.driver.execute_query(WIPE, database_=records.database)


def records_for(store: GraphStore, data_dir: Path) -> RecordsStore:
    """Return a fresh, empty records store that goes with ``store``."""
    if isinstance(store, Neo4jStore):
        records = Neo4jRecords(store.driver, store.uri, store.database)
        wipe(records)
        return records
    return SqliteRecords(data_dir / FILE_NAME)


@pytest.fixture
def records(store: GraphStore, tmp_path: Path) -> Iterator[RecordsStore]:
    """An empty records store beside each graph store in turn."""
    found = records_for(store, tmp_path)
    yield found
    if isinstance(found, Neo4jRecords):
        wipe(found)


@pytest.fixture
def app(store: GraphStore, records: RecordsStore) -> FastAPI:
    return create_app(store, records=records)


@pytest.fixture
def api(app: FastAPI) -> Iterator[TestClient]:
    """A client of the app on each store, with its own empty records store."""
    with TestClient(app) as client:
        yield client


class Keys:
    """Bearer headers of one key per role (and the keys' names)."""

    def __init__(self, records: RecordsStore) -> None:
        self.headers: dict[str, dict[str, str]] = {}
        for role in ("viewer", "editor", "admin"):
            secret, key = new_key(f"test-{role}", role, "tests")
            records.create_key(key, actor="tests")
            self.headers[role] = {"Authorization": f"Bearer {secret}"}

    def __getitem__(self, role: Role) -> dict[str, str]:
        return self.headers[role]


@pytest.fixture
def keys(records: RecordsStore) -> Keys:
    return Keys(records)
