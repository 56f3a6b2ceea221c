"""``chainkg assignments``, ``chainkg candidates`` and ``chainkg chokepoints``: the working
mechanism's records as workbooks (the template, an export of what is stored, an import), and
``chainkg gaps``: a chain's or park's gap view, or the 补链清单 of every chain."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chainkg.cli.common import fail, out
from chainkg.cli.records import ByOption, SourceOption, WorkbookArg, run_import, stores
from chainkg.graph_loader.lists import build_list
from chainkg.graph_loader.sheets import file_name, render
from chainkg.records.assignments import ASSIGNMENT_SHEETS, ASSIGNMENTS
from chainkg.records.candidates import CANDIDATE_SHEETS, CANDIDATES
from chainkg.records.chokepoints import CHOKEPOINT_SHEETS, CHOKEPOINTS
from chainkg.records.excel import Sheet, write_template
from chainkg.records.gaps import UnknownNode, chain_gaps, park_gaps
from chainkg.records.kinds import RecordKind

KINDS: tuple[tuple[RecordKind, Sequence[Sheet], str], ...] = (
    (
        ASSIGNMENTS,
        ASSIGNMENT_SHEETS,
        "挂钩 assignments (四(一)): city leader, lead department, task force of chains, parks, "
        "projects, enterprises.",
    ),
    (
        CANDIDATES,
        CANDIDATE_SHEETS,
        "招商目标企业清单 (三(二)): per chain, the enterprises to attract and their stage.",
    ),
    (CHOKEPOINTS, CHOKEPOINT_SHEETS, "卡脖子技术清单 (三(一)): per chain, what holds it back."),
)


def kind_app(kind: RecordKind, sheets: Sequence[Sheet], about: str) -> typer.Typer:
    """Return the command group of one kind: template, export and import."""
    app = typer.Typer(help=about, no_args_is_help=True)

    @app.command("template")
    def template(
        out_file: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
    ) -> None:
        """Write the Excel template (every subject, with the columns to fill in)."""
        with stores() as (graph, _):
            out_file.write_bytes(write_template(kind, sheets, graph, None))
        out.print(f"[green]wrote {escape(str(out_file))}[/green]")

    @app.command("export")
    def export(
        out_file: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
        subject: Annotated[str | None, typer.Option(help="Only this subject (chain.pv).")] = None,
    ) -> None:
        """Write what is stored as the template filled in: importing it changes nothing."""
        with stores() as (graph, records):
            stored = records.records(kind.name, subject)
            out_file.write_bytes(write_template(kind, sheets, graph, None, stored, subject))
        out.print(f"[green]wrote {escape(str(out_file))}[/green]: {len(stored)} {kind.plural}")

    @app.command("import")
    def import_file(file: WorkbookArg, by: ByOption = None, source: SourceOption = None) -> None:
        """Import a workbook: every row is checked; any problem means nothing is written."""
        run_import(kind, sheets, file, by, source)

    return app


def gaps(
    chain: Annotated[str | None, typer.Option(help="A chain id (chain.pv).")] = None,
    park: Annotated[str | None, typer.Option(help="A park id (park.taixing_edz).")] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the 补链清单 of every chain (.xlsx).")
    ] = None,
) -> None:
    """The gap view (补链): a chain's or park's focus directions, covered or open (open
    first); or, with --out, the 补链清单 of every chain with the recorded candidates."""
    with stores() as (graph, records):
        if out_file is not None:
            built = build_list(graph, "gaps", records=records)
            out_file.write_bytes(render(built, "xlsx"))
            out.print(f"[green]wrote {escape(str(out_file))}[/green] ({file_name(built, 'xlsx')})")
            return
        if (chain is None) == (park is None):
            raise fail("give --chain or --park (or --out for every chain)", 2)
        try:
            views = (
                [chain_gaps(graph, records, chain)]
                if chain
                else park_gaps(graph, records, str(park)).chains
            )
        except UnknownNode as exc:
            raise fail(f"no {'chain' if chain else 'park'} {exc.id!r}") from None
    for view in views:
        table = Table(
            title=f"{view.chain.name}: {view.counts['open']} open, {view.counts['covered']} covered"
        )
        for col in ("direction", "status", "covered by", "pursued"):
            table.add_column(col)
        for d in view.directions:
            table.add_row(
                escape(d.name),
                "[red]open[/red]" if d.status == "open" else "[green]covered[/green]",
                escape("、".join(c.name for c in d.covers)),
                escape("、".join(f"{c.name}（{c.stage}）" for c in d.pursued)),
            )
        out.print(table)
