"""The audit of every write (admin key): who, when, what, each record before and after."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from chainkg.api.auth import AdminKey, RecordsDep
from chainkg.api.errors import problem_responses
from chainkg.records.model import AuditEntry

router = APIRouter(tags=["audit"])


class AuditPage(BaseModel):
    """A page of the audit, newest first."""

    version: int
    total: int
    limit: int
    offset: int
    items: list[AuditEntry]


@router.get("/audit", response_model=AuditPage, responses=problem_responses(401, 403, 422, 429))
def read_audit(
    response: Response,
    key: AdminKey,
    records: RecordsDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    kind: Annotated[
        str | None, Query(max_length=50, description="Only writes of this kind (actual, key …).")
    ] = None,
) -> AuditPage:
    """The audit, newest first (admin key): every write with its key name, time and records."""
    total, items = records.audit(limit=limit, offset=offset, kind=kind)
    return AuditPage(
        version=records.version(), total=total, limit=limit, offset=offset, items=items
    )
