"""The records-store interface: API keys, records of every kind, the audit, one version.

A backend supplies a transaction (:class:`Writer`) that holds the store's write lock; the
rules of a write (what changed, what the audit keeps, the version) are written once here,
in :meth:`RecordsStore.apply`, for both backends.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from chainkg.records.model import ApiKey, AuditEntry, Change, StoredRecord, WriteResult, now


class KeyExists(ValueError):
    """A key of that name exists already (revoked names are not reused: the audit names them)."""


class UnknownKey(LookupError):
    """No key of that name."""


@dataclass(frozen=True)
class Put:
    """One record to write (``fields`` None deletes it)."""

    kind: str
    key: str
    subject: str
    fields: dict[str, Any] | None
    note: str | None = None
    source: str = ""

    def payload(self) -> dict[str, Any] | None:
        if self.fields is None:
            return None
        return {"subject": self.subject, **self.fields, "note": self.note, "source": self.source}


@dataclass(frozen=True)
class AuditedChange:
    """One change the audit keeps (``kind``, ``key``, ``subject``, ``before``, ``after``),
    with the id, time and key name of its entry."""

    audit_id: int
    time: str
    key_name: str
    change: dict[str, Any]


class Writer(Protocol):
    """A backend's write transaction, holding the store's write lock until it ends."""

    def get(self, kind: str, keys: list[str]) -> dict[str, StoredRecord]: ...

    def add_audit(self, entry: AuditEntry) -> int:
        """Store the entry under the next audit id (the entry's own is ignored); return it."""

    def put(self, records: list[StoredRecord]) -> None: ...

    def delete(self, kind: str, keys: list[str]) -> None: ...

    def version(self) -> int: ...

    def key(self, name: str) -> ApiKey | None: ...

    def put_key(self, key: ApiKey) -> None:
        """Create or replace a key."""


def _changes(put: Put, old: StoredRecord | None) -> bool:
    """Return True when writing ``put`` over ``old`` changes what is stored."""
    if put.fields is None:
        return old is not None
    return old is None or old.payload() != put.payload()


class RecordsStore(ABC):
    """Where records, keys and the audit live; one module per backend."""

    backend: ClassVar[str]

    # ------------------------------------------------------------ records

    def apply(
        self, puts: list[Put], *, actor: str, action: str, origin: str | None = None
    ) -> WriteResult:
        """Write ``puts`` all at once, with one audit entry; return what changed.

        A record whose subject, fields, note and source are already stored is left alone
        (``unchanged``); a write that changes nothing writes no audit entry.
        """
        at = now()
        with self._writer() as tx:
            before: dict[tuple[str, str], StoredRecord] = {}
            for kind in sorted({p.kind for p in puts}):
                keys = [p.key for p in puts if p.kind == kind]
                before |= {(kind, k): r for k, r in tx.get(kind, keys).items()}
            todo = [p for p in puts if _changes(p, before.get((p.kind, p.key)))]
            created = sum(1 for p in todo if p.fields is not None and (p.kind, p.key) not in before)
            replaced = sum(1 for p in todo if p.fields is not None and (p.kind, p.key) in before)
            deleted = sum(1 for p in todo if p.fields is None)
            unchanged = len(puts) - len(todo)
            if not todo:
                return WriteResult(
                    audit_id=None,
                    version=tx.version(),
                    created=0,
                    replaced=0,
                    unchanged=unchanged,
                )
            changes = [
                Change(
                    kind=p.kind,
                    key=p.key,
                    subject=p.subject,
                    before=old.flat() if (old := before.get((p.kind, p.key))) else None,
                    after=None
                    if p.fields is None
                    else {**(p.payload() or {}), "written_by": actor, "written_at": at},
                )
                for p in todo
            ]
            audit_id = tx.add_audit(
                AuditEntry(
                    id=0, time=at, key_name=actor, action=action, origin=origin, records=changes
                )
            )
            for kind in sorted({p.kind for p in todo if p.fields is None}):
                tx.delete(kind, [p.key for p in todo if p.kind == kind and p.fields is None])
            tx.put(
                [
                    StoredRecord(
                        kind=p.kind,
                        key=p.key,
                        subject=p.subject,
                        fields=p.fields,
                        note=p.note,
                        source=p.source,
                        written_by=actor,
                        written_at=at,
                        audit_id=audit_id,
                    )
                    for p in todo
                    if p.fields is not None
                ]
            )
        return WriteResult(
            audit_id=audit_id,
            version=audit_id,
            created=created,
            replaced=replaced,
            unchanged=unchanged,
            deleted=deleted,
        )

    @abstractmethod
    def records(self, kind: str | None = None, subject: str | None = None) -> list[StoredRecord]:
        """Return the stored records (of a kind, of a subject), by kind and key."""

    @abstractmethod
    def audit(
        self, limit: int = 50, offset: int = 0, kind: str | None = None
    ) -> tuple[int, list[AuditEntry]]:
        """Return the number of entries (touching ``kind``) and a page of them, newest first."""

    @abstractmethod
    def version(self) -> int:
        """Return the records version: the last audit id (0 before the first write)."""

    def changes(self, kind: str, subject: str | None = None) -> list[AuditedChange]:
        """Return every change the audit keeps of records of ``kind`` (of ``subject``, when
        given), oldest first, with its entry's id, time and key name.

        Read without building every audit entry (a record's history reads many of them).
        """
        found = []
        for id, at, actor, changes in self._audit_changes(kind, subject):
            for change in json.loads(changes):
                if change["kind"] == kind and (subject is None or change["subject"] == subject):
                    found.append(AuditedChange(id, at, actor, change))
        return found

    # ------------------------------------------------------------ keys

    def create_key(self, key: ApiKey, *, actor: str) -> int:
        """Store a new key and audit it; return the audit id. Raises :class:`KeyExists`."""
        with self._writer() as tx:
            if tx.key(key.name) is not None:
                raise KeyExists(key.name)
            tx.put_key(key)
            return tx.add_audit(
                AuditEntry(
                    id=0,
                    time=key.created_at,
                    key_name=actor,
                    action="keys.create",
                    records=[Change(kind="key", key=key.name, after=key.public())],
                )
            )

    def revoke_key(self, name: str, *, actor: str) -> ApiKey:
        """Revoke a key (idempotent) and audit it; return it. Raises :class:`UnknownKey`."""
        with self._writer() as tx:
            key = tx.key(name)
            if key is None:
                raise UnknownKey(name)
            if not key.active:
                return key
            revoked = key.model_copy(update={"revoked_at": now()})
            tx.put_key(revoked)
            tx.add_audit(
                AuditEntry(
                    id=0,
                    time=str(revoked.revoked_at),
                    key_name=actor,
                    action="keys.revoke",
                    records=[
                        Change(kind="key", key=name, before=key.public(), after=revoked.public())
                    ],
                )
            )
            return revoked

    @abstractmethod
    def list_keys(self) -> list[ApiKey]:
        """Return every key (revoked ones too), by name."""

    @abstractmethod
    def key_by_digest(self, digest: str) -> ApiKey | None:
        """Return the key whose secret hashes to ``digest``, revoked or not."""

    def close(self) -> None:  # noqa: B027 - optional for stores without resources
        """Release the store's resources."""

    # ------------------------------------------------------------ backend parts

    @abstractmethod
    def _audit_changes(self, kind: str, subject: str | None) -> list[tuple[int, str, str, str]]:
        """Return the audit entries touching ``kind``, oldest first: id, time, key name and
        the changes as a JSON array (a backend may leave out the changes of other subjects
        than ``subject``; :meth:`changes` keeps only those anyway)."""

    @abstractmethod
    def _writer(self) -> AbstractContextManager[Writer]:
        """Return a write transaction holding the write lock; it commits when left normally."""
