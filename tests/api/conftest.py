"""Fixtures for the API tests: the app and a client on each store.

``client`` is parametrized through the root ``store`` fixture, so its Neo4j half is marked
(and counted) as a Neo4j test by the root conftest.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

from chainkg.api.main import create_app
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore

with warnings.catch_warnings():
    # starlette's TestClient warns (once, on import) that it is moving from httpx to httpx2
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

__all__ = ["PROBLEM_JSON", "TestClient", "make_client", "settings"]

PROBLEM_JSON = "application/problem+json"
"""RFC 9457's media type, written out: a test compares with this, never with the code's own
constant (which would pass whatever the constant says)."""


def settings(**values: Any) -> Settings:
    """Return the environment's settings with ``values`` (by field name) replaced."""
    return Settings().model_copy(update=values)


def make_client(store: GraphStore, *, raise_server_exceptions: bool = True) -> TestClient:
    """Return a test client of a fresh app on ``store``."""
    return TestClient(create_app(store), raise_server_exceptions=raise_server_exceptions)


@pytest.fixture(scope="session")
def embedded_app(embedded_store: EmbeddedStore) -> FastAPI:
    return create_app(embedded_store)


@pytest.fixture(scope="session")
def embedded_client(embedded_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(embedded_app) as client:
        yield client


@pytest.fixture(scope="session")
def neo4j_client(neo4j_store: Neo4jStore) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_store)) as client:
        yield client


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    """A client of the app on each store in turn."""
    with TestClient(create_app(store)) as test_client:
        yield test_client
