"""The graph schema, derived from the seed models: labels, properties, relationship types.

``python -m chainkg.graph_loader.schema`` prints the generated part of ``docs/model.md``;
a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from chainkg.graph_loader.models import ENTITY_MODELS, ChainRelation, LinkSpec, Park, Record

EDGE_PROPS = "source, evidence, role?, kind?, assumption?"
LAYOUT_PROPS = "covers, covers_evidence, covers_assumption"
"""What a park's layout of a group reaches (:mod:`chainkg.graph_loader.layouts`)."""


@dataclass(frozen=True)
class RelType:
    """One relationship type between two labels."""

    type: str
    start: str
    end: str
    declared_by: str
    props: str = EDGE_PROPS


def rel_types() -> list[RelType]:
    """Return every (type, start label, end label) the seed models can produce."""
    out = []
    for model in ENTITY_MODELS:
        for field, spec in model.LINKS.items():
            for target in spec.targets:
                start, end = (target, model.LABEL) if spec.reverse else (model.LABEL, target)
                props = _edge_props(model, spec, target)
                out.append(RelType(spec.rel_type, start, end, f"{model.FILE}: {field}", props))
    out.append(
        RelType(
            ChainRelation.REL_TYPE,
            "Chain",
            "Chain",
            ChainRelation.FILE,
            "id, kind, source, evidence, assumption?",
        )
    )
    return sorted(out, key=lambda r: (r.type, r.start, r.end))


def _edge_props(model: type[Record], spec: LinkSpec, target: str) -> str:
    """Return the properties an edge of ``spec`` from ``model`` to ``target`` can carry."""
    props = EDGE_PROPS
    if spec.ordered:
        props += ", rank"
    if model is Park and target == "Group":
        props += ", " + LAYOUT_PROPS
    return props


def node_props(model: type[Record]) -> list[str]:
    """Return the property names a node of ``model`` can carry (links excluded)."""
    return [name for name in model.model_fields if name not in model.LINKS]


def markdown() -> str:
    """Return the generated schema section: labels, relationship types and a diagram."""
    lines = ["| label | seed file | properties |", "| --- | --- | --- |"]
    for model in ENTITY_MODELS:
        props = ", ".join(node_props(model))
        lines.append(f"| `{model.LABEL}` | `seed/{model.FILE}` | {props} |")
    lines += [
        "",
        "| relationship | from | to | declared by | properties |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rel in rel_types():
        lines.append(
            f"| `{rel.type}` | `{rel.start}` | `{rel.end}` | `{rel.declared_by}` | {rel.props} |"
        )
    lines += ["", "```mermaid", "graph LR"]
    seen = set()
    for rel in rel_types():
        key = (rel.start, rel.type, rel.end)
        if key not in seen:
            seen.add(key)
            lines.append(f"  {rel.start} -->|{rel.type}| {rel.end}")
    lines.append("```")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
