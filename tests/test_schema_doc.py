"""docs/model.md shows the schema the models actually produce."""

from __future__ import annotations

from pathlib import Path

from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.schema import markdown, rel_types

DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def test_schema_section_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("<!-- schema:begin -->\n", 1)[1].split("<!-- schema:end -->", 1)[0]
    assert section == markdown(), (
        "run: python -m chainkg.graph_loader.schema, and paste into docs/model.md"
    )


def test_every_edge_of_the_graph_is_in_the_schema(graph: PlanGraph) -> None:
    allowed = {(r.type, r.start, r.end) for r in rel_types()}
    for edge in graph.edges:
        start, end = graph.nodes[edge.source].label, graph.nodes[edge.target].label
        assert (edge.type, start, end) in allowed, edge.key
