"""The ``chainkg`` command line, the top layer: it uses graph_loader, api and viz.

One module per group of commands; this one puts them on one Typer app.
"""

from __future__ import annotations

import logging
import os
import sys

import typer

from chainkg.cli import ask, lists, load, mechanism, plan, recommend, records, serve
from chainkg.cli.common import err
from chainkg.cli.help import flags_take_no_value

app = typer.Typer(
    help="chainkg: the Taizhou industrial-chain plan as a knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(plan.validate)
app.command("reconcile")(plan.reconcile_cmd)
app.command()(load.load)
app.command()(serve.serve)
app.command()(serve.maps)
app.command()(ask.ask)
app.command()(recommend.recommend)
app.command()(lists.lists)
app.add_typer(records.keys, name="keys")
app.add_typer(records.actuals, name="actuals")
for _kind, _sheets, _about in mechanism.KINDS:
    app.add_typer(mechanism.kind_app(_kind, _sheets, _about), name=_kind.plural)
app.command()(mechanism.gaps)
app.command()(records.audit)
flags_take_no_value(app)


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
