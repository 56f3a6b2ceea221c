"""The write path shared by every kind, the API and the command line: validate every record
(all of them, against the plan graph), then write them all at once, or nothing.

Errors name the record's index and field; the Excel import maps them to sheet, row and column.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from chainkg.graph_loader.derived import store_subgraph
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.store import GraphStore
from chainkg.records.kinds import RecordIn, RecordKind
from chainkg.records.model import WriteResult
from chainkg.records.store import Put, RecordsStore

MAX_RECORDS = 10_000
"""The most records one write may carry."""


@dataclass(frozen=True)
class ItemError:
    """What is wrong with one field of one record (``index`` counts from 0)."""

    index: int
    field: str
    reason: str


class RecordsInvalid(ValueError):
    """Records that cannot be written; nothing was."""

    def __init__(self, errors: list[ItemError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was written")
        self.errors = errors


def cli_actor() -> str:
    """Return who writes from the command line: ``cli:<login name>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (some containers)
        return "cli:unknown"


def parse_items(
    kind: RecordKind, items: Sequence[dict[str, Any]]
) -> tuple[list[RecordIn | None], list[ItemError]]:
    """Return each item as the kind's model (None where it is invalid) and every error."""
    parsed: list[RecordIn | None] = []
    errors: list[ItemError] = []
    for i, item in enumerate(items):
        try:
            given = {k: v for k, v in item.items() if v is not None}  # None: not given
            parsed.append(kind.model.model_validate(given))
        except ValidationError as exc:
            parsed.append(None)
            for error in exc.errors():
                loc = ".".join(str(p) for p in error["loc"]) or "record"
                errors.append(ItemError(i, loc, error["msg"]))
    return parsed, errors


def kind_graph(kind: RecordKind, graph: GraphStore) -> PlanGraph:
    """Return the plan graph a kind's records are checked against: its subjects' labels and
    the labels it refers to."""
    return store_subgraph(graph, list(dict.fromkeys([*kind.subject_labels, *kind.refers_to])))


def subjects_in(kind: RecordKind, plan: PlanGraph) -> set[str]:
    """Return the ids of the nodes of ``plan`` a record of ``kind`` may be about."""
    return {n.id for n in plan.nodes.values() if n.label in kind.subject_labels}


def check_records(
    kind: RecordKind, records: Sequence[RecordIn | None], graph: GraphStore
) -> list[ItemError]:
    """Return every problem of well-formed records (None: skipped, keeping the indices)
    against the plan graph and each other: unknown subjects, subjects of another kind,
    the kind's own checks, and duplicates."""
    plan = kind_graph(kind, graph)
    unknown = sorted({r.subject for r in records if r} - subjects_in(kind, plan))
    other_labels = {
        row["node"]["id"]: row["node"]["label"]
        for row in (graph.run("nodes_by_ids", ids=unknown) if unknown else [])
    }
    allowed = ", ".join(kind.subject_labels)
    errors: list[ItemError] = []
    first: dict[str, int] = {}
    for i, record in enumerate(records):
        if record is None:
            continue
        node = plan.nodes.get(record.subject)
        if node is None or node.label not in kind.subject_labels:
            label = node.label if node is not None else other_labels.get(record.subject)
            reason = (
                f"{record.subject!r} is a {label}; {kind.plural} are for {allowed}"
                if label
                else f"no {allowed} with id {record.subject!r}"
            )
            errors.append(ItemError(i, "subject", reason))
            continue
        errors += [ItemError(i, f, reason) for f, reason in kind.check(record, node, plan)]
        key = kind.key(record)
        if key in first:
            same = " and ".join(kind.key_fields)
            errors.append(ItemError(i, "subject", f"same {same} as record {first[key]}"))
        first.setdefault(key, i)
    return errors


def write_records(
    kind: RecordKind,
    records: Sequence[RecordIn],
    graph: GraphStore,
    store: RecordsStore,
    *,
    actor: str,
    action: str,
    origin: str | None = None,
) -> WriteResult:
    """Check every record, then write them all in one transaction with one audit entry.

    Raises :class:`RecordsInvalid` (and writes nothing) when any record has a problem.
    """
    if not records:
        raise RecordsInvalid([ItemError(0, "records", "nothing to write")])
    if len(records) > MAX_RECORDS:
        raise RecordsInvalid([ItemError(MAX_RECORDS, "records", f"at most {MAX_RECORDS}")])
    errors = check_records(kind, records, graph)
    if errors:
        raise RecordsInvalid(errors)
    if kind.normalize is not None:
        plan = kind_graph(kind, graph)
        records = [kind.normalize(r, plan) for r in records]
    return store.apply([kind.put(r) for r in records], actor=actor, action=action, origin=origin)


class NoSuchRecord(LookupError):
    """A record to delete that is not stored."""

    def __init__(self, kind: RecordKind, key: str) -> None:
        super().__init__(f"no {kind.name} {key!r}")
        self.kind = kind
        self.key = key


def delete_record(
    kind: RecordKind,
    key_fields: dict[str, Any],
    store: RecordsStore,
    *,
    actor: str,
    origin: str | None = None,
) -> WriteResult:
    """Delete the record of ``kind`` with these key fields, with its audit entry.

    Raises :class:`NoSuchRecord` when there is none (nothing is written).
    """
    key = "|".join(str(key_fields[f]) for f in kind.key_fields)
    subject = str(key_fields["subject"])
    if not any(r.key == key for r in store.records(kind.name, subject)):
        raise NoSuchRecord(kind, key)
    gone = Put(kind=kind.name, key=key, subject=subject, fields=None)
    return store.apply([gone], actor=actor, action=f"{kind.plural}.delete", origin=origin)
