"""A store whose answers' strings are all new objects, as a store reading them off a wire
(Neo4j's driver) hands them back: code that compares a label, a type or an id by identity
(``is``) with its own literal gives other answers from it than from the embedded store."""

from __future__ import annotations

import json
from typing import Any

from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.store import GraphStore


class FreshStrings(GraphStore):
    """The answers of ``inner`` with every string a new object."""

    backend = "fresh-strings"

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner

    def run(self, name: str, **params: Any) -> list[Row]:
        rows: list[Row] = json.loads(json.dumps(self.inner.run(name, **params)))
        return rows

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        raise NotImplementedError  # run() answers
