"""The history of records, read from the audit: every write that changed a kind's tracked
fields (a candidate's stage), with who, when and the document cited.

The audit keeps every record before and after each write, so the history needs no field
of its own: nothing a client writes can contradict it, and an import that changes nothing
adds no step.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from chainkg.records.kinds import RecordKind
from chainkg.records.store import RecordsStore


class HistoryStep(BaseModel):
    """One write that changed a record's tracked fields (or created or deleted it)."""

    audit_id: int
    time: str = Field(description="When it was written, in UTC (ISO 8601).")
    written_by: str
    source: str | None = Field(description="The document the write cited.")
    values: dict[str, Any] | None = Field(
        description="The tracked fields after the write (null: the record was deleted)."
    )
    previous: dict[str, Any] | None = Field(
        description="The tracked fields before it (null: the record was created)."
    )


def _tracked(payload: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    return None if payload is None else {f: payload.get(f) for f in fields}


def histories(
    store: RecordsStore, kind: RecordKind, subject: str | None = None
) -> dict[str, list[HistoryStep]]:
    """Return, per record key, the steps of its history, oldest first (records of ``subject``
    only, when given)."""
    if not kind.history:
        return {}
    steps: dict[str, list[HistoryStep]] = {}
    for audited in store.changes(kind.name, subject):
        change = audited.change
        before = _tracked(change.get("before"), kind.history)
        after = _tracked(change.get("after"), kind.history)
        if before == after:
            continue
        steps.setdefault(str(change["key"]), []).append(
            HistoryStep(
                audit_id=audited.audit_id,
                time=audited.time,
                written_by=audited.key_name,
                source=(change.get("after") or change.get("before") or {}).get("source"),
                values=after,
                previous=before,
            )
        )
    return steps
