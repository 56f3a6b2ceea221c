"""The query catalog: every named query, its Cypher and its embedded implementation.

A query is registered once with :func:`catalog_query`; its Cypher is read from
``cypher/<name>.cypher`` and its embedded implementation is the decorated
function.  Both return rows of plain JSON-like values, which
:func:`canonical_rows` puts in one canonical order, so the two stores answer
every query identically (the contract test checks it).

>>> "node" in CATALOG and CATALOG["node"].cypher.startswith("//")
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"

Row = dict[str, Any]
Embedded = Callable[..., list[Row]]


@dataclass(frozen=True)
class Query:
    """A named query: Cypher for Neo4j, a function for the embedded store."""

    name: str
    cypher: str
    embedded: Embedded
    ordered: bool = False
    """True when the order of rows is part of the answer (e.g. a path)."""


CATALOG: dict[str, Query] = {}


def load_cypher(name: str) -> str:
    """Return the text of ``cypher/<name>.cypher``."""
    return (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def catalog_query(name: str, *, ordered: bool = False) -> Callable[[Embedded], Embedded]:
    """Register the decorated embedded implementation under ``name`` with its Cypher."""

    def register(func: Embedded) -> Embedded:
        if name in CATALOG:
            raise ValueError(f"query {name!r} is registered twice")
        CATALOG[name] = Query(name, load_cypher(name), func, ordered)
        return func

    return register


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
