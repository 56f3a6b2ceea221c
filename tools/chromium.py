"""Debian's headless chromium, as the browser tests and ``bench/maps.py`` launch it.

Only the standard library is imported at run time (Playwright is imported by the callers),
so the benchmark can use it as a script::

    from tools.chromium import READY_JS, launch, wait_for

    with sync_playwright() as pw:
        browser = launch(pw)
        ...
        wait_for(page, READY_JS)
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY_JS = "window.chainkgMap && window.chainkgMap.readyAt !== null"
"""True once a map page has drawn its network with the layout final (``chainkgMap.readyAt``)."""


def launch(playwright: Playwright) -> Browser:
    """Return Debian's chromium, headless, launched with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def wait_for(page: Page, expression: str, arg: Any = None, *, timeout: float = 30.0) -> None:
    """Wait until ``expression`` (JavaScript, or a function of ``arg``) is truthy in ``page``.

    Not Playwright's ``wait_for_function``: that builds its predicate with ``new Function``
    inside the page, which the pages' Content-Security-Policy (no ``'unsafe-eval'``)
    forbids.  ``page.evaluate`` goes through the DevTools protocol, which the policy does
    not govern.  Raises ``TimeoutError`` after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression, arg):
                return
        except Exception:  # the page is navigating: its context is gone until the next one
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout:g} s: {expression}")
        time.sleep(0.05)
