"""``chainkg lists``: the 清单 written as files (xlsx, csv, json) into a directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from chainkg.cli.common import SeedOption, fail, out, store_for
from chainkg.graph_loader.lists import LISTS, build_list
from chainkg.graph_loader.sheets import FORMATS, Format, file_name, render
from chainkg.records import gaps as _gaps  # noqa: F401 - registers the 补链清单


def lists(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write the files into.")],
    names: Annotated[
        list[str] | None,
        typer.Option("--list", help="A list (repeatable; default all): " + ", ".join(LISTS)),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", help="xlsx, csv or json (repeatable; default all three)."),
    ] = None,
    seed: SeedOption = None,
) -> None:
    """Write the lists (产业链清单, 园区产业链对照表, 责任清单 …) as Excel, CSV and JSON files."""
    wanted = names or list(LISTS)
    unknown = [n for n in wanted if n not in LISTS]
    if unknown:
        raise fail(f"unknown list {', '.join(unknown)}; known: {', '.join(LISTS)}", 2)
    fmts: list[Format] = []
    for f in formats or FORMATS:
        if f not in FORMATS:
            raise fail(f"unknown format {f}; known: {', '.join(FORMATS)}", 2)
        fmts.append(f)
    store = store_for(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = RichTable(title=f"lists in {out_dir}")
    for col in ("list", "rows", "files"):
        table.add_column(col, justify="right" if col == "rows" else "left")
    for name in wanted:
        built = build_list(store, name)  # once for every format
        files = []
        for fmt in fmts:
            path = out_dir / file_name(built, fmt)
            path.write_bytes(render(built, fmt))
            files.append(path.name)
        table.add_row(f"{built.title} ({name})", str(len(built.rows)), "  ".join(files))
    out.print(table)
