"""``chainkg validate`` and ``chainkg reconcile``: the seed checked, and the plan's sums."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import SeedOption, err, out, plan_graph, seed_dir
from chainkg.graph_loader.graph import build_graph
from chainkg.graph_loader.reconcile import inputs_from_graph, reconcile
from chainkg.graph_loader.seed_io import read_seed
from chainkg.graph_loader.validate import check_seed


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, n in counts.items():
        table.add_row(kind, str(n))
    table.add_row("[bold]total[/bold]", f"[bold]{sum(counts.values())}[/bold]")
    return table


def validate(seed: SeedOption = None) -> None:
    """Check the seed: every problem with file, record and field; exit 1 if any."""
    directory = seed_dir(seed)
    loaded = read_seed(directory)
    for warning in loaded.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}")
    problems = check_seed(loaded)
    if problems:
        for problem in problems:
            err.print(f"[red]error[/red] {escape(str(problem))}")
        err.print(f"[red]{len(problems)} problem(s) in {directory}; nothing was accepted.[/red]")
        raise typer.Exit(1)
    graph = build_graph(loaded)
    out.print(f"[green]seed {directory} is valid[/green]")
    out.print(_counts_table("nodes by label", graph.label_counts()))
    out.print(_counts_table("relationships by type", graph.type_counts()))


def reconcile_cmd(
    seed: SeedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """Set the text's targets beside what the annex adds up to: met, short or over."""
    rows = reconcile(inputs_from_graph(plan_graph(seed)))
    if as_json:
        print(json.dumps([r.model_dump() for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title="目标对账 reconciliation: text vs annex")
    for col in ("scope", "target", "year", "text", "annex", "diff", "status", "basis"):
        table.add_column(col, justify="right" if col in ("text", "annex", "diff") else "left")
    colour = {"met": "green", "short": "red", "over": "yellow"}
    for r in rows:
        table.add_row(
            r.scope_name,
            r.name,
            str(r.year or ""),
            f"{r.comparison} {r.text_value:g}{r.unit}",
            f"{r.annex_value:g}",
            f"{r.difference:+g}",
            f"[{colour[r.status]}]{r.status}[/]",
            r.basis,
        )
    out.print(table)
    for r in rows:
        if r.explanation:
            out.print(f"[cyan]{escape(r.scope_name)} {r.year}[/cyan]: {escape(r.explanation)}")
    disagree = [r for r in rows if r.status != "met"]
    explained = sum(1 for r in disagree if r.explanation)
    out.print(
        f"{len(rows) - len(disagree)} agree, {len(disagree)} disagree"
        + (f" ({explained} met by another grouping the plan supports)." if explained else ".")
    )
