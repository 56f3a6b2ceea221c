"""``chainkg ask "…"``: a question answered from the graph, as the API's ``/ask`` answers it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chainkg.api import services
from chainkg.api.errors import ProblemError
from chainkg.cli.common import fail, out
from chainkg.graph_loader.ask.model import Lang
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store import open_store
from chainkg.records.store import open_records


def ask(
    question: Annotated[str, typer.Argument(help="The question, e.g. 光伏在哪些园区？")],
    lang: Annotated[Lang, typer.Option(help="The language of the answer's text.")] = "zh",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the answer as the API's JSON.")
    ] = False,
) -> None:
    """Answer a question about the plan and what staff recorded against it (embedded store
    and its records; Neo4j when NEO4J_URI is set)."""
    store = open_store(get_settings())
    records = open_records(get_settings(), store)
    try:
        answer = services.ask(store, question, lang, records)
    except ProblemError as exc:
        raise fail(exc.detail, 2) from None
    except StoreUnavailable as exc:
        raise fail(str(exc)) from None
    finally:
        records.close()
        store.close()
    if as_json:
        print(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    colour = "green" if answer.answered else "yellow"
    out.print(f"[{colour}]{escape(answer.text)}[/{colour}]")
    if answer.results:
        table = Table(show_header=True, header_style="bold")
        for col in ("id", "name", "role", "value"):
            table.add_column(col)
        for r in answer.results:
            value = "" if r.value is None else f"{r.value:g}{r.unit or ''}"
            table.add_row(r.id, r.name, r.role or "", value)
        out.print(table)
    for ev in answer.evidence:
        who = f" [dim]({escape(ev.written_by or '')}, {ev.written_at})[/dim]" if ev.record else ""
        out.print(f"[dim]{escape(ev.source)}[/dim] “{escape(ev.quote)}”{who}")
    if answer.suggestions:
        out.print("试试 / try: " + escape("；".join(answer.suggestions)))
    out.print(f"[dim]intent {answer.intent} · map {answer.map}[/dim]")
