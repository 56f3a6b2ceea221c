"""The files every page shares (vis-network, our scripts and styles) at ``/assets/<name>``.

Pages link to them with ``?v=<fingerprint>`` (:func:`chainkg.viz.assets.fingerprint`), which
changes with their content, so such a request is answered as immutable for a year; without
the current fingerprint it is revalidated.  Open to everyone: they are code, not data.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from chainkg.api.errors import NotFoundError
from chainkg.viz.assets import ASSETS_DIR, asset_bytes, fingerprint, media_type

IMMUTABLE = "public, max-age=31536000, immutable"
router = APIRouter(tags=["maps"], include_in_schema=False)


@router.get(f"/{ASSETS_DIR}/{{name}}")
def asset(
    name: Annotated[str, Path(max_length=100)],
    v: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """A shared file of the pages (JavaScript or CSS)."""
    body = asset_bytes(name)
    if body is None:
        raise NotFoundError("asset", name)
    cache = IMMUTABLE if v == fingerprint() else "no-cache"
    return Response(body, media_type=media_type(name), headers={"Cache-Control": cache})
