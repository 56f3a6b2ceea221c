"""Kinds of records: what one record of a kind holds, what it may be about, and its key.

Every kind shares the same rules (keys, audit, persistence, all-or-nothing validation, Excel);
a kind only says what is its own. Actuals are :mod:`chainkg.records.actuals`; a new kind is
one such module that calls :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.store.base import Put

META_FIELDS = ("subject", "note", "source")
"""The fields every record has; the others are the kind's own (``fields`` when stored)."""


class RecordIn(BaseModel):
    """What every record carries: its subject (a node of the plan graph), a note and the
    document it cites. A kind's model adds its own fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    subject: str = Field(min_length=1, max_length=200, description="The id of a plan node.")
    note: str | None = Field(None, max_length=2000, description="Free text.")
    source: str = Field(
        min_length=1,
        max_length=500,
        description="The document the figure is taken from (统计快报, 年报 …); required.",
    )


Problem = tuple[str, str]
"""A field of a record and what is wrong with it."""
Check = Callable[[Any, Node, PlanGraph], list[Problem]]
"""A kind's own check of a record against its subject node (in the graph of its labels and
the labels it refers to)."""
Normalize = Callable[[Any, PlanGraph], Any]
"""Returns a checked record as it is stored, the nodes it names by name given by their ids."""


def no_check(record: Any, subject: Node, graph: PlanGraph) -> list[Problem]:
    """Return no problem (a kind with no check of its own)."""
    return []


@dataclass(frozen=True)
class RecordKind:
    """One kind of record."""

    name: str
    """Singular, stored with every record and audit change (``actual``)."""
    plural: str
    """The API path and CLI group (``actuals``)."""
    model: type[RecordIn]
    subject_labels: tuple[str, ...]
    """The labels a subject may have."""
    key_fields: tuple[str, ...]
    """The fields that identify a record: a second write with the same ones replaces it."""
    check: Check = no_check
    about: str = ""
    refers_to: tuple[str, ...] = ()
    """Labels of the other plan nodes a record may name (a lead department, a target park):
    loaded beside the subjects for the checks."""
    normalize: Normalize | None = None
    """Applied to every checked record before it is written (names of nodes → their ids)."""
    history: tuple[str, ...] = ()
    """Fields whose changes a record's history (from the audit) shows: a candidate's stage."""

    def key(self, record: RecordIn) -> str:
        """Return the record's key: its key fields joined by ``|`` (``chain.pv|2025``)."""
        return "|".join(str(getattr(record, f)) for f in self.key_fields)

    def fields(self, record: RecordIn) -> dict[str, Any]:
        """Return the kind's own fields of a record (what is stored beside the metadata)."""
        return record.model_dump(exclude=set(META_FIELDS))

    def put(self, record: RecordIn) -> Put:
        """Return the write of a record."""
        return Put(
            kind=self.name,
            key=self.key(record),
            subject=record.subject,
            fields=self.fields(record),
            note=record.note,
            source=record.source,
        )


KINDS: dict[str, RecordKind] = {}
"""Every registered kind by name."""


def register(kind: RecordKind) -> RecordKind:
    """Register a kind (once) and return it."""
    if kind.name in KINDS:
        raise ValueError(f"record kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind
