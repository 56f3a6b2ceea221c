"""The files every page shares: vis-network 9.1.2 and our own scripts and styles.

The static site keeps one copy of each beside its pages (``assets/``); the server answers
them at ``/assets/<name>?v=<fingerprint>`` (cached for a year: the fingerprint changes with
their content).  Pages link to them, so a page carries only its own data; a page's
Content-Security-Policy allows them with ``'self'``, served and from ``file://``.

vis-network (Apache-2.0 OR MIT) comes from the copy inside the pyvis 0.3.2 wheel,
``pyvis/templates/lib/vis-9.1.2/``, its licence header kept.

>>> sorted(assets())[:3]
['ask.js', 'index.js', 'lang.js']
>>> media_type("map.js"), media_type("page.css")
('text/javascript; charset=utf-8', 'text/css; charset=utf-8')
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path

VIS_VERSION = "9.1.2"
VIS_LICENSE = "Apache-2.0 OR MIT"
VIS_JS = "vis-network.min.js"
VIS_CSS = "vis-network.css"
ASSETS_DIR = "assets"
"""Where the static site keeps the shared files, and the server's path for them."""
STATIC = Path(__file__).resolve().parent / "static"
OURS = (
    "page.css",
    "progress.css",
    "mechanism.css",
    "lang.js",
    "map.js",
    "index.js",
    "ask.js",
    "recommend.js",
    "progress.js",
    "layers.js",
)
"""Our own files under ``viz/static`` that pages link to."""


class VisAssetsMissing(RuntimeError):
    """The vis-network files are not where the pyvis wheel ships them."""


@functools.cache
def vis_assets() -> tuple[str, str]:
    """Return vis-network's (JavaScript, CSS) from the pyvis wheel, checking the version."""
    base = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (base / VIS_JS).read_text(encoding="utf-8")
        css = (base / VIS_CSS).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise VisAssetsMissing(
            f"vis-network {VIS_VERSION} not found in the pyvis package ({base}): "
            "install pyvis 0.3.2"
        ) from exc
    if f"@version {VIS_VERSION}" not in js[:600]:
        raise VisAssetsMissing(f"the vis-network in pyvis is not version {VIS_VERSION}")
    return js, css


@functools.cache
def static_text(name: str) -> str:
    """Return one of our own files under ``viz/static``."""
    return (STATIC / name).read_text(encoding="utf-8")


@functools.cache
def assets() -> dict[str, str]:
    """Return every shared file by name: vis-network's two, then ours."""
    js, css = vis_assets()
    return {VIS_JS: js, VIS_CSS: css, **{name: static_text(name) for name in OURS}}


@functools.cache
def fingerprint() -> str:
    """Return a short hash of every shared file: the served URLs change when any does."""
    digest = hashlib.sha256()
    for name, text in sorted(assets().items()):
        digest.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:12]


def media_type(name: str) -> str:
    """Return the Content-Type of a shared file."""
    kind = "javascript" if name.endswith(".js") else "css"
    return f"text/{kind}; charset=utf-8"


def write_assets(out: Path) -> list[Path]:
    """Write every shared file under ``out/assets`` (UTF-8) and return the paths."""
    folder = out / ASSETS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in assets().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


@functools.cache
def asset_bytes(name: str) -> bytes | None:
    """Return a shared file's UTF-8 bytes (None for an unknown name)."""
    text = assets().get(name)
    return None if text is None else text.encode("utf-8")
