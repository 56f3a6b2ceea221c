"""What the records store keeps: API keys, records of any kind, and the audit of every write.

>>> role_allows("admin", "editor"), role_allows("viewer", "editor")
(True, False)
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
"""From least to most: viewers read, editors also write records, admins also read the audit."""


def role_allows(role: str, needed: Role) -> bool:
    """Return True when ``role`` is ``needed`` or above it."""
    ranks = {r: i for i, r in enumerate(ROLES)}
    return role in ranks and ranks[role] >= ranks[needed]


def now() -> str:
    """Return the time now in UTC, ISO 8601 to the millisecond (``2026-03-01T08:00:00.000Z``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ApiKey(BaseModel):
    """An API key as stored: its name, role and the SHA-256 of the secret (never the secret)."""

    name: str
    role: Role
    digest: str = Field(repr=False)
    created_at: str
    created_by: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def public(self) -> dict[str, Any]:
        """Return the key without its digest (what lists and the audit show)."""
        return self.model_dump(exclude={"digest"})


class StoredRecord(BaseModel):
    """One record as stored: its kind, key (unique within the kind), subject and fields,
    with the note and cited source, who wrote it, when, and the audit entry of that write."""

    kind: str
    key: str
    subject: str
    fields: dict[str, Any]
    note: str | None = None
    source: str
    written_by: str
    written_at: str
    audit_id: int

    def payload(self) -> dict[str, Any]:
        """Return what a write decides on: subject, fields, note and source (not who or when)."""
        return {"subject": self.subject, **self.fields, "note": self.note, "source": self.source}

    def flat(self) -> dict[str, Any]:
        """Return the record as one flat map (fields beside the metadata)."""
        return {
            "subject": self.subject,
            **self.fields,
            "note": self.note,
            "source": self.source,
            "written_by": self.written_by,
            "written_at": self.written_at,
            "audit_id": self.audit_id,
        }


class Change(BaseModel):
    """One record a write touched, before and after (None: did not exist, or was deleted)."""

    kind: str
    key: str
    subject: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class AuditEntry(BaseModel):
    """One write: who (the key's name, or ``cli:<user>``), when, what, and every record it
    changed, before and after."""

    id: int = Field(description="Increases with every write; the records version.")
    time: str = Field(description="When, in UTC (ISO 8601).")
    key_name: str = Field(description="The API key's name, or cli:<user> for the command line.")
    action: str = Field(description="actuals.write, actuals.import, keys.create, keys.revoke …")
    origin: str | None = Field(None, description="The route or the file written from.")
    records: list[Change] = Field(description="Every record changed, before and after.")


class WriteResult(BaseModel):
    """What a write did: records created, replaced, unchanged, deleted; its audit entry."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "audit_id": 4,
                    "version": 4,
                    "created": 0,
                    "replaced": 1,
                    "unchanged": 0,
                    "deleted": 0,
                }
            ]
        }
    )

    audit_id: int | None = Field(
        description="The audit entry of this write; null: nothing changed."
    )
    version: int = Field(description="The records version after the write (the last audit id).")
    created: int
    replaced: int
    unchanged: int
    deleted: int = 0
