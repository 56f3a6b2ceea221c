"""What every command shares: the consoles, the ``--seed`` option and the seed graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from chainkg.graph_loader.errors import Neo4jConfigError
from chainkg.graph_loader.graph import PlanGraph, build_graph
from chainkg.graph_loader.problems import SeedError
from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, open_store
from chainkg.graph_loader.validate import load_valid_seed

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

SeedOption = Annotated[
    Path | None,
    typer.Option("--seed", help="Seed directory (default: CHAINKG_SEED_DIR or the shipped seed)."),
]


def seed_dir(seed: Path | None) -> Path:
    """Return the seed directory to use: the option's, else the settings'."""
    return seed or get_settings().seed_dir


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` on stderr and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def plan_graph(seed: Path | None) -> PlanGraph:
    """Return the graph of a valid seed, or exit 1 listing every problem."""
    try:
        return build_graph(load_valid_seed(seed_dir(seed)))
    except SeedError as exc:
        for problem in exc.problems:
            err.print(f"[red]error[/red] {escape(str(problem))}")
        err.print(f"[red]{len(exc.problems)} problem(s); nothing was accepted.[/red]")
        raise typer.Exit(1) from None


def store_for(seed: Path | None) -> GraphStore:
    """Return the store a reading command uses: Neo4j when ``NEO4J_URI`` is set and no
    ``--seed`` is given, else the embedded store of the (valid) seed."""
    settings = get_settings()
    if seed is None and settings.neo4j_uri:
        try:
            return open_store(settings)
        except Neo4jConfigError as exc:
            raise fail(str(exc), 2) from None
    return EmbeddedStore(plan_graph(seed))


def progress() -> Progress:
    """Return the progress bar of long commands (on stderr, gone when done)."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
