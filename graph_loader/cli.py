"""The ``chainkg`` command line: validate, reconcile, load, serve and maps."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from graph_loader.graph import PlanGraph, build_graph
from graph_loader.problems import SeedError
from graph_loader.reconcile import inputs_from_graph, reconcile
from graph_loader.seed_io import read_seed
from graph_loader.settings import Settings, get_settings
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


def _progress() -> Progress:
    """Return the progress bar of long commands (on stderr, gone when done)."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


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
    disagree = [r for r in rows if r.status != "met"]
    out.print(f"{len(rows) - len(disagree)} agree, {len(disagree)} disagree.")


Neo4jUri = Annotated[str | None, typer.Option("--neo4j-uri", help="Bolt URI (or NEO4J_URI).")]
Neo4jUser = Annotated[str | None, typer.Option("--user", help="User (or NEO4J_USER).")]
Neo4jPassword = Annotated[
    str | None, typer.Option("--password", help="Password (or NEO4J_PASSWORD).")
]
Neo4jDatabase = Annotated[
    str | None, typer.Option("--database", help="Database (or NEO4J_DATABASE).")
]


def _neo4j_settings(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Settings:
    overrides = {
        k: v
        for k, v in {
            "neo4j_uri": uri,
            "neo4j_user": user,
            "neo4j_password": password,
            "neo4j_database": database,
        }.items()
        if v is not None
    }
    settings = get_settings().model_copy(update=overrides)
    if password is not None:
        settings.neo4j_password = SecretStr(password)
    if not settings.neo4j_uri:
        err.print("[red]error:[/red] no Neo4j given: use --neo4j-uri or set NEO4J_URI")
        raise typer.Exit(2)
    return settings


@app.command()
def load(
    seed: SeedOption = None,
    neo4j_uri: Neo4jUri = None,
    user: Neo4jUser = None,
    password: Neo4jPassword = None,
    database: Neo4jDatabase = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, do not write.")] = False,
) -> None:
    """Load the seed into Neo4j: schema first, one atomic transaction, only the changes."""
    from graph_loader.neo4j_conn import Neo4jConfigError, check_server, make_driver
    from graph_loader.neo4j_loader import ChangeSet, LoadReport, load_graph, plan_load
    from graph_loader.store import StoreUnavailable

    graph = _graph(seed)
    settings = _neo4j_settings(neo4j_uri, user, password, database)
    uri, db = str(settings.neo4j_uri), settings.neo4j_database
    try:
        driver = make_driver(settings)
    except Neo4jConfigError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    try:
        with driver:
            version = check_server(driver, uri, db)
            out.print(f"Neo4j {version} at {uri}, database {db!r}")
            if dry_run:
                report: LoadReport = plan_load(driver, db, graph).report
            else:
                with _progress() as bar:
                    task = bar.add_task("loading", total=None)

                    def sized(changes: ChangeSet) -> None:
                        bar.update(task, total=changes.size)

                    report = load_graph(
                        driver,
                        db,
                        graph,
                        on_plan=sized,
                        progress=lambda n: bar.advance(task, n),
                    )
    except (StoreUnavailable, Neo4jConfigError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None
    verb = "would change" if dry_run else "changed"
    table = Table(title=f"load {verb}")
    for col in ("", "created", "updated", "deleted"):
        table.add_column(col, justify="right" if col else "left")
    table.add_row(
        "nodes", str(report.nodes_created), str(report.nodes_updated), str(report.nodes_deleted)
    )
    table.add_row(
        "relationships",
        str(report.relationships_created),
        str(report.relationships_updated),
        str(report.relationships_deleted),
    )
    out.print(table)
    if not report.changed:
        out.print("[green]the database already holds exactly this seed; nothing written[/green]")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the REST API (embedded store; Neo4j when NEO4J_URI is set) with uvicorn."""
    import uvicorn

    settings = get_settings()
    if settings.neo4j_uri:
        from graph_loader.neo4j_conn import Neo4jConfigError, make_driver

        try:  # a malformed URI is one line here, not a traceback from the lifespan
            make_driver(settings).close()
        except Neo4jConfigError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from None
    else:
        _graph(None)  # an invalid seed lists its problems here and exits 1
    backend = f"Neo4j at {settings.neo4j_uri}" if settings.neo4j_uri else "embedded"
    out.print(f"chainkg API on http://{host}:{port}/api/v1 ({backend} store), docs at /docs")
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port)


@app.command()
def maps(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write the site into.")],
    seed: SeedOption = None,
) -> None:
    """Write every map and index.html as a static site that works offline (file://)."""
    from graph_loader.store import EmbeddedStore
    from viz.export import Page, export_site

    store = EmbeddedStore(_graph(seed))
    with _progress() as bar:
        task = bar.add_task("maps", total=None)

        def written(page: Page) -> None:
            bar.update(task, advance=1, description=page.path)

        files = export_site(
            store, out_dir, on_pages=lambda n: bar.update(task, total=n), on_written=written
        )
    index = (out_dir / "index.html").resolve()
    out.print(f"[green]wrote {len(files)} pages to {out_dir}[/green]; open {index.as_uri()}")


def main() -> None:
    """Entry point: run the app; an unexpected error is one line, not a traceback."""
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # retries are reported by us, once
    try:
        app()
    except Exception as exc:
        if os.environ.get("CHAINKG_DEBUG"):
            raise
        err.print(f"[red]error:[/red] {type(exc).__name__}: {exc}")
        err.print("(set CHAINKG_DEBUG=1 to see the traceback)")
        sys.exit(2)
