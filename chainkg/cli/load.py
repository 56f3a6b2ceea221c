"""``chainkg load``: the seed into Neo4j, schema first, one atomic transaction, only the changes."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import SecretStr
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import SeedOption, err, fail, out, plan_graph, progress
from chainkg.graph_loader.errors import Neo4jConfigError, StoreUnavailable
from chainkg.graph_loader.neo4j_loader import ChangeSet, LoadReport, load_graph, plan_load
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.graph_loader.store.neo4j_backend import check_server, make_driver
from chainkg.records.store import Neo4jRecords

Neo4jUri = Annotated[str | None, typer.Option("--neo4j-uri", help="Bolt URI (or NEO4J_URI).")]
Neo4jUser = Annotated[str | None, typer.Option("--user", help="User (or NEO4J_USER).")]
Neo4jPassword = Annotated[
    str | None, typer.Option("--password", help="Password (or NEO4J_PASSWORD).")
]
Neo4jDatabase = Annotated[
    str | None, typer.Option("--database", help="Database (or NEO4J_DATABASE).")
]


def neo4j_settings(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Settings:
    """Return the settings with the command line's Neo4j options over the environment's."""
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
        raise fail("no Neo4j given: use --neo4j-uri or set NEO4J_URI", 2)
    return settings


def _report_table(report: LoadReport, dry_run: bool) -> Table:
    table = Table(title=f"the load {'would change' if dry_run else 'changed'}")
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
    return table


def load(
    seed: SeedOption = None,
    neo4j_uri: Neo4jUri = None,
    user: Neo4jUser = None,
    password: Neo4jPassword = None,
    database: Neo4jDatabase = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, do not write.")] = False,
) -> None:
    """Load the seed into Neo4j: schema first, one atomic transaction, only the changes."""
    graph = plan_graph(seed)
    settings = neo4j_settings(neo4j_uri, user, password, database)
    uri, db = str(settings.neo4j_uri), settings.neo4j_database
    try:
        driver = make_driver(settings)
    except Neo4jConfigError as exc:
        raise fail(str(exc), 2) from None
    try:
        with driver:
            version = check_server(driver, uri, db)
            where = f"Neo4j {version} at {uri}, database {db!r}"
            stored = Neo4jRecords(driver, uri, db).records()
            gone = [r for r in stored if r.subject not in graph.nodes]
            if dry_run:
                report: LoadReport = plan_load(driver, db, graph).report
            else:
                with progress() as bar:
                    task = bar.add_task("loading", total=None)

                    def sized(changes: ChangeSet) -> None:
                        bar.update(task, total=changes.size)

                    report = load_graph(
                        driver, db, graph, on_plan=sized, progress=lambda n: bar.advance(task, n)
                    )
    except (StoreUnavailable, Neo4jConfigError) as exc:
        raise fail(str(exc)) from None
    if not report.changed:  # one line, not a table of zeros
        verdict = "a load would write nothing" if dry_run else "nothing written"
        out.print(f"[green]{verdict}[/green]: {where} already holds exactly this seed")
    else:
        out.print(where)
        out.print(_report_table(report, dry_run))
    if gone:
        subjects = ", ".join(sorted({r.subject for r in gone}))
        err.print(
            f"[yellow]{len(gone)} staff record(s) are about subjects this seed does not have "
            f"({escape(subjects)}); they are kept, and listed as orphans by the API[/yellow]"
        )
