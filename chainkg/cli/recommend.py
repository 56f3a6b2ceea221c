"""``chainkg recommend``: the chains a project fits and the parks for it, with the reasons."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import SeedOption, out, store_for
from chainkg.graph_loader.recommend import Recommendation
from chainkg.graph_loader.recommend import recommend as rank


def _ranked(title: str, what: str, why: str) -> Table:
    """Return an empty table of ranked items: number, item, score and why."""
    table = Table(title=title, show_lines=True)
    for col in ("#", what, "score", why):
        table.add_column(col, justify="right" if col in ("#", "score") else "left")
    return table


def _chains_table(found: Recommendation) -> Table:
    table = _ranked("产业链 chains", "chain", "matched terms (section: quote)")
    for i, chain in enumerate(found.chains, start=1):
        reasons = "\n".join(
            f"{'、'.join(r.matched)} → {r.term} ({r.source}: {r.evidence})" for r in chain.reasons
        )
        table.add_row(str(i), f"{chain.name} {chain.id}", f"{chain.score:.3f}", escape(reasons))
    return table


def _parks_table(found: Recommendation) -> Table:
    table = _ranked("园区 parks", "park", "carries (role; section: quote)")
    for i, park in enumerate(found.parks, start=1):
        reasons = "\n".join(
            f"{r.chain_name}: {r.role or ''}{'' if r.stated else f' (via {r.via_name})'}; "
            f"{r.source}: {r.evidence}"
            for r in park.reasons
        )
        if park.platforms:
            reasons += "\nplatforms: " + "、".join(p.name for p in park.platforms)
        table.add_row(str(i), f"{park.name} {park.id}", f"{park.score:.3f}", escape(reasons))
    return table


def recommend(
    q: Annotated[str, typer.Argument(help="The project, e.g. 年产10GW TOPCon电池组件项目.")],
    limit: Annotated[int, typer.Option(help="Most chains and parks.", min=1, max=30)] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    seed: SeedOption = None,
) -> None:
    """Say which chains a project strengthens and which parks should host it."""
    if not q.strip():
        raise typer.BadParameter("the description is blank", param_hint="Q")
    found = rank(store_for(seed), q.strip(), limit)
    if as_json:
        print(found.model_dump_json(indent=2))
        return
    if not found.matched:
        out.print(
            f"[yellow]no chain fits[/yellow] “{escape(q)}” well enough "
            f"(no score reaches {found.threshold}): it looks outside the plan."
        )
        return
    out.print(_chains_table(found))
    if found.parks:
        out.print(_parks_table(found))
    else:
        out.print("[yellow]the plan places these chains in no park[/yellow]")
