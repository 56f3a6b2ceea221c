"""What every response carries for safety, and the checks made before a request is routed.

- Every response: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
  ``X-Frame-Options: DENY`` and a Content-Security-Policy with ``frame-ancestors 'none'``;
  no ``Server`` header.  An HTML page's policy allows only its own inline scripts and
  styles, by hash, and files from the site (:mod:`chainkg.viz.csp`); anything else gets
  ``default-src 'none'``.
- A ``Host`` that is not in the trusted hosts (``CHAINKG_TRUSTED_HOSTS``) is a 400.
- A request target (path and query) longer than :data:`MAX_URL_BYTES` is a 414.
"""

from __future__ import annotations

from chainkg.viz.csp import page_policy

MAX_URL_BYTES = 8192
"""The longest request target (path and query, percent-encoded) the API reads."""
MAX_REQUEST_HEAD_BYTES = 1024 * 1024
"""What uvicorn's parser accepts, so a URL up to this size gets our 414, not a reset."""
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
"""The Content-Security-Policy of everything that is not an HTML page."""
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
"""Sent with every response (unless the route set its own value)."""


def html_policy(html: bytes) -> str:
    """Return the CSP header of an HTML page: its own scripts and styles, and no framing."""
    return page_policy(html.decode("utf-8", errors="replace"), header=True)


def host_allowed(host: str, trusted: list[str]) -> bool:
    """Return True when the ``Host`` header (port ignored) is one of the trusted hosts.

    ``*`` trusts any host and ``*.example.org`` any sub-domain of example.org.

    >>> host_allowed("api.example.org:8000", ["*.example.org"]), host_allowed("evil", ["x"])
    (True, False)
    """
    if not trusted or "*" in trusted:
        return True
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.lower()
    patterns = [pattern.lower() for pattern in trusted]
    return any(
        name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:]))
        for pattern in patterns
    )


def url_length(raw_path: bytes, query_string: bytes) -> int:
    """Return the length of the request target: the path, ``?`` and the query."""
    return len(raw_path) + (len(query_string) + 1 if query_string else 0)
