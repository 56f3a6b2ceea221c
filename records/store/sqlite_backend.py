"""The records store beside the embedded graph: one SQLite file (standard library).

Every call opens its own connection (so threads and processes share the file safely);
writes run in ``BEGIN IMMEDIATE`` transactions, which take SQLite's write lock first, so
concurrent writers (two imports at once, two processes) run one after the other and none
is lost. The journal is WAL, so readers never wait for a writer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from chainkg.records.model import ApiKey, AuditEntry, StoredRecord
from chainkg.records.store.base import RecordsStore

FILE_NAME = "records.sqlite3"
BUSY_TIMEOUT_S = 30.0
SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, digest TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL, key TEXT NOT NULL, subject TEXT NOT NULL, fields TEXT NOT NULL,
  note TEXT, source TEXT NOT NULL, written_by TEXT NOT NULL, written_at TEXT NOT NULL,
  audit_id INTEGER NOT NULL, PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS records_subject ON records (subject);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, origin TEXT, kinds TEXT NOT NULL, changes TEXT NOT NULL
);
"""
_RECORD_COLUMNS = "kind, key, subject, fields, note, source, written_by, written_at, audit_id"
_KEY_COLUMNS = "name, role, digest, created_at, created_by, revoked_at"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record(row: sqlite3.Row) -> StoredRecord:
    return StoredRecord(**{**dict(row), "fields": json.loads(row["fields"])})


def _entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        time=row["at"],
        key_name=row["actor"],
        action=row["action"],
        origin=row["origin"],
        records=json.loads(row["changes"]),
    )


def _api_key(row: sqlite3.Row | None) -> ApiKey | None:
    return None if row is None else ApiKey(**dict(row))


class _Tx:
    """The :class:`~chainkg.records.store.base.Writer` of one ``BEGIN IMMEDIATE`` transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, kind: str, keys: list[str]) -> dict[str, StoredRecord]:
        found: dict[str, StoredRecord] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT {_RECORD_COLUMNS} FROM records WHERE kind = ? AND key IN ({marks})",
                [kind, *chunk],
            )
            found |= {row["key"]: _record(row) for row in rows}
        return found

    def add_audit(self, entry: AuditEntry) -> int:
        changes = [c.model_dump() for c in entry.records]
        cursor = self.db.execute(
            "INSERT INTO audit (at, actor, action, origin, kinds, changes) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                entry.time,
                entry.key_name,
                entry.action,
                entry.origin,
                "|" + "|".join(sorted({c.kind for c in entry.records})) + "|",
                _dumps(changes),
            ),
        )
        return int(cursor.lastrowid or 0)

    def put(self, records: list[StoredRecord]) -> None:
        self.db.executemany(
            f"INSERT OR REPLACE INTO records ({_RECORD_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.kind,
                    r.key,
                    r.subject,
                    _dumps(r.fields),
                    r.note,
                    r.source,
                    r.written_by,
                    r.written_at,
                    r.audit_id,
                )
                for r in records
            ],
        )

    def delete(self, kind: str, keys: list[str]) -> None:
        self.db.executemany(
            "DELETE FROM records WHERE kind = ? AND key = ?", [(kind, k) for k in keys]
        )

    def version(self) -> int:
        return _version(self.db)

    def key(self, name: str) -> ApiKey | None:
        row = self.db.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE name = ?", (name,))
        return _api_key(row.fetchone())

    def put_key(self, key: ApiKey) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO api_keys ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            (key.name, key.role, key.digest, key.created_at, key.created_by, key.revoked_at),
        )


def _version(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()
    return int(row[0])


class SqliteRecords(RecordsStore):
    """Records, keys and the audit in one SQLite file (created on first use)."""

    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        if new:
            path.chmod(0o600)  # key digests and the audit: for the server's user only

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db.row_factory = sqlite3.Row
        with closing(db):
            yield db

    @contextmanager
    def _writer(self) -> Iterator[_Tx]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield _Tx(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def records(self, kind: str | None = None, subject: str | None = None) -> list[StoredRecord]:
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {_RECORD_COLUMNS} FROM records WHERE (?1 IS NULL OR kind = ?1) "
                "AND (?2 IS NULL OR subject = ?2) ORDER BY kind, key",
                (kind, subject),
            )
            return [_record(row) for row in rows]

    def audit(
        self, limit: int = 50, offset: int = 0, kind: str | None = None
    ) -> tuple[int, list[AuditEntry]]:
        where = "WHERE (?1 IS NULL OR instr(kinds, '|' || ?1 || '|') > 0)"
        with self._connect() as db:
            total = int(db.execute(f"SELECT count(*) FROM audit {where}", (kind,)).fetchone()[0])
            rows = db.execute(
                "SELECT id, at, actor, action, origin, kinds, changes FROM audit "
                f"{where} ORDER BY id DESC LIMIT ?2 OFFSET ?3",
                (kind, limit, offset),
            )
            return total, [_entry(row) for row in rows]

    def version(self) -> int:
        with self._connect() as db:
            return _version(db)

    def _audit_changes(self, kind: str, subject: str | None) -> list[tuple[int, str, str, str]]:
        # SQLite's JSON functions keep only the subject's changes, unparsed by Python
        with self._connect() as db:
            rows = db.execute(
                "SELECT a.id, a.at, a.actor, json_group_array(json(c.value)) AS changes "
                "FROM audit a, json_each(a.changes) c "
                "WHERE instr(a.kinds, '|' || ?1 || '|') > 0 "
                "AND (?2 IS NULL OR json_extract(c.value, '$.subject') = ?2) "
                "GROUP BY a.id ORDER BY a.id",
                (kind, subject),
            )
            return [(row["id"], row["at"], row["actor"], row["changes"]) for row in rows]

    def list_keys(self) -> list[ApiKey]:
        with self._connect() as db:
            rows = db.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY name")
            return [ApiKey(**dict(row)) for row in rows]

    def key_by_digest(self, digest: str) -> ApiKey | None:
        with self._connect() as db:
            row = db.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE digest = ?", (digest,))
            return _api_key(row.fetchone())
