"""``chainkg validate`` and ``chainkg reconcile``: the seed checked, and the plan's sums."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import SeedOption, err, out, plan_graph, seed_dir
from chainkg.graph_loader.graph import build_graph
from chainkg.graph_loader.reconcile import ReconRow, inputs_from_graph, reconcile
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


PLAN_SCOPE = "plan.taizhou_chains"


def figure(value: float, unit: str = "") -> str:
    """Return a figure rounded for a table: one decimal at most, thousands separated.

    >>> figure(87.5676, "%"), figure(6113.0, "亿元"), figure(2.5676), figure(-48.0)
    ('87.6%', '6,113亿元', '2.6', '-48')
    """
    text = f"{value:,.1f}".removesuffix(".0")
    return ("0" if text == "-0" else text) + unit


def _reconcile_table(rows: list[ReconRow]) -> Table:
    """Return the rows as a table that fits 80 columns: one section per scope, the target's
    name wrapped in its column, figures rounded, status coloured."""
    table = Table(
        title="目标对账 reconciliation: the text's targets beside the annex",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=False,
    )
    table.add_column("target (scope in bold)", ratio=1, min_width=16, overflow="fold")
    table.add_column("year", no_wrap=True)
    table.add_column("text", justify="right", no_wrap=True)
    table.add_column("annex", justify="right", no_wrap=True)
    table.add_column("diff", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    colour = {"met": "green", "short": "red", "over": "yellow"}
    scope = None
    for r in rows:
        if r.scope != scope:
            scope = r.scope
            name = "全市 the plan" if scope == PLAN_SCOPE else r.scope_name
            table.add_row(f"[bold cyan]{escape(name)}[/bold cyan]", end_section=False)
        unit = "%" if r.unit == "%" else ""
        table.add_row(
            escape(r.name),
            str(r.year) if r.year else "–",
            f"{r.comparison} {figure(r.text_value, r.unit)}",
            figure(r.annex_value, unit),
            ("+" if r.difference > 0 else "") + figure(r.difference),
            f"[{colour[r.status]}]{r.status}[/]",
        )
    return table


def reconcile_cmd(
    seed: SeedOption = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Every row in full (basis, section, quote, exact figures) as JSON."
        ),
    ] = False,
) -> None:
    """Set the text's targets beside what the annex adds up to: met, short or over."""
    rows = reconcile(inputs_from_graph(plan_graph(seed)))
    if as_json:
        print(json.dumps([r.model_dump() for r in rows], ensure_ascii=False, indent=2))
        return
    out.print(_reconcile_table(rows))
    for r in rows:
        if r.explanation:
            out.print(
                f"[cyan]{escape(r.scope_name)} {r.year}[/cyan]: {escape(r.explanation)}",
                soft_wrap=False,  # wrapped at the terminal's width, like the table
            )
    disagree = [r for r in rows if r.status != "met"]
    explained = sum(1 for r in disagree if r.explanation)
    out.print(
        f"{len(rows) - len(disagree)} agree, {len(disagree)} disagree"
        + (f" ({explained} met by another grouping the plan supports)." if explained else "."),
        soft_wrap=False,
    )
    out.print("[dim]what each annex figure adds up, the section and the quote: --json[/dim]")
