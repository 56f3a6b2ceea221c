"""``chainkg keys``, ``chainkg actuals`` and ``chainkg audit``: API keys, the actuals workbook
and the audit, on the records store of the settings (SQLite under ``CHAINKG_DATA_DIR``, or
the Neo4j database when ``NEO4J_URI`` is set)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import err, fail, out
from chainkg.graph_loader.errors import Neo4jConfigError, StoreUnavailable
from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store import GraphStore, open_store
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS, FIRST_YEAR, LAST_YEAR, default_year
from chainkg.records.excel import Sheet, WorkbookInvalid, import_workbook, write_template
from chainkg.records.keys import BadKeyName, new_key
from chainkg.records.kinds import RecordKind
from chainkg.records.model import Role
from chainkg.records.store import KeyExists, RecordsStore, UnknownKey, open_records
from chainkg.records.validate import cli_actor

keys = typer.Typer(help="API keys: create (printed once), list, revoke.", no_args_is_help=True)
actuals = typer.Typer(
    help="Yearly actuals: the Excel template, and importing a filled-in workbook.",
    no_args_is_help=True,
)


@contextmanager
def stores() -> Iterator[tuple[GraphStore, RecordsStore]]:
    """Yield the settings' graph store and its records store; close both afterwards."""
    try:
        graph = open_store(get_settings())
    except Neo4jConfigError as exc:
        raise fail(str(exc), 2) from None
    records = open_records(get_settings(), graph)
    try:
        yield graph, records
    except (StoreUnavailable, Neo4jConfigError) as exc:
        raise fail(str(exc)) from None
    finally:
        records.close()
        graph.close()


@keys.command("create")
def create_key(
    name: Annotated[str, typer.Option("--name", help="Who the key is for (shown in the audit).")],
    role: Annotated[Role, typer.Option("--role", help="viewer, editor or admin.")],
) -> None:
    """Create a key; the key itself is printed alone on the last line, and only now."""
    try:
        secret, key = new_key(name, role, cli_actor())
    except BadKeyName as exc:
        raise fail(str(exc), 2) from None
    with stores() as (_, records):
        try:
            records.create_key(key, actor=cli_actor())
        except KeyExists:
            raise fail(f"a key named {name!r} exists already (revoked names are kept)") from None
    err.print(f"created key {escape(name)!r} with role {role}; it is shown once, store it now:")
    typer.echo(secret)


@keys.command("list")
def list_keys() -> None:
    """List the keys: name, role, created, revoked (never the key itself)."""
    with stores() as (_, records):
        found = records.list_keys()
    table = Table(title=f"{len(found)} API key(s)")
    for column in ("name", "role", "created", "by", "revoked"):
        table.add_column(column)
    for k in found:
        table.add_row(
            escape(k.name), k.role, k.created_at, escape(k.created_by), k.revoked_at or ""
        )
    out.print(table)


@keys.command("revoke")
def revoke_key(
    name: Annotated[str | None, typer.Argument(help="The key's name.")] = None,
    by_name: Annotated[str | None, typer.Option("--name", help="The key's name.")] = None,
) -> None:
    """Revoke a key (by name, given either way): it is refused from now on (kept in the list
    and the audit)."""
    name = name or by_name
    if not name:
        raise fail("which key? chainkg keys revoke NAME", 2)
    with stores() as (_, records):
        try:
            key = records.revoke_key(name, actor=cli_actor())
        except UnknownKey:
            raise fail(f"no key named {name!r}") from None
    out.print(f"revoked key {escape(name)!r} at {key.revoked_at}")


@actuals.command("template")
def template(
    out_file: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
    year: Annotated[
        int | None,
        typer.Option(
            min=FIRST_YEAR, max=LAST_YEAR, help="The year filled in (default: last year)."
        ),
    ] = None,
) -> None:
    """Write the Excel template: the 30 chains, then the measures' targets and the indicators."""
    with stores() as (graph, _):
        data = write_template(ACTUALS, ACTUAL_SHEETS, graph, year or default_year())
    out_file.write_bytes(data)
    out.print(f"[green]wrote {escape(str(out_file))}[/green]: fill in year, value and source")


WorkbookArg = Annotated[Path, typer.Argument(help="A filled-in workbook (.xlsx).", exists=True)]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who imports (default: cli:<login name>).")
]
SourceOption = Annotated[
    str | None,
    typer.Option(help="The document cited by rows with no source (default: the file's name)."),
]


@actuals.command("import")
def import_file(file: WorkbookArg, by: ByOption = None, source: SourceOption = None) -> None:
    """Import a workbook: every row is checked; any problem means nothing is written."""
    run_import(ACTUALS, ACTUAL_SHEETS, file, by, source)


def run_import(
    kind: RecordKind, sheets: Sequence[Sheet], file: Path, by: str | None, source: str | None
) -> None:
    """Import a workbook of ``kind`` and print what changed (every problem, and exit 1)."""
    data = file.read_bytes()
    with stores() as (graph, records):
        try:
            result = import_workbook(
                kind,
                sheets,
                data,
                graph,
                records,
                actor=by or cli_actor(),
                origin=f"chainkg {kind.plural} import {file.name}",
                default_source=source or file.name,
            )
        except WorkbookInvalid as exc:
            for error in exc.errors:
                err.print(f"[red]error[/red] {escape(file.name)}: {escape(str(error))}")
            err.print(f"[red]{len(exc.errors)} problem(s); nothing was written.[/red]")
            raise typer.Exit(1) from None
    what = f"created {result.created}, replaced {result.replaced}, unchanged {result.unchanged}"
    if result.audit_id is None:
        out.print(f"[green]nothing changed[/green] ({what})")
    else:
        out.print(f"[green]imported[/green]: {what} (audit entry {result.audit_id})")


def audit(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many entries.")] = 20,
    kind: Annotated[
        str | None, typer.Option(help="Only writes of this kind (actual, key).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every entry in full, as JSON.")] = False,
) -> None:
    """Show the audit, newest first: who wrote what, when, each record before and after."""
    with stores() as (_, records):
        total, entries = records.audit(limit=limit, kind=kind)
    if as_json:
        typer.echo(json.dumps([e.model_dump() for e in entries], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"audit: {len(entries)} of {total} entries, newest first")
    for column in ("id", "at", "who", "action", "records", "origin"):
        table.add_column(column)
    for e in entries:
        table.add_row(
            str(e.id),
            e.time,
            escape(e.key_name),
            e.action,
            str(len(e.records)),
            escape(e.origin or ""),
        )
    out.print(table)
