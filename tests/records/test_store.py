"""The records-store contract, on SQLite and on Neo4j: writes, replacements, the audit, the
version, keys, concurrency and persistence."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from chainkg.graph_loader.store import GraphStore, Neo4jStore
from chainkg.records.keys import digest, new_key
from chainkg.records.store import (
    KeyExists,
    Neo4jRecords,
    Put,
    RecordsStore,
    SqliteRecords,
    UnknownKey,
    neo4j_backend,
    sqlite_backend,
)


def put(
    subject: str, year: int, value: float, source: str = "快报", note: str | None = None
) -> Put:
    return Put("actual", f"{subject}|{year}", subject, {"year": year, "value": value}, note, source)


def test_a_write_creates_records_with_who_and_when(records: RecordsStore) -> None:
    assert records.version() == 0
    result = records.apply(
        [put("chain.pv", 2025, 300), put("chain.pv", 2026, 320.5, note="初步")],
        actor="统计局.张三",
        action="actuals.write",
        origin="test",
    )
    assert (result.created, result.replaced, result.unchanged) == (2, 0, 0)
    assert result.audit_id == result.version == records.version() == 1
    stored = records.records("actual")
    assert [(r.key, r.fields, r.note) for r in stored] == [
        ("chain.pv|2025", {"value": 300, "year": 2025}, None),
        ("chain.pv|2026", {"value": 320.5, "year": 2026}, "初步"),
    ]
    assert {r.written_by for r in stored} == {"统计局.张三"}
    assert {r.audit_id for r in stored} == {1}
    assert all(r.written_at.endswith("Z") for r in stored)
    assert isinstance(stored[0].fields["value"], int)  # 300 stays an int


def test_a_replacement_keeps_both_in_the_audit(records: RecordsStore) -> None:
    records.apply([put("chain.pv", 2025, 300)], actor="a", action="actuals.write")
    result = records.apply(
        [put("chain.pv", 2025, 310, source="年报"), put("chain.hydrogen", 2025, 9)],
        actor="b",
        action="actuals.import",
    )
    assert (result.created, result.replaced, result.unchanged) == (1, 1, 0)
    (now,) = records.records("actual", "chain.pv")
    assert now.fields["value"] == 310 and now.source == "年报" and now.written_by == "b"
    total, entries = records.audit()
    assert total == 2 and [e.id for e in entries] == [2, 1]
    change = next(c for c in entries[0].records if c.subject == "chain.pv")
    assert change.before is not None and change.after is not None
    assert change.before["value"] == 300 and change.before["written_by"] == "a"
    assert change.after["value"] == 310 and change.after["written_by"] == "b"
    created = next(c for c in entries[0].records if c.subject == "chain.hydrogen")
    assert created.before is None and created.after is not None


def test_the_same_write_again_changes_nothing(records: RecordsStore) -> None:
    first = records.apply([put("chain.pv", 2025, 300)], actor="a", action="x")
    again = records.apply([put("chain.pv", 2025, 300.0)], actor="b", action="x")
    assert again.audit_id is None and again.unchanged == 1 and again.version == first.version
    assert records.audit()[0] == 1
    assert records.records()[0].written_by == "a"


def test_a_delete_is_audited(records: RecordsStore) -> None:
    records.apply([put("chain.pv", 2025, 300)], actor="a", action="x")
    gone = Put("actual", "chain.pv|2025", "chain.pv", None)
    result = records.apply([gone], actor="a", action="x")
    assert result.deleted == 1 and records.records() == []
    entry = records.audit()[1][0]
    assert entry.records[0].before is not None and entry.records[0].after is None


def test_the_audit_pages_and_filters(records: RecordsStore) -> None:
    for year in (2024, 2025, 2026):
        records.apply([put("chain.pv", year, year - 2000)], actor="a", action="x")
    secret, key = new_key("k1", "viewer", "t")
    records.create_key(key, actor="admin")
    total, page = records.audit(limit=2, offset=1)
    assert total == 4 and [e.id for e in page] == [3, 2]
    assert records.audit(kind="key")[0] == 1
    assert [e.action for e in records.audit(kind="actual")[1]] == ["x"] * 3
    assert secret not in str(records.audit(kind="key")[1])


def test_keys_are_stored_hashed_and_revoked(records: RecordsStore) -> None:
    secret, key = new_key("editor-1", "editor", "cli:t")
    audit_id = records.create_key(key, actor="cli:t")
    assert audit_id == records.version() == 1
    with pytest.raises(KeyExists):
        records.create_key(new_key("editor-1", "admin", "cli:t")[1], actor="cli:t")
    found = records.key_by_digest(digest(secret))
    assert found is not None and found.name == "editor-1" and found.active
    assert records.key_by_digest(digest(secret + "x")) is None
    assert [k.name for k in records.list_keys()] == ["editor-1"]
    listed = records.list_keys()
    assert all(secret not in repr(k) and secret not in k.model_dump_json() for k in listed)
    revoked = records.revoke_key("editor-1", actor="cli:t")
    assert revoked.revoked_at is not None
    assert records.revoke_key("editor-1", actor="cli:t").revoked_at == revoked.revoked_at
    assert records.version() == 2  # the second revoke changed nothing
    found = records.key_by_digest(digest(secret))
    assert found is not None and not found.active
    with pytest.raises(UnknownKey):
        records.revoke_key("nobody", actor="cli:t")


def test_concurrent_writes_lose_nothing(records: RecordsStore) -> None:
    """Eight writers at once, each its own records: all of them land, one audit entry each."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            records.apply(
                [put(f"chain.w{n}", year, n * 10 + year % 10) for year in (2025, 2026)],
                actor=f"w{n}",
                action="x",
            )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(records.records()) == 16
    total, entries = records.audit(limit=100)
    assert total == 8 and sorted(e.id for e in entries) == list(range(1, 9))
    assert records.version() == 8


def test_the_sqlite_file_is_private(tmp_path: Path) -> None:
    store = SqliteRecords(tmp_path / "r" / "records.sqlite3")
    assert store.path.stat().st_mode & 0o077 == 0


def test_records_survive_reopening(
    records: RecordsStore, store: GraphStore, tmp_path: Path
) -> None:
    """A new store object on the same file / database (as after a restart) reads them back."""
    records.apply([put("chain.pv", 2025, 300)], actor="a", action="x")
    if isinstance(records, SqliteRecords):
        again: RecordsStore = SqliteRecords(records.path)
    else:
        assert isinstance(store, Neo4jStore)
        again = Neo4jRecords(store.driver, store.uri, store.database)
    assert [r.key for r in again.records()] == ["chain.pv|2025"]
    assert again.version() == 1 and again.audit()[0] == 1


def test_a_failed_write_leaves_nothing(
    records: RecordsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error inside the write transaction rolls it back: no record, no audit entry."""

    class Boom(Exception):
        pass

    def boom(self: object, rows: object) -> None:
        raise Boom

    monkeypatch.setattr(sqlite_backend._Tx, "put", boom)
    monkeypatch.setattr(neo4j_backend._Tx, "put", boom)
    with pytest.raises(Boom):
        records.apply([put("chain.pv", 2025, 300)], actor="a", action="x")
    assert records.records() == [] and records.version() == 0 and records.audit()[0] == 0
