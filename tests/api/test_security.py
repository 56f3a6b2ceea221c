"""Security around every response: headers, the pages' CSP, hosts, CORS, long URLs, what a
503 or a problem's ``instance`` may reveal."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import socket
from typing import Any

import httpx
import pytest

from chainkg.api.errors import MAX_INSTANCE
from chainkg.api.main import create_app
from chainkg.api.security import MAX_URL_BYTES
from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from tests.api.conftest import TestClient, make_client, settings
from tests.api.test_endpoints import V1
from tests.api.test_problems import BrokenStore
from tests.conftest import serve_app

SECRET_URI = "bolt://db-secret.intranet:7687"


def _assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert "server" not in headers
    if response.status_code != 304:
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", V1 + "/chains/chain.pv", 200),
        ("GET", "/maps/parks/park.taixing_edz", 200),
        ("GET", "/docs", 200),
        ("GET", "/static-offline-docs/swagger-ui-bundle.js", 200),
        ("HEAD", "/", 200),
        ("OPTIONS", V1 + "/parks", 204),
        ("GET", V1 + "/chains/chain.nope", 404),
        ("POST", V1 + "/chains", 405),
        ("GET", V1 + "/chains?limit=0", 422),
        ("GET", V1 + "/search?q=" + "x" * MAX_URL_BYTES, 414),
        ("GET", V1 + "/chains/", 307),
    ],
)
def test_every_response_carries_the_security_headers(
    embedded_client: TestClient, method: str, url: str, status: int
) -> None:
    response = embedded_client.request(method, url, follow_redirects=False)
    assert response.status_code == status
    _assert_secured(response)


def test_a_304_and_a_500_carry_them_too(embedded_client: TestClient) -> None:
    first = embedded_client.get(V1 + "/groups")
    again = embedded_client.get(V1 + "/groups", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    _assert_secured(again)
    broken = make_client(BrokenStore(), raise_server_exceptions=False).get(V1 + "/chains")
    assert broken.status_code == 500
    _assert_secured(broken)
    assert broken.headers["cache-control"] == "no-store"


def test_no_server_header_from_a_real_server() -> None:
    with serve_app(create_app(EmbeddedStore.from_seed())) as base:
        for url in ("/api/v1/chains", "/nowhere", "/"):
            response = httpx.get(base + url)
            assert "server" not in response.headers, url
            _assert_secured(response)


# ----------------------------------------------------------------- the pages' policy


def _inline_scripts(html: str) -> list[str]:
    """The text of every ``<script>`` without ``src`` that runs (not a JSON data block)."""
    found = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.DOTALL)
    return [body for attrs, body in found if "src=" not in attrs and "json" not in attrs]


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize(
    "url", ["/", "/maps/overview", "/maps/graph?lang=en", "/maps/departments/dept.miit", "/docs"]
)
def test_pages_allow_only_their_own_scripts(embedded_client: TestClient, url: str) -> None:
    response = embedded_client.get(url)
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http:" not in policy and "https:" not in policy and "*" not in policy
    scripts = _inline_scripts(response.text)
    assert scripts, "every page runs inline scripts"
    allowed = set(directives["script-src"].split())
    assert {_sha256(s) for s in scripts} | {"'self'"} == allowed
    if url != "/docs":  # our pages carry the same policy inside, for file://
        meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', response.text)
        assert meta is not None
        header_only = "; frame-ancestors 'none'"
        assert meta.group(1).replace("&#39;", "'") == policy.removesuffix(header_only)


# ----------------------------------------------------------------- hosts and redirects


def test_trusted_hosts() -> None:
    client = TestClient(
        create_app(
            EmbeddedStore.from_seed(),
            settings(trusted_hosts=["chainkg.example.gov.cn", "*.intranet"]),
        ),
        base_url="http://chainkg.example.gov.cn",
    )
    assert client.get(V1 + "/parks").status_code == 200
    assert client.get(V1 + "/parks", headers={"Host": "maps.intranet:8000"}).status_code == 200
    refused = client.get(V1 + "/parks", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["title"] == "Invalid host header"
    _assert_secured(refused)


def test_every_host_is_answered_by_default(embedded_client: TestClient) -> None:
    assert embedded_client.get(V1 + "/parks", headers={"Host": "anything:1"}).status_code == 200


def test_the_trailing_slash_redirect_does_not_echo_the_host(embedded_client: TestClient) -> None:
    response = embedded_client.get(
        V1 + "/chains/?limit=3", headers={"Host": "evil.example"}, follow_redirects=False
    )
    assert response.status_code == 307
    assert response.headers["location"] == "/api/v1/chains?limit=3"


# ----------------------------------------------------------------- CORS


def test_cors_is_off_by_default(embedded_client: TestClient) -> None:
    origin = {"Origin": "http://other.example"}
    assert (
        "access-control-allow-origin"
        not in embedded_client.get(V1 + "/parks", headers=origin).headers
    )
    preflight = embedded_client.options(
        V1 + "/parks", headers={**origin, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_answers_only_the_allowed_origins() -> None:
    client = TestClient(
        create_app(EmbeddedStore.from_seed(), settings(cors_origins=["http://portal.example"]))
    )
    allowed = client.get(V1 + "/parks", headers={"Origin": "http://portal.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://portal.example"
    assert "ETag" in allowed.headers["access-control-expose-headers"]
    again = client.get(V1 + "/parks", headers={"Origin": "http://portal.example"})  # cached
    assert again.headers["access-control-allow-origin"] == "http://portal.example"
    other = client.get(V1 + "/parks", headers={"Origin": "http://evil.example"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers
    preflight = client.options(
        V1 + "/parks",
        headers={"Origin": "http://portal.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://portal.example"
    _assert_secured(preflight)


def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_CORS_ORIGINS", "http://a.example, http://b.example")
    monkeypatch.setenv("CHAINKG_TRUSTED_HOSTS", "a.example,*.b.example")
    loaded = Settings()
    assert loaded.cors_origins == ["http://a.example", "http://b.example"]
    assert loaded.trusted_hosts == ["a.example", "*.b.example"]


# ----------------------------------------------------------------- long URLs, instance


def test_a_url_over_the_limit_is_414(embedded_client: TestClient) -> None:
    response = embedded_client.get(V1 + "/search?q=" + "光" * 2000)  # 18,000 bytes encoded
    assert response.status_code == 414
    body = response.json()
    assert body["title"] == "URI too long" and str(MAX_URL_BYTES) in body["detail"]
    assert len(body["instance"]) <= MAX_INSTANCE
    within = embedded_client.get(V1 + "/search?q=" + "x" * (MAX_URL_BYTES - 200))
    assert within.status_code == 422  # read, and refused for its own reason


def test_a_problem_does_not_echo_a_long_query(embedded_client: TestClient) -> None:
    response = embedded_client.get(V1 + "/search?q=" + "y" * 7000)
    assert response.status_code == 422
    body = response.json()
    assert len(body["instance"]) <= MAX_INSTANCE and body["instance"].startswith(
        "/api/v1/search?q=y"
    )
    assert len(response.content) < 2000


def _raw_request(base: str, target: str) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


@pytest.mark.parametrize("size", [100_000, 900_000])
def test_a_very_long_url_gets_a_414_not_a_reset(size: int) -> None:
    with serve_app(create_app(EmbeddedStore.from_seed())) as base:
        answer = _raw_request(base, "/api/v1/search?q=" + "x" * size)
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:200]
    assert b"application/problem+json" in answer


# ----------------------------------------------------------------- 503


class DownStore(GraphStore):
    backend = "neo4j"

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        raise StoreUnavailable(f"cannot reach Neo4j at {SECRET_URI}: Connection refused")


@pytest.mark.parametrize("url", [V1 + "/chains", V1 + "/health", "/maps/overview"])
def test_503_names_no_uri(caplog: pytest.LogCaptureFixture, url: str) -> None:
    client = make_client(DownStore())
    with caplog.at_level(logging.WARNING, logger="api"):
        response = client.get(url)
    assert response.status_code == 503
    assert response.headers["retry-after"] and response.headers["cache-control"] == "no-store"
    if url.startswith("/maps/"):  # a page: a readable page, not a problem
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "图数据库暂时无法访问" in response.text
    else:
        body = response.json()
        assert body["title"] == "Graph database unavailable"
        assert "graph database is unavailable" in body["detail"]
    assert "bolt" not in response.text and "db-secret" not in response.text
    assert SECRET_URI in caplog.text, "the URI goes to the server log"
