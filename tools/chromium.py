"""Debian's headless chromium, as the browser tests and ``bench/maps.py`` launch it.

Only the standard library is imported at run time (Playwright is imported by the callers),
so the benchmark can use it as a script::

    from tools.chromium import READY_JS, launch

    with sync_playwright() as pw:
        browser = launch(pw)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

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
