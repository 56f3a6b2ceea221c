"""Fixtures of the map tests: the static site, the app served by uvicorn, Debian's chromium.

Browser tests drive the system's ``/usr/bin/chromium`` through Playwright's Python API
(no browser download).  When it is missing they are skipped, except under CI (``CI``
set), where that is a failure.  Every request a page makes is intercepted: one that
leaves localhost or the disk is aborted and recorded, and the test fails on any.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.export import export_site
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(embedded_store: EmbeddedStore) -> Iterator[str]:
    """The app of :func:`api.main.create_app` on the embedded store, served by uvicorn."""
    from chainkg.api.main import create_app

    with serve(create_app(embedded_store)) as url:
        yield url


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free port of 127.0.0.1; yield its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


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


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under ``tests/artifacts/`` (ignored by git) and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
