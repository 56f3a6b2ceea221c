"""The working mechanism as served: assignments in the details of chains, parks, projects and
enterprises; what is recorded for a node; the gap view as JSON or as a 补链清单 file."""

from __future__ import annotations

from typing import TypeVar

from fastapi import Response
from pydantic import BaseModel

from chainkg.api.errors import NotFoundError
from chainkg.api.lists import content_disposition
from chainkg.graph_loader.lists import LISTS, Table
from chainkg.graph_loader.sheets import MEDIA_TYPES, Format, render
from chainkg.graph_loader.store import GraphStore
from chainkg.records import gaps as g
from chainkg.records.mechanism import (
    Mechanism,
    UnknownSubject,
    assignment_of,
    mechanism,
    pipeline_for,
    plan_of,
)
from chainkg.records.store import RecordsStore

D = TypeVar("D", bound=BaseModel)


def with_assignment(detail: D, store: GraphStore, records: RecordsStore, id: str) -> D:
    """Return a node's detail with its recorded assignment (and a chain's pipeline)."""
    update: dict[str, object] = {"assignment": assignment_of(plan_of(store), records, id)}
    if "pipeline" in type(detail).model_fields:
        update["pipeline"] = pipeline_for(records, id)
    return detail.model_copy(update=update)


def node_mechanism(store: GraphStore, records: RecordsStore, kind: str, id: str) -> Mechanism:
    """Return what is recorded for a chain or park (404 for another id)."""
    plan = plan_of(store)
    node = plan.nodes.get(id)
    if node is None or node.label.lower() != kind:
        raise NotFoundError(kind, id)
    try:
        return mechanism(store, records, id, plan)
    except UnknownSubject as exc:  # pragma: no cover - checked above
        raise NotFoundError(kind, exc.id) from None


def chain_gaps(store: GraphStore, records: RecordsStore, id: str) -> g.ChainGaps:
    """Return a chain's gap view (404 for an unknown chain)."""
    try:
        return g.chain_gaps(store, records, id)
    except g.UnknownNode:
        raise NotFoundError("chain", id) from None


def park_gaps(store: GraphStore, records: RecordsStore, id: str) -> g.ParkGaps:
    """Return a park's gap view (404 for an unknown park)."""
    try:
        return g.park_gaps(store, records, id)
    except g.UnknownNode:
        raise NotFoundError("park", id) from None


def gap_file(gaps: list[g.ChainGap], title: str, name: str, fmt: Format) -> Response:
    """Return a 补链清单 of the given gap views as a CSV or Excel file."""
    spec = LISTS["gaps"]
    table = Table(name, title, spec.title_en, list(spec.columns), notes=[*spec.notes])
    g.gap_rows(table, gaps)
    return Response(
        render(table, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": content_disposition(table, fmt)},
    )
