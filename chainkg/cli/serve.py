"""``chainkg serve`` (the API and the maps over HTTP) and ``chainkg maps`` (the static site)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from chainkg.api.main import LOG_CONFIG, SERVER_OPTIONS
from chainkg.cli.common import SeedOption, fail, out, plan_graph, progress
from chainkg.graph_loader.errors import Neo4jConfigError
from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store import EmbeddedStore, make_driver
from chainkg.records.store import open_records
from chainkg.viz.export import Page, export_site


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (each with its own caches).", min=1, max=64)
    ] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
) -> None:
    """Serve the REST API (embedded store; Neo4j when NEO4J_URI is set) with uvicorn."""
    settings = get_settings()
    if settings.neo4j_uri:
        try:  # a malformed URI is one line here, not a traceback from the lifespan
            make_driver(settings).close()
        except Neo4jConfigError as exc:
            raise fail(str(exc), 2) from None
    else:
        plan_graph(None)  # an invalid seed lists its problems here and exits 1
        try:  # an unwritable CHAINKG_DATA_DIR is one line here, not a traceback
            open_records(settings).close()
        except (OSError, sqlite3.Error) as exc:
            raise fail(f"cannot open the records under {settings.data_dir}: {exc}", 2) from None
    backend = f"Neo4j at {settings.neo4j_uri}" if settings.neo4j_uri else "embedded"
    processes = f", {workers} workers" if workers > 1 else ""
    out.print(
        f"chainkg API on http://{host}:{port}/api/v1 ({backend} store{processes}), docs at /docs"
    )
    uvicorn.run(
        "chainkg.api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_config=LOG_CONFIG,
        **SERVER_OPTIONS,
    )


def maps(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write the site into.")],
    seed: SeedOption = None,
) -> None:
    """Write every map and index.html as a static site that works offline (file://)."""
    store = EmbeddedStore(plan_graph(seed))
    with progress() as bar:
        task = bar.add_task("maps", total=None)

        def written(page: Page) -> None:
            bar.update(task, advance=1, description=page.path)

        files = export_site(
            store, out_dir, on_pages=lambda n: bar.update(task, total=n), on_written=written
        )
    index = (out_dir / "index.html").resolve()
    pages = sum(f.suffix == ".html" for f in files)
    out.print(
        f"[green]wrote {pages} pages and {len(files) - pages} list files to {out_dir}[/green]; "
        f"open {index.as_uri()}"
    )
