"""The whole graph as a file: GraphML (Gephi, yEd), JSON (nodes and edges) or CSV (Excel).

All three are built from the ``subgraph`` catalog query's rows, in one order (nodes by
id, edges by ``from|TYPE|to``), so both stores export byte-identical files.

- **GraphML**: one ``<node>`` per node with ``label`` (its name, which Gephi shows),
  ``type`` (the graph label: Chain, Park …) and every property; lists are JSON text and a
  property that clashes with those names gets a ``prop_`` prefix (a park's ``type``
  becomes ``prop_type``). Edges carry ``type`` and their properties; their id is
  ``from|TYPE|to``.
- **JSON**: ``{"nodes": [...], "edges": [...]}`` in the shape of ``/graph/neighborhood``.
- **CSV**: a zip holding ``nodes.csv`` and ``edges.csv`` (UTF-8 with a byte-order mark, so
  Excel reads the Chinese text), one row per node or edge: the common columns first, the
  remaining properties as JSON in ``properties``.  A cell that a spreadsheet would run as
  a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR) gets a leading ``'``
  (:func:`chainkg.graph_loader.sheets.neutralize`, as in the 清单); JSON and GraphML keep
  every value as is.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any, Literal

import networkx as nx

from chainkg.api import schemas as s
from chainkg.api.services import subgraph_model
from chainkg.graph_loader.sheets import neutralize
from chainkg.graph_loader.store import GraphStore

Format = Literal["graphml", "json", "csv"]
MEDIA_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "json": "application/json",
    "csv": "application/zip",
}
FILE_NAMES = {"graphml": "chainkg.graphml", "json": "chainkg.json", "csv": "chainkg-csv.zip"}
NODE_COLUMNS = ("id", "type", "name", "name_en", "aliases", "source", "evidence", "assumption")
EDGE_COLUMNS = ("key", "from", "type", "to", "role", "kind", "source", "evidence", "assumption")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""A fixed timestamp for the zip entries, so that equal graphs give equal bytes."""


def whole_graph(store: GraphStore) -> s.Subgraph:
    """Return every node and edge of the store."""
    return subgraph_model(store.run("subgraph", labels=None)[0])


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def to_graphml(graph: s.Subgraph) -> bytes:
    """Return the graph as GraphML (UTF-8)."""
    g = nx.MultiDiGraph()
    reserved = {"id", "type", "label", "name", "name_en"}
    for n in graph.nodes:
        props = {(f"prop_{k}" if k in reserved else k): _cell(v) for k, v in n.properties.items()}
        g.add_node(n.id, label=n.name, type=n.type, name=n.name, name_en=n.name_en, **props)
    for e in graph.edges:
        attrs = {
            k: v
            for k, v in (("role", e.role), ("source", e.source), ("evidence", e.evidence))
            if v is not None
        }
        attrs.update(
            {f"prop_{k}" if k in ("key", "type") else k: _cell(v) for k, v in e.properties.items()}
        )
        g.add_edge(e.from_, e.to, key=e.type, type=e.type, edge_id=e.key, **attrs)
    buffer = io.BytesIO()
    nx.write_graphml_xml(
        g, buffer, infer_numeric_types=True, named_key_ids=True, edge_id_from_attribute="edge_id"
    )
    return buffer.getvalue()


def _csv(header: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    """Return the rows as CSV, every cell neutralised against formula injection."""
    text = io.StringIO()
    writer = csv.DictWriter(text, [*header, "properties"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: neutralize(v) for k, v in row.items()} for row in rows)
    return text.getvalue().encode("utf-8-sig")


def _rest(props: dict[str, Any]) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True) if props else ""


def _node_row(n: s.GraphNode) -> dict[str, Any]:
    props: dict[str, Any] = dict(n.properties)
    aliases = props.pop("aliases", [])
    row: dict[str, Any] = {"id": n.id, "type": n.type, "name": n.name, "name_en": n.name_en}
    row["aliases"] = "|".join(str(a) for a in aliases) if isinstance(aliases, list) else aliases
    row.update({k: props.pop(k, "") for k in ("source", "evidence", "assumption")})
    row["properties"] = _rest(props)
    return row


def _edge_row(e: s.GraphEdge) -> dict[str, Any]:
    props: dict[str, Any] = dict(e.properties)
    row: dict[str, Any] = {"key": e.key, "from": e.from_, "type": e.type, "to": e.to}
    row.update(role=e.role or "", source=e.source or "", evidence=e.evidence or "")
    row.update({k: props.pop(k, "") for k in ("kind", "assumption")})
    row["properties"] = _rest(props)
    return row


def to_csv_zip(graph: s.Subgraph) -> bytes:
    """Return a zip with ``nodes.csv`` and ``edges.csv``."""
    nodes = [_node_row(n) for n in graph.nodes]
    edges = [_edge_row(e) for e in graph.edges]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("nodes.csv", _csv(NODE_COLUMNS, nodes)),
            ("edges.csv", _csv(EDGE_COLUMNS, edges)),
        ):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def export(store: GraphStore, fmt: Format) -> tuple[bytes, str, str]:
    """Return the graph in ``fmt`` as ``(content, media type, file name)``."""
    graph = whole_graph(store)
    if fmt == "graphml":
        content = to_graphml(graph)
    elif fmt == "csv":
        content = to_csv_zip(graph)
    else:
        content = graph.model_dump_json(by_alias=True).encode()
    return content, MEDIA_TYPES[fmt], FILE_NAMES[fmt]
