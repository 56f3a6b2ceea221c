"""Guards for extending the model: a new label, relationship type or role that is not wired
everywhere it must be fails here, instead of drawing a grey dot on a map."""

from __future__ import annotations

import re

import pytest

from chainkg.graph_loader.catalog import load_cypher
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.models import ENTITY_MODELS, PARK_ROLES
from chainkg.graph_loader.schema import rel_types
from chainkg.viz.style import EDGE_STYLES, NODE_STYLES, ROLE_EN

LABELS = sorted(m.LABEL for m in ENTITY_MODELS)
TYPES = sorted({r.type for r in rel_types()})


def _constrained_labels() -> set[str]:
    pattern = r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE"
    return set(re.findall(pattern, load_cypher("schema")))


def test_the_schema_is_parsed() -> None:
    assert {"Entity", "Chain"} <= _constrained_labels()


@pytest.mark.parametrize("label", LABELS)
def test_every_label_has_a_uniqueness_constraint(label: str) -> None:
    assert label in _constrained_labels(), f"add the {label} id constraint to cypher/schema.cypher"


@pytest.mark.parametrize("label", LABELS)
def test_every_label_has_a_node_style(label: str) -> None:
    assert label in NODE_STYLES, f"add a NodeStyle for {label} to viz/style.py"


@pytest.mark.parametrize("rel_type", TYPES)
def test_every_relationship_type_has_an_edge_style(rel_type: str) -> None:
    assert rel_type in EDGE_STYLES, f"add an EdgeStyle for {rel_type} to viz/style.py"


@pytest.mark.parametrize("role", PARK_ROLES)
def test_every_park_role_has_an_english_name(role: str) -> None:
    assert ROLE_EN.get(role), f"add the English of the park role {role} to ROLE_EN"


def test_every_role_in_the_seed_has_an_english_name(graph: PlanGraph) -> None:
    roles = {str(e.props["role"]) for e in graph.edges if "role" in e.props}
    assert roles, "the seed has roles"
    assert roles <= set(ROLE_EN), sorted(roles - set(ROLE_EN))


def test_no_style_for_what_does_not_exist() -> None:
    """Styles of removed labels or types are not left behind."""
    assert set(NODE_STYLES) == set(LABELS)
    assert set(EDGE_STYLES) == set(TYPES)
