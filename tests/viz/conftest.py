"""Fixtures of the map tests: the static site, the app served by uvicorn, Debian's chromium.

Browser tests drive the system's ``/usr/bin/chromium`` through Playwright's Python API
(no browser download).  When it is missing they are skipped, except under CI (``CI``
set), where that is a failure.  Every request a page makes is intercepted: one that
leaves localhost or the disk is aborted and recorded, and the test fails on any.  Every
Content-Security-Policy violation a page reports fails the test too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import pytest

from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.export import export_site
from chainkg.viz.maps import page_path
from tests.conftest import serve_app
from tools.chromium import CHROMIUM, launch

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Route

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, embedded_store: EmbeddedStore) -> Path:
    """The static site written by :func:`viz.export.export_site` (as ``chainkg maps`` does)."""
    out = tmp_path_factory.mktemp("site")
    export_site(embedded_store, out)
    return out


@pytest.fixture(scope="session")
def server_url(embedded_store: EmbeddedStore) -> Iterator[str]:
    """The app of :func:`api.main.create_app` on the embedded store, served by uvicorn."""
    from chainkg.api.main import create_app

    with serve_app(create_app(embedded_store)) as url:
        yield url


class Url(Protocol):
    """Gives the URL of a page (``index``, ``overview``, ``chain`` …) in one mode."""

    def __call__(self, kind: str, id: str | None = None) -> str: ...


SERVED = {
    "index": "/",
    "overview": "/maps/overview",
    "chain": "/maps/chains/{}",
    "park": "/maps/parks/{}",
    "group": "/maps/groups/{}",
    "department": "/maps/departments/{}",
    "graph": "/maps/graph",
}


@pytest.fixture(params=["served", "static"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(mode: str, request: pytest.FixtureRequest) -> Url:
    """Return the URL of a page in this mode: the app's path, or the file in the site."""
    if mode == "served":
        base: str = request.getfixturevalue("server_url")

        def served(kind: str, id: str | None = None) -> str:
            return base + SERVED[kind].format(id)

        return served
    site: Path = request.getfixturevalue("site_dir")

    def static(kind: str, id: str | None = None) -> str:
        return (site / page_path(kind, id)).as_uri()

    return static


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium: skip without it, but fail under CI (``CI`` set)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_session(chromium: Path) -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = launch(playwright_session)
    yield browser
    browser.close()


@dataclass
class Guard:
    """Requests a page made: those allowed (localhost, file, data) and those aborted."""

    allowed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[dict[str, Any]] = field(default_factory=list)
    """Content-Security-Policy violations the pages reported (``securitypolicyviolation``)."""


CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => window.__chainkgCsp({
  directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile,
  line: e.lineNumber, sample: e.sample, page: document.location.href}));
"""
"""Runs before any script of every page: reports each CSP violation to the test."""


def is_local(url: str) -> bool:
    """Return True for a URL that stays on this machine: file:, data:, blob:, localhost."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws") and parts.hostname in ("127.0.0.1", "localhost")


@pytest.fixture
def guarded_page(browser: Browser) -> Iterator[tuple[Page, Guard]]:
    """A fresh page whose every request is checked: any leaving the machine is aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    guard = Guard()

    def check(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            guard.allowed.append(url)
            route.continue_()
        else:
            guard.blocked.append(url)
            route.abort()

    context.route("**/*", check)
    context.expose_binding("__chainkgCsp", lambda _source, v: guard.csp.append(v))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("pageerror", lambda exc: guard.errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: guard.errors.append(msg.text) if msg.type == "error" else None,
    )
    try:
        yield page, guard
    finally:
        context.close()
    assert guard.blocked == [], f"requests left the machine: {guard.blocked}"
    assert guard.csp == [], f"Content-Security-Policy violations: {guard.csp}"


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under ``tests/artifacts/`` (ignored by git) and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
