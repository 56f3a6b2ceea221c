"""The Content-Security-Policy of an HTML page, computed from the page itself.

A page may run only what it carries or what its own site serves: each inline
``<script>`` and ``<style>`` is allowed by the SHA-256 hash of its exact text, and
files by ``'self'`` (scripts and styles moved beside the pages need nothing more).
There is no ``'unsafe-inline'`` and no ``'unsafe-eval'`` (vis-network 9.1.2 needs
neither: the browser tests count the violations and find none).  Data blocks
(``<script type="application/json">``) are not run, so they need no hash.

:func:`with_csp` writes the policy into the page as a ``<meta http-equiv>`` so that it
holds from ``file://`` too; the server sends the same policy as a header, plus
``frame-ancestors``, which a ``<meta>`` cannot carry.

>>> page = '<html><head><meta charset="utf-8"><script>go()</script></head></html>'
>>> "script-src 'self' 'sha256-" in page_policy(page)
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from markupsafe import escape

DATA_TYPES = frozenset({"application/json", "application/ld+json", "importmap"})
"""``<script type>`` values that are data, never run (``importmap`` is not used)."""
FIXED = (
    "default-src 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
)
"""What every page may do besides its scripts and styles: images from the site or
``data:`` URIs (vis-network's CSS), fetches to its own server (the search box)."""
HEADER_ONLY = "frame-ancestors 'none'"
"""Directives a ``<meta>`` policy cannot carry; only the response header has them."""
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


class _Inline(HTMLParser):
    """Collects the text of every inline script (not data) and style element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] | None = None
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        runs = tag == "script" and "src" not in values
        if runs and values.get("type", "").strip().lower() in DATA_TYPES:
            runs = False
        self._open = [] if runs or tag == "style" else None
        self._tag = tag

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open))
            self._open = None


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_policy(html: str, *, header: bool = False) -> str:
    """Return the CSP of ``html``: its inline scripts and styles by hash, files by 'self'.

    ``header`` adds the directives only a response header can carry (``frame-ancestors``).
    """
    parser = _Inline()
    parser.feed(html)
    parser.close()
    scripts = " ".join(dict.fromkeys(_hash(s) for s in parser.scripts))
    styles = " ".join(dict.fromkeys(_hash(s) for s in parser.styles))
    directives = [
        *FIXED,
        f"script-src 'self' {scripts}".rstrip(),
        f"style-src 'self' {styles}".rstrip(),
    ]
    if header:
        directives.append(HEADER_ONLY)
    return "; ".join(directives)


def with_csp(html: str) -> str:
    """Return ``html`` with its policy in a ``<meta http-equiv>`` right after the charset.

    The policy applies from that element on, so it must come before the first script;
    a page without ``<meta charset="utf-8">`` is returned unchanged.
    """
    match = _CHARSET.search(html)
    if match is None:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{escape(page_policy(html))}">'
    return html[: match.end()] + meta + html[match.end() :]
