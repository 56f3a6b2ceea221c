"""Sets of chains an answer works over: a group's, a tier's, a park's, a district's, all 30,
and how chains belong to groups (with the plan's evidence)."""

from __future__ import annotations

from typing import Any

from chainkg.graph_loader.ask.context import Ctx, item
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import AskItem
from chainkg.graph_loader.catalog import Row


def chain_rows(ctx: Ctx, *, lead: bool = False, **filters: Any) -> list[Row]:
    """Return the chains passing the ``chains`` query's filters, in annex order."""
    params = {"group": None, "tier": None, "park": None, "q": None, **filters}
    rows = ctx.lead("chains", **params) if lead else ctx.run("chains", **params)
    return sorted((r["node"] for r in rows), key=lambda n: (n.get("rank", 0), n["id"]))


def district_parks(ctx: Ctx, district: str) -> list[str]:
    """Return the ids of the parks that lie in a district."""
    return sorted(
        r["other"]["id"]
        for r in ctx.run("links", id=district)
        if r["type"] == "LOCATED_IN" and r["direction"] == "in" and r["other"]["label"] == "Park"
    )


def scope_rows(ctx: Ctx, scope: Candidate | None, *, lead: bool = False) -> list[Row]:
    """Return the chains of a group, tier, park or district, or all of them (the plan, None)."""
    if scope is None or scope.label == "Plan":
        return chain_rows(ctx, lead=lead)
    if scope.label in ("Group", "Tier", "Park"):
        return chain_rows(ctx, lead=lead, **{scope.label.lower(): scope.id})
    if scope.label == "District":
        seen: dict[str, Row] = {}
        for park in district_parks(ctx, scope.id):
            for row in chain_rows(ctx, lead=lead, park=park):
                seen.setdefault(row["id"], row)
        return sorted(seen.values(), key=lambda n: (n.get("rank", 0), n["id"]))
    return []


def memberships(ctx: Ctx) -> dict[str, list[Row]]:
    """Return every chain's and group's IN_GROUP/SUBGROUP_OF links (with evidence), by node."""
    (sub,) = ctx.run("subgraph", labels=["Chain", "Group"])
    out: dict[str, list[Row]] = {}
    for e in sub["edges"]:
        if e["type"] in ("IN_GROUP", "SUBGROUP_OF"):
            out.setdefault(e["from"], []).append(e)
    return out


def linked(ctx: Ctx, id: str, rel_type: str, direction: str, *labels: str) -> list[Row]:
    """Return the ``links`` rows of a node of one type and direction (other node of ``labels``)."""
    return sorted(
        (
            r
            for r in ctx.lead("links", id=id)
            if r["type"] == rel_type
            and r["direction"] == direction
            and (not labels or r["other"]["label"] in labels)
        ),
        key=lambda r: (r["other"].get("rank", 0), r["other"]["id"]),
    )


def cited(ctx: Ctx, rows: list[Row], **extra: Any) -> list[AskItem]:
    """Return the other nodes of ``links`` rows as items (role, assumption), citing each link."""
    out = []
    for r in rows:
        ctx.cite_row(r["edge"])
        out.append(
            item(
                r["other"],
                role=r["edge"].get("role") or r["edge"].get("kind"),
                assumption=r["edge"].get("assumption"),
                **extra,
            )
        )
    return out
