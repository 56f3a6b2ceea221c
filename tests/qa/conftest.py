"""The records the question set's answers about the working mechanism rest on
(``tests/qa/records.yaml``, invented), written into a records store of the tests' own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.store import GraphStore
from chainkg.records.assignments import ASSIGNMENTS
from chainkg.records.candidates import CANDIDATES
from chainkg.records.chokepoints import CHOKEPOINTS
from chainkg.records.kinds import RecordKind
from chainkg.records.store import RecordsStore, SqliteRecords
from chainkg.records.validate import parse_items, write_records

FIXTURE = Path(__file__).with_name("records.yaml")
KINDS: dict[str, RecordKind] = {
    "assignments": ASSIGNMENTS,
    "candidates": CANDIDATES,
    "chokepoints": CHOKEPOINTS,
}


def write_fixture(graph: GraphStore, records: RecordsStore, path: Path = FIXTURE) -> None:
    """Write every record of a fixture file (one write per kind, as staff would)."""
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for plural, items in data.items():
        kind = KINDS[plural]
        parsed, errors = parse_items(kind, items)
        assert errors == [], errors
        write_records(
            kind, [p for p in parsed if p], graph, records, actor="qa-fixture", action="fixture"
        )


@pytest.fixture(scope="session")
def qa_records(
    embedded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
) -> RecordsStore:
    """A records store holding the question set's records (checked against the seed)."""
    records = SqliteRecords(tmp_path_factory.mktemp("qa-records") / "records.sqlite3")
    write_fixture(embedded_store, records)
    return records
