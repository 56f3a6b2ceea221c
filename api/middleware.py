"""The HTTP envelope of every route, present and future: two pure ASGI middlewares.

They wrap the whole app (outside Starlette's error middleware, so a 500 gets them too),
and work from the method, the media type and the kind a route declares
(:mod:`chainkg.api.caching`), never from a list of paths:

- :class:`Envelope` (outermost): the trusted-host check (400), the URL limit (414),
  the security headers of :mod:`chainkg.api.security`, no ``Server`` header, and
  redirects that never echo the ``Host`` header (``Location`` made relative).
- :class:`HttpCache`: ``HEAD`` wherever ``GET`` works, ``OPTIONS`` answered with ``Allow``,
  ETags and ``If-None-Match`` → 304, the response cache keyed on the graph version,
  Cache-Control per kind, the CSP of HTML pages, and brotli/gzip compression.

CORS (Starlette's ``CORSMiddleware``, only when origins are configured) sits between
the two, so that it answers preflights and adds its headers to cached answers too.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chainkg.api.caching import (
    CACHE_CONTROL,
    CREDENTIAL_HEADERS,
    NO_STORE,
    PRIVATE,
    SCOPE_KEY,
    Entry,
    ResponseCache,
    RouteInfo,
    body_etag,
    etag_matches,
    graph_etag,
)
from chainkg.api.compression import compress, compressible, negotiate
from chainkg.api.errors import problem_response
from chainkg.api.security import (
    API_POLICY,
    HEADERS,
    MAX_URL_BYTES,
    host_allowed,
    html_policy,
    url_length,
)
from chainkg.graph_loader.version import VersionTracker

log = logging.getLogger("api")

MAX_BUFFER = 64 * 1024 * 1024
"""Answers up to this size (with a Content-Length) are buffered: ETag, CSP, compression.
Longer ones and streams pass through as they are."""
OFFLOAD = 64 * 1024
"""Bodies from this size on are compressed in a worker thread, off the event loop."""
Finish = Callable[[Message, bytes], Awaitable[None]]


class Envelope:
    """Host and URL checks before routing; security headers on every response."""

    def __init__(self, app: ASGIApp, trusted_hosts: list[str]) -> None:
        self.app = app
        self.trusted_hosts = trusted_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                _secure(MutableHeaders(scope=message), message["status"], host)
            await send(message)

        raw_path = scope.get("raw_path") or scope["path"].encode()
        length = url_length(raw_path, scope.get("query_string", b""))
        if not host_allowed(host, self.trusted_hosts):
            response = problem_response(
                Request(scope),
                400,
                "Invalid host header",
                "This server does not answer for that host name (see CHAINKG_TRUSTED_HOSTS).",
            )
            await response(scope, receive, secured)
        elif length > MAX_URL_BYTES:
            response = problem_response(
                Request(scope),
                414,
                "URI too long",
                f"The request target is {length} bytes; the limit is {MAX_URL_BYTES}.",
            )
            await response(scope, receive, secured)
        else:
            await self.app(scope, receive, secured)


def _secure(headers: MutableHeaders, status: int, host: str) -> None:
    for name, value in HEADERS:
        if name.decode() not in headers:
            headers[name.decode()] = value.decode()
    if "content-security-policy" not in headers and status != 304:
        # a 304 updates the stored answer's headers: it must not replace a page's policy
        headers["content-security-policy"] = API_POLICY
    if "server" in headers:
        del headers["server"]
    location = headers.get("location")
    if 300 <= status < 400 and location and host:
        for scheme in ("http://", "https://"):
            if location.startswith(scheme + host):
                headers["location"] = location[len(scheme + host) :] or "/"


@dataclass
class Read:
    """What a GET or HEAD asked for, and what the answer is keyed on."""

    head: bool
    private: bool
    coding: str | None
    if_none_match: str | None
    path: bytes
    query: bytes
    version: str | None = None
    key: tuple[str, bytes, bytes] | None = None
    route: RouteInfo = field(default_factory=RouteInfo)


class HttpCache:
    """HEAD, OPTIONS, conditional GETs, the response cache, Cache-Control and compression."""

    def __init__(self, app: ASGIApp, versions: VersionTracker, cache: ResponseCache | None):
        self.app = app
        self.versions = versions
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif scope["method"] in ("GET", "HEAD"):
            await self._read(scope, receive, send)
        elif scope["method"] == "OPTIONS":
            await self._run(scope, receive, send, _options_finish(send))
        else:
            await self._write(scope, receive, send)

    async def _version(self) -> str | None:
        """Return the version to key on, or None (unknown, or the store does not answer)."""
        try:
            if self.versions.due():
                return await anyio.to_thread.run_sync(self.versions.current)
            return self.versions.current()
        except Exception as exc:  # the route will meet the same error and answer it
            log.debug("no graph version: %s", exc)
            return None

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope)
        read = Read(
            head=scope["method"] == "HEAD",
            private=any(name in CREDENTIAL_HEADERS for name, _ in scope["headers"]),
            coding=None if "range" in request else negotiate(request.get("accept-encoding", "")),
            if_none_match=request.get("if-none-match"),
            path=scope.get("raw_path") or scope["path"].encode(),
            query=scope.get("query_string", b""),
        )
        if not read.private:
            read.version = await self._version()
        if read.version and self.cache is not None:
            read.key = (read.version, read.path, read.query)
            entry = self.cache.get(read.key)
            if entry is not None:
                await self._answer(entry, read, send)
                return
        inner = dict(scope, method="GET") if read.head else scope
        inner[SCOPE_KEY] = read.route

        async def finish(start: Message, body: bytes) -> None:
            await self._finish(read, start, body, send)

        await self._run(inner, receive, send, finish, head=read.head)

    async def _finish(self, read: Read, start: Message, body: bytes, send: Send) -> None:
        """Add the kind's Cache-Control and ETag, the page's CSP; keep it; answer."""
        status: int = start["status"]
        if status in (204, 304):  # the app's own validators (static files): as they are
            await send(start)
            await send({"type": "http.response.body", "body": b""})
            return
        headers = MutableHeaders(raw=list(start["headers"]))
        _allow(headers, status)
        kind = read.route.kind
        etag: str | None = None
        cache_control = NO_STORE
        if read.private or "set-cookie" in headers:
            cache_control = PRIVATE
        elif status == 200 and kind == "graph" and read.version:
            etag = graph_etag(read.version, read.path, read.query)
            cache_control = CACHE_CONTROL["graph"]
        elif status == 200 and kind != "graph":
            etag = None if kind == "live" else _weak(headers.get("etag")) or body_etag(body)
            cache_control = CACHE_CONTROL[kind]
        elif status == 200:
            etag, cache_control = body_etag(body), CACHE_CONTROL["revalidate"]
        headers.setdefault("cache-control", cache_control)
        if etag:
            headers["etag"] = etag
        content_type = headers.get("content-type", "")
        if content_type.startswith("text/html") and "content-security-policy" not in headers:
            headers["content-security-policy"] = html_policy(body)
        entry = Entry(
            [(k, v) for k, v in headers.raw if k != b"content-length"],
            body,
            etag or "",
            compressible(content_type, len(body)) and "content-encoding" not in headers,
        )
        keep = headers["cache-control"] == CACHE_CONTROL["graph"] and read.key is not None
        if keep and read.key is not None and self.cache is not None:
            self.cache.put(read.key, entry)
        else:
            read.key = None  # not kept: do not keep its compressed form either
        await self._answer(entry, read, send, status)

    async def _answer(self, entry: Entry, read: Read, send: Send, status: int = 200) -> None:
        """Send ``entry``: a 304 when the client holds it, else the body (compressed)."""
        if entry.etag and read.if_none_match and etag_matches(read.if_none_match, entry.etag):
            await _not_modified(entry, send)
        else:
            await self._send_entry(entry, read.coding, read.head, send, read.key, status)

    async def _send_entry(
        self,
        entry: Entry,
        coding: str | None,
        head: bool,
        send: Send,
        key: tuple[str, bytes, bytes] | None,
        status: int = 200,
    ) -> None:
        headers = MutableHeaders(raw=list(entry.headers))
        body = entry.body
        if entry.compressible:
            headers.add_vary_header("Accept-Encoding")
            if coding:
                encoded = entry.encoded.get(coding)
                if encoded is None:
                    encoded = await _compress(body, coding)
                    if key is not None and self.cache is not None:
                        entry.encoded[coding] = encoded
                        self.cache.put(key, entry)
                body = encoded
                headers["content-encoding"] = coding
        headers["content-length"] = str(len(body))
        await send({"type": "http.response.start", "status": status, "headers": headers.raw})
        await send({"type": "http.response.body", "body": b"" if head else body})

    async def _run(
        self, scope: Scope, receive: Receive, send: Send, finish: Finish, head: bool = False
    ) -> None:
        """Run the app; hand a buffered answer to ``finish``, stream any other as it is."""
        start: Message | None = None
        chunks: list[bytes] = []
        streaming = False

        async def capture(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message
                length = Headers(raw=message["headers"]).get("content-length")
                streaming = length is None or int(length) > MAX_BUFFER
                if streaming:
                    if message["status"] not in (204, 304):
                        MutableHeaders(scope=message).setdefault("cache-control", NO_STORE)
                    await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                if streaming:
                    await send(dict(message, body=b"") if head else message)
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await finish(start, b"".join(chunks))
            else:
                await send(message)

        await self.app(scope, receive, capture)

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass a write through as ``no-store``; after a success, re-read the versions."""
        status = 0

        async def sent(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers.setdefault("cache-control", NO_STORE)
                _allow(headers, status)
            await send(message)

        try:
            await self.app(scope, receive, sent)
        finally:
            if 200 <= status < 300:
                self.versions.invalidate()


def _allow(headers: MutableHeaders, status: int) -> None:
    """Add HEAD (where GET is allowed) and OPTIONS to the ``Allow`` of a 405."""
    if status != 405 or "allow" not in headers:
        return
    methods = [m.strip() for m in headers["allow"].split(",") if m.strip()]
    extra = (["HEAD"] if "GET" in methods else []) + ["OPTIONS"]
    headers["allow"] = ", ".join(dict.fromkeys([*methods, *extra]))


def _options_finish(send: Send) -> Finish:
    """Return the finish of an OPTIONS request: 204 with ``Allow`` where a route exists."""

    async def finish(start: Message, body: bytes) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))
        _allow(headers, start["status"])
        if start["status"] == 405:
            raw = [(b"allow", headers["allow"].encode()), (b"cache-control", b"no-store")]
            await send({"type": "http.response.start", "status": 204, "headers": raw})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.setdefault("cache-control", NO_STORE)
        await send(
            {"type": "http.response.start", "status": start["status"], "headers": headers.raw}
        )
        await send({"type": "http.response.body", "body": body})

    return finish


def _weak(etag: str | None) -> str | None:
    """Return ``etag`` as a weak validator: it then covers the compressed forms too."""
    return etag if etag is None or etag.startswith("W/") else "W/" + etag


async def _not_modified(entry: Entry, send: Send) -> None:
    keep = (b"cache-control", b"content-security-policy", b"etag", b"vary", b"expires")
    headers = [(k, v) for k, v in entry.headers if k in keep]
    if entry.compressible:
        headers.append((b"vary", b"Accept-Encoding"))
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _compress(body: bytes, coding: str) -> bytes:
    if len(body) < OFFLOAD:
        return compress(body, coding)
    result: Any = await anyio.to_thread.run_sync(compress, body, coding)
    return bytes(result)
