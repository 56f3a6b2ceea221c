"""The records store in a Neo4j database, beside (never inside) the plan graph.

Records, audit entries and keys are nodes of their own labels (``Record``, ``AuditEntry``,
``ApiKey``, ``RecordsMeta``), none of them ``Entity``: the loader reads, diffs and deletes
only ``:Entity`` nodes, so a plan reload never touches them. Records hold their subject's id
as a property, not a relationship, so the plan graph is not changed by a write either.

A write transaction first takes the records lock (a write on the one ``RecordsMeta`` node),
so concurrent writers run one after the other; the version is that node's counter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, Transaction

from chainkg.graph_loader.catalog import load_cypher
from chainkg.graph_loader.neo4j_loader import schema_statements
from chainkg.graph_loader.store.neo4j_backend import translate_errors
from chainkg.records.model import ApiKey, AuditEntry, StoredRecord
from chainkg.records.store.base import RecordsStore


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record(props: dict[str, Any]) -> StoredRecord:
    props = {k: v for k, v in props.items() if k != "uid"}
    return StoredRecord(**{**props, "fields": json.loads(props["fields"])})


def _entry(props: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=props["id"],
        time=props["at"],
        key_name=props["actor"],
        action=props["action"],
        origin=props.get("origin"),
        records=json.loads(props["changes"]),
    )


class _Tx:
    """The :class:`~chainkg.records.store.base.Writer` of one explicit Neo4j transaction."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, kind: str, keys: list[str]) -> dict[str, StoredRecord]:
        result = self.tx.run(load_cypher("records_get"), kind=kind, keys=keys)
        records = [_record(r["record"]) for r in result]
        return {r.key: r for r in records}

    def add_audit(self, entry: AuditEntry) -> int:
        props = {
            "at": entry.time,
            "actor": entry.key_name,
            "action": entry.action,
            "origin": entry.origin,
            "kinds": sorted({c.kind for c in entry.records}),
            "changes": _dumps([c.model_dump() for c in entry.records]),
        }
        record = self.tx.run(load_cypher("records_audit_add"), entry=props).single(strict=True)
        return int(record["id"])

    def put(self, records: list[StoredRecord]) -> None:
        rows = [
            {**r.model_dump(), "uid": f"{r.kind}|{r.key}", "fields": _dumps(r.fields)}
            for r in records
        ]
        for i in range(0, len(rows), 1000):
            self.tx.run(load_cypher("records_put"), rows=rows[i : i + 1000]).consume()

    def delete(self, kind: str, keys: list[str]) -> None:
        self.tx.run(load_cypher("records_delete"), kind=kind, keys=keys).consume()

    def version(self) -> int:
        record = self.tx.run(load_cypher("records_version")).single(strict=True)
        return int(record["version"])

    def key(self, name: str) -> ApiKey | None:
        rows = list(self.tx.run(load_cypher("records_keys"), name=name, digest=None))
        return ApiKey(**rows[0]["key"]) if rows else None

    def put_key(self, key: ApiKey) -> None:
        props = {k: v for k, v in key.model_dump().items() if v is not None}
        self.tx.run(load_cypher("records_key_put"), key=props).consume()


class Neo4jRecords(RecordsStore):
    """Records, keys and the audit in a Neo4j database (the driver is passed in)."""

    backend = "neo4j"

    def __init__(
        self, driver: Driver, uri: str, database: str, *, owns_driver: bool = False
    ) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database
        self.owns_driver = owns_driver
        """True when the store opened the driver itself (and closes it)."""
        self._schema_ready = False

    def close(self) -> None:
        if self.owns_driver:
            self.driver.close()

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        for statement in schema_statements("records_schema"):
            self.driver.execute_query(statement, database_=self.database)
        self._schema_ready = True

    def _read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        with translate_errors(self.uri, self.database):  # reads need no schema (a dry run)
            records, _, _ = self.driver.execute_query(
                load_cypher(query), params, database_=self.database, routing_="r"
            )
        return [r.data() for r in records]

    @contextmanager
    def _writer(self) -> Iterator[_Tx]:
        with translate_errors(self.uri, self.database):
            self._ensure_schema()
            with (
                self.driver.session(database=self.database) as session,
                session.begin_transaction() as tx,
            ):
                tx.run(load_cypher("records_lock")).consume()
                yield _Tx(tx)
                tx.run(load_cypher("records_unlock")).consume()
                tx.commit()

    def records(self, kind: str | None = None, subject: str | None = None) -> list[StoredRecord]:
        rows = self._read("records_list", kind=kind, subject=subject)
        return [_record(r["record"]) for r in rows]

    def audit(
        self, limit: int = 50, offset: int = 0, kind: str | None = None
    ) -> tuple[int, list[AuditEntry]]:
        total = int(self._read("records_audit_count", kind=kind)[0]["total"])
        rows = self._read("records_audit_page", kind=kind, limit=limit, offset=offset)
        return total, [_entry(r["entry"]) for r in rows]

    def version(self) -> int:
        return int(self._read("records_version")[0]["version"])

    def _audit_changes(self, kind: str, subject: str | None) -> list[tuple[int, str, str, str]]:
        rows = self._read("records_audit_changes", kind=kind)
        return [(r["id"], r["at"], r["actor"], r["changes"]) for r in rows]

    def list_keys(self) -> list[ApiKey]:
        return [ApiKey(**r["key"]) for r in self._read("records_keys", name=None, digest=None)]

    def key_by_digest(self, digest: str) -> ApiKey | None:
        rows = self._read("records_keys", name=None, digest=digest)
        return ApiKey(**rows[0]["key"]) if rows else None
