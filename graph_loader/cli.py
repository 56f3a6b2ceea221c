"""The ``chainkg`` command line: validate, reconcile, load, serve and maps."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph_loader.graph import PlanGraph, build_graph
from graph_loader.problems import SeedError
from graph_loader.reconcile import inputs_from_graph, reconcile
from graph_loader.seed_io import read_seed
from graph_loader.settings import get_settings
from graph_loader.validate import check_seed, load_valid_seed

app = typer.Typer(
    help="chainkg: the Taizhou industrial-chain plan as a knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

SeedOption = Annotated[
    Path | None,
    typer.Option("--seed", help="Seed directory (default: CHAINKG_SEED_DIR or the shipped seed)."),
]


def _seed_dir(seed: Path | None) -> Path:
    return seed or get_settings().seed_dir


def _graph(seed: Path | None) -> PlanGraph:
    """Return the graph of a valid seed, or exit 1 listing every problem."""
    try:
        return build_graph(load_valid_seed(_seed_dir(seed)))
    except SeedError as exc:
        for problem in exc.problems:
            err.print(f"[red]error[/red] {escape(str(problem))}")
        err.print(f"[red]{len(exc.problems)} problem(s); nothing was accepted.[/red]")
        raise typer.Exit(1) from None


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, n in counts.items():
        table.add_row(kind, str(n))
    table.add_row("[bold]total[/bold]", f"[bold]{sum(counts.values())}[/bold]")
    return table


@app.command()
def validate(seed: SeedOption = None) -> None:
    """Check the seed: every problem with file, record and field; exit 1 if any."""
    directory = _seed_dir(seed)
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


@app.command("reconcile")
def reconcile_cmd(
    seed: SeedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """Set the text's targets beside what the annex adds up to: met, short or over."""
    rows = reconcile(inputs_from_graph(_graph(seed)))
    if as_json:
        import json

        print(json.dumps([r.model_dump() for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title="目标对账 reconciliation: text vs annex")
    for col in ("scope", "target", "year", "text", "annex", "diff", "status", "basis"):
        table.add_column(col, justify="right" if col in ("text", "annex", "diff") else "left")
    colour = {"met": "green", "short": "red", "over": "yellow"}
    for r in rows:
        table.add_row(
            r.scope_name, r.name, str(r.year or ""), f"{r.comparison} {r.text_value:g}{r.unit}",
            f"{r.annex_value:g}", f"{r.difference:+g}", f"[{colour[r.status]}]{r.status}[/]",
            r.basis,
        )
    out.print(table)
    disagree = [r for r in rows if r.status != "met"]
    out.print(f"{len(rows) - len(disagree)} agree, {len(disagree)} disagree.")


def main() -> None:
    """Entry point: run the app; an unexpected error is one line, not a traceback."""
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("CHAINKG_DEBUG"):
            raise
        err.print(f"[red]error:[/red] {type(exc).__name__}: {exc}")
        err.print("(set CHAINKG_DEBUG=1 to see the traceback)")
        sys.exit(2)
