"""The Neo4j store: the official driver (passed in), the server check, and errors in one line.

Queries are the catalog's Cypher, run read-only (``routing_="r"``) with parameters only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from chainkg.graph_loader.catalog import Query, Row, load_cypher
from chainkg.graph_loader.errors import Neo4jConfigError, StoreUnavailable
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store.base import GraphStore

VERSION_CYPHER = load_cypher("graph_version")
MIN_VERSION = (5, 26)
"""Dynamic labels and relationship types (``$(...)``) need Neo4j 5.26 or later."""


def make_driver(settings: Settings) -> Driver:
    """Return a driver for the settings' URI (no connection is made yet)."""
    if not settings.neo4j_uri:
        raise Neo4jConfigError("NEO4J_URI is not set")
    try:
        return GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=settings.neo4j_timeout,
            connection_acquisition_timeout=settings.neo4j_timeout,
            max_transaction_retry_time=settings.neo4j_timeout,
        )
    except (ValueError, ConfigurationError) as exc:
        raise Neo4jConfigError(f"invalid NEO4J_URI {settings.neo4j_uri!r}: {exc}") from None


def describe(exc: Exception, uri: str, database: str) -> str:
    """Return one line that says what went wrong talking to Neo4j."""
    where = f"Neo4j at {uri}"
    if isinstance(exc, AuthError):
        return f"{where} rejected the credentials (check NEO4J_USER and NEO4J_PASSWORD)"
    if isinstance(exc, ServiceUnavailable | SessionExpired | OSError):
        reason = re.search(r"reason \[Errno \d+\] ([^)]+)", str(exc))
        detail = reason.group(1) if reason else " ".join(str(exc).split())
        return f"cannot reach {where}: {detail}"
    if isinstance(exc, Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return f"{where} has no database named {database!r} (check NEO4J_DATABASE)"
    return f"{where}: {exc}"


@contextmanager
def translate_errors(uri: str, database: str) -> Iterator[None]:
    """Turn driver errors into :class:`StoreUnavailable` or :class:`Neo4jConfigError`."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
        raise StoreUnavailable(describe(exc, uri, database)) from None
    except ClientError as exc:
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreUnavailable(describe(exc, uri, database)) from None
        raise
    except DriverError as exc:
        raise StoreUnavailable(describe(exc, uri, database)) from None


@retry(
    retry=retry_if_exception_type(ServiceUnavailable),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.1, max=1),
    reraise=True,
)
def _server_version(driver: Driver, database: str) -> str:
    with driver.session(database=database) as session:
        record = session.run(
            "CALL dbms.components() YIELD name, versions RETURN versions[0] AS version"
        ).single(strict=True)
    return str(record["version"])


def supported(version: str) -> bool:
    """Return True when a server version is 5.26 or later (CalVer 2025.x included).

    >>> supported("5.26.30"), supported("5.20.0"), supported("4.4.12"), supported("2025.10.1")
    (True, False, False, True)
    """
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:2])
    return parts >= MIN_VERSION


def check_server(driver: Driver, uri: str, database: str) -> str:
    """Return the server version, or raise with one clear line.

    Raises :class:`StoreUnavailable` when unreachable and :class:`Neo4jConfigError` for wrong
    credentials, an unknown database or a server older than 5.26.
    """
    try:
        version = _server_version(driver, database)
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise StoreUnavailable(describe(exc, uri, database)) from None
    except (AuthError, ClientError) as exc:
        raise Neo4jConfigError(describe(exc, uri, database)) from None
    if not supported(version):
        raise Neo4jConfigError(
            f"Neo4j {version} is not supported: chainkg needs 5.26 or later (5.26 LTS)"
        )
    return version


class Neo4jStore(GraphStore):
    """A Neo4j database reached through the official driver (passed in, never global)."""

    backend = "neo4j"

    def __init__(self, driver: Driver, uri: str, database: str) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        with translate_errors(self.uri, self.database):
            records, _, _ = self.driver.execute_query(
                query.cypher, params, database_=self.database, routing_="r"
            )
        return [record.data() for record in records]

    def version(self) -> str | None:
        """Return the version stamp the last ``chainkg load`` committed (None: unstamped)."""
        with translate_errors(self.uri, self.database):
            records, _, _ = self.driver.execute_query(
                VERSION_CYPHER, database_=self.database, routing_="r"
            )
        value = records[0]["version"] if records else None
        return None if value is None else str(value)

    def close(self) -> None:
        self.driver.close()
