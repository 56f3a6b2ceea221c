"""The query catalog: every named query, its Cypher and its embedded implementation.

A query's embedded implementation is registered in :mod:`chainkg.graph_loader.queries`
with ``@catalog_query(name)``; its Cypher is ``cypher/<name>.cypher``, shipped in the
package.  Both return rows of plain JSON-like values, which :func:`canonical_rows` puts
in one canonical order, so the two stores answer every query identically (the contract
test checks it).  Importing this module registers every query.

>>> "node" in CATALOG and CATALOG["node"].cypher.startswith("//")
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from chainkg.graph_loader.queries import EMBEDDED, Embedded, Row

__all__ = ["CATALOG", "Query", "Row", "canonical", "canonical_rows", "load_cypher"]


@dataclass(frozen=True)
class Query:
    """A named query: Cypher for Neo4j, a function for the embedded store."""

    name: str
    cypher: str
    embedded: Embedded
    ordered: bool = False
    """True when the order of rows is part of the answer (e.g. a path)."""


def load_cypher(name: str) -> str:
    """Return the text of ``cypher/<name>.cypher`` (package data of ``chainkg.cypher``)."""
    return (resources.files("chainkg.cypher") / f"{name}.cypher").read_text(encoding="utf-8")


CATALOG: dict[str, Query] = {
    name: Query(name, load_cypher(name), func, ordered)
    for name, (func, ordered) in sorted(EMBEDDED.items())
}
"""Every catalog query by name."""


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def canonical(value: Any) -> Any:
    """Return ``value`` with lists of dicts sorted, so that equal answers compare equal.

    Lists of scalars (aliases, paths) keep their order.
    """
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        items = [canonical(v) for v in value]
        if items and all(isinstance(v, dict) for v in items):
            return sorted(items, key=_sort_key)
        return items
    return value


def canonical_rows(query: Query, rows: list[Row]) -> list[Row]:
    """Return the rows of ``query`` in canonical form."""
    rows = [canonical(r) for r in rows]
    return rows if query.ordered else sorted(rows, key=_sort_key)
