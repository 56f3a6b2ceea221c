"""The benchmark's baseline: a bare FastAPI app that answers every path with a constant JSON body.

``bench/api.py`` serves it the way ``chainkg serve`` serves the API (uvicorn, one worker, the
same server options, no access log), with, for each benchmarked path, a body of the size the
API answers there: the limit of the stack, with nothing computed per request.

    .venv/bin/python -m bench.bare --port 8001 --bodies bodies.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Response

from chainkg.api.main import SERVER_OPTIONS


def create_bare_app(sizes: dict[str, int]) -> FastAPI:
    """Return the app: ``GET <path>`` answers a constant JSON body of ``sizes[path]`` bytes."""
    bodies = {path: _body(size) for path, size in sizes.items()}
    fallback = _body(1000)
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/{path:path}")
    async def constant(path: str) -> Response:
        return Response(bodies.get("/" + path, fallback), media_type="application/json")

    return app


def _body(size: int) -> bytes:
    """Return a JSON document of exactly ``size`` bytes (at least 10)."""
    return b'{"pad":"' + b"x" * max(0, size - 10) + b'"}'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--bodies", type=Path, required=True, help="JSON: path -> body size")
    args = parser.parse_args()
    sizes = json.loads(args.bodies.read_text(encoding="utf-8"))
    uvicorn.run(
        create_bare_app(sizes),
        host=args.host,
        port=args.port,
        access_log=False,
        log_level="warning",
        **SERVER_OPTIONS,
    )


if __name__ == "__main__":
    main()
