"""Which of a chain's focus directions a record names: the direction a candidate fills, the
direction a 卡脖子 item belongs to.

A record gives the direction as staff write it: an id (``tech.perovskite_cell``), a name or
alias (钙钛矿电池), or words of their own (钙钛矿组件).  It is linked to one of the chain's
directions (the technologies, products … the annex names for it, ``FOCUSES_ON``) when

- it is the id, a name, an alias or a variant of one (``how``: ``id`` or ``name``): stated;
- or, failing that, exactly one direction's name is part of it, or it is part of exactly one
  direction's name (``partial``): linked with an ``assumption`` that says so.

Anything else stays unlinked (free text): a direction the plan does not list for the chain.

>>> from chainkg.graph_loader.graph import Node
>>> techs = [Node("tech.perovskite_cell", "Technology", {"name": "钙钛矿电池", "aliases": []}),
...          Node("tech.solar_cells", "Technology", {"name": "太阳能电池", "aliases": []})]
>>> [resolve(t, techs).how for t in ("tech.solar_cells", "钙钛矿电池", "钙钛矿", "电池", "风电")]
['id', 'name', 'partial', None, None]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chainkg.graph_loader.ask.normalize import normalize
from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.refs import forms_of

MIN_PART = 2
"""The fewest characters a partial match may share."""
ID_PREFIX = "tech."
"""Technology ids start so; a direction written like one must be one of the chain's."""


@dataclass(frozen=True)
class Match:
    """The direction a record's text was linked to (``id`` None: not linked)."""

    id: str | None = None
    name: str | None = None
    how: Literal["id", "name", "partial"] | None = None
    assumption: str | None = None


def focus_of(plan: PlanGraph, chain: str) -> list[Node]:
    """Return the technologies, products … a chain focuses on (``FOCUSES_ON``), by id."""
    ids = {e.target for e in plan.edges if e.type == "FOCUSES_ON" and e.source == chain}
    return sorted((plan.nodes[i] for i in ids if i in plan.nodes), key=lambda n: n.id)


def _overlap(text: str, forms: frozenset[str]) -> int:
    """Return the length of the longest form that is part of ``text`` or holds it (0: none)."""
    best = 0
    for form in forms:
        if len(form) >= MIN_PART and (form in text or (len(text) >= MIN_PART and text in form)):
            best = max(best, min(len(form), len(text)))
    return best


def resolve(text: str | None, techs: Sequence[Node]) -> Match:
    """Return the direction of ``techs`` that ``text`` names (see the module's rules)."""
    if not text:
        return Match()
    given = text.strip()
    for tech in techs:
        if tech.id == given:
            return Match(tech.id, str(tech.props.get("name")), "id")
    wanted = normalize(given)
    named = [t for t in techs if wanted in forms_of(t)]
    if len(named) == 1:
        return Match(named[0].id, str(named[0].props.get("name")), "name")
    if named:
        return Match()  # a name several directions share: not linked
    scores = [(_overlap(wanted, forms_of(t)), t) for t in techs]
    best = max((s for s, _ in scores), default=0)
    top = [t for s, t in scores if s == best and s > 0]
    if len(top) != 1:
        return Match()
    tech = top[0]
    name = str(tech.props.get("name"))
    assumption = (
        f"“{given}” read as {name} ({tech.id}): the one focus direction of the chain whose "
        "name holds it or is held by it; the record does not name the direction exactly."
    )
    return Match(tech.id, name, "partial", assumption)


def id_problem(text: str | None, techs: Sequence[Node], field: str) -> list[tuple[str, str]]:
    """Return the problem of a direction written as a technology id that is not one of the
    chain's focus directions."""
    if not text or not text.strip().startswith(ID_PREFIX):
        return []
    if any(t.id == text.strip() for t in techs):
        return []
    return [(field, f"{text.strip()!r} is not a focus direction of this chain")]
