"""The HTTP protocol around every route: ETags and 304, Cache-Control per kind, HEAD, OPTIONS,
compression, and routes added later that declare nothing."""

from __future__ import annotations

import gzip
import threading
from typing import Any

import brotli
import httpx
import pytest
from fastapi import APIRouter, FastAPI

from chainkg.api.caching import GRAPH, LIVE
from chainkg.api.main import create_app
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.store import EmbeddedStore
from tests.api.conftest import TestClient, settings
from tests.api.test_endpoints import URLS, V1
from tests.conftest import serve_app
from tests.test_cache_store import Swappable, _renamed

KINDS_OF_PAGE = [
    V1 + "/chains/chain.pv",
    V1 + "/search?q=光伏",
    V1 + "/export?format=csv",
    V1 + "/health",
    V1 + "/chains/chain.nope",
    "/",
    "/maps/graph",
    "/maps/chains/chain.pv?lang=en",
    "/docs",
    "/openapi.json",
    "/static-offline-docs/swagger-ui.css",
]
"""One URL of every kind of answer: JSON, a file, live, an error, HTML pages, docs, a file."""


def fresh(store: Any = None, **values: Any) -> TestClient:
    """A client of a new app (its own caches) on ``store``."""
    return TestClient(create_app(store or EmbeddedStore.from_seed(), settings(**values)))


# ----------------------------------------------------------------- ETags and 304


@pytest.mark.parametrize("url", URLS)
def test_every_answer_revalidates(embedded_client: TestClient, url: str) -> None:
    first = embedded_client.get(V1 + url)
    etag = first.headers.get("etag")
    if first.status_code != 200:
        assert etag is None and first.headers["cache-control"] == "no-store"
        return
    if url == "/health":
        assert etag is None and first.headers["cache-control"] == "no-store"
        return
    assert etag and etag.startswith('W/"') and first.headers["cache-control"] == "public, no-cache"
    again = embedded_client.get(V1 + url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["cache-control"] == "public, no-cache"
    listed = embedded_client.get(V1 + url, headers={"If-None-Match": f'"x", {etag}'})
    assert listed.status_code == 304
    stale = embedded_client.get(V1 + url, headers={"If-None-Match": 'W/"0-0"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_etags_differ_by_url_and_change_with_the_version(graph: PlanGraph) -> None:
    store = Swappable(graph)
    client = fresh(store, version_check_seconds=0)
    tags = {u: client.get(V1 + u).headers["etag"] for u in ("/chains", "/chains?limit=5", "/parks")}
    assert len(set(tags.values())) == 3
    old = client.get(V1 + "/chains/chain.pv")
    store.load(_renamed(graph, "Solar PV"))
    new = client.get(V1 + "/chains/chain.pv", headers={"If-None-Match": old.headers["etag"]})
    assert new.status_code == 200 and new.json()["name_en"] == "Solar PV"
    assert new.headers["etag"] != old.headers["etag"]
    assert client.get(V1 + "/parks").headers["etag"] != tags["/parks"], "every ETag changes"


def test_both_stores_give_the_same_etags_for_the_same_seed(
    embedded_client: TestClient, neo4j_client: TestClient
) -> None:
    for url in ("/chains", "/chains/chain.pv", "/graph/path?from=chain.pv&to=dept.miit"):
        assert (
            neo4j_client.get(V1 + url).headers["etag"]
            == embedded_client.get(V1 + url).headers["etag"]
        )


# ----------------------------------------------------------------- Cache-Control per kind


@pytest.mark.parametrize(
    ("url", "cache_control", "etag"),
    [
        (V1 + "/chains", "public, no-cache", 'W/"'),
        ("/maps/overview", "public, no-cache", 'W/"'),
        ("/", "public, no-cache", 'W/"'),
        (V1 + "/health", "no-store", None),
        ("/docs", "no-cache", 'W/"b-'),
        ("/openapi.json", "no-cache", 'W/"b-'),
        (V1 + "/chains/chain.nope", "no-store", None),
        (V1 + "/chains?limit=0", "no-store", None),
        ("/nowhere", "no-store", None),
    ],
)
def test_cache_control_by_kind(
    embedded_client: TestClient, url: str, cache_control: str, etag: str | None
) -> None:
    response = embedded_client.get(url)
    assert response.headers["cache-control"] == cache_control
    if etag is None:
        assert "etag" not in response.headers
    else:
        assert response.headers["etag"].startswith(etag)
        again = embedded_client.get(url, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304


@pytest.mark.parametrize(
    "credentials",
    [{"Authorization": "Bearer k"}, {"X-API-Key": "k"}, {"Cookie": "session=1"}],
)
def test_a_request_with_credentials_is_private(
    embedded_client: TestClient, credentials: dict[str, str]
) -> None:
    public = embedded_client.get(V1 + "/chains")
    private = embedded_client.get(
        V1 + "/chains", headers={**credentials, "If-None-Match": public.headers["etag"]}
    )
    assert private.status_code == 200, "never a 304 from the shared cache"
    assert private.headers["cache-control"] == "private, no-store"
    assert "etag" not in private.headers
    assert private.content == public.content


def test_writes_are_never_304_nor_cached(embedded_client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = embedded_client.request(method, V1 + "/chains", headers={"If-None-Match": "*"})
        assert response.status_code == 405
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"


# ----------------------------------------------------------------- HEAD and OPTIONS


@pytest.mark.parametrize("url", KINDS_OF_PAGE)
def test_head_answers_like_get_without_a_body(embedded_client: TestClient, url: str) -> None:
    for encoding in ("identity", "br"):
        get = embedded_client.get(url, headers={"Accept-Encoding": encoding})
        head = embedded_client.head(url, headers={"Accept-Encoding": encoding})
        assert head.status_code == get.status_code
        assert head.content == b""
        drop = {"date", "last-modified"}
        assert {k: v for k, v in head.headers.items() if k not in drop} == {
            k: v for k, v in get.headers.items() if k not in drop
        }


@pytest.mark.parametrize("url", [V1 + "/chains", V1 + "/chains/chain.pv/parks", "/maps/graph"])
def test_options_lists_the_methods(embedded_client: TestClient, url: str) -> None:
    response = embedded_client.options(url)
    assert response.status_code == 204 and response.content == b""
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_options_of_an_unknown_path_is_404(embedded_client: TestClient) -> None:
    response = embedded_client.options("/no/such/thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


# ----------------------------------------------------------------- compression


@pytest.mark.parametrize("url", [V1 + "/chains", "/maps/chains/chain.pv", V1 + "/export"])
def test_large_text_answers_are_compressed(embedded_client: TestClient, url: str) -> None:
    plain = embedded_client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"] == "Accept-Encoding"
    assert int(plain.headers["content-length"]) == len(plain.content)
    for accept, coding, decode in (
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
    ):
        headers, body = _raw_get(embedded_client, url, accept)
        assert headers["content-encoding"] == coding
        assert decode(body) == plain.content
        assert len(body) < len(plain.content) / 2


def _raw_get(client: TestClient, url: str, accept_encoding: str) -> tuple[httpx.Headers, bytes]:
    """GET without decoding the body (the client would undo the compression)."""
    with client.stream("GET", url, headers={"Accept-Encoding": accept_encoding}) as response:
        return response.headers, b"".join(response.iter_raw())


def test_small_and_binary_answers_are_not_compressed(embedded_client: TestClient) -> None:
    small = embedded_client.get(V1 + "/health", headers={"Accept-Encoding": "br"})
    assert len(small.content) < 1024 and "content-encoding" not in small.headers
    zipped = embedded_client.get(V1 + "/export?format=csv", headers={"Accept-Encoding": "br"})
    assert zipped.headers["content-type"] == "application/zip"
    assert "content-encoding" not in zipped.headers


# ----------------------------------------------------------------- routes added later


class Counter:
    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self) -> int:
        with self.lock:
            self.calls += 1
            return self.calls


def app_with_new_routes(graph: PlanGraph) -> tuple[FastAPI, Swappable, dict[str, Counter]]:
    """The app plus routes another issue might add: one declaring nothing, one ``graph``,
    one ``live``, and a write."""
    store = Swappable(graph)
    app = create_app(store, settings(version_check_seconds=5))
    counters = {name: Counter() for name in ("plain", "graph", "live", "write")}
    router = APIRouter(prefix=V1)

    @router.get("/records")
    def records() -> dict[str, Any]:
        return {"calls": counters["plain"](), "pad": "年度实绩" * 400}

    @router.get("/future-graph-route", dependencies=[GRAPH])
    def ask(q: str) -> dict[str, Any]:
        return {"q": q, "calls": counters["graph"](), "pad": "x" * 2000}

    @router.get("/now", dependencies=[LIVE])
    def now() -> dict[str, int]:
        return {"calls": counters["live"]()}

    @router.post("/future-write-route", status_code=201)
    def actuals() -> dict[str, int]:
        return {"calls": counters["write"]()}

    app.include_router(router)
    return app, store, counters


def test_a_route_that_declares_nothing_revalidates_by_its_body(graph: PlanGraph) -> None:
    app, _, counters = app_with_new_routes(graph)
    client = TestClient(app)
    first = client.get(V1 + "/records")
    assert first.headers["cache-control"] == "no-cache"
    assert first.headers["etag"].startswith('W/"b-')
    assert first.headers["content-encoding"] == "br"
    assert first.headers["x-content-type-options"] == "nosniff"
    second = client.get(V1 + "/records", headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200, "a new body is a new ETag: never a wrong 304"
    assert counters["plain"].calls == 2, "never answered from the cache"
    assert client.head(V1 + "/records").status_code == 200
    assert client.options(V1 + "/records").headers["allow"] == "GET, HEAD, OPTIONS"


def test_a_graph_route_runs_once_per_version(graph: PlanGraph) -> None:
    app, store, counters = app_with_new_routes(graph)
    client = TestClient(app)
    first = client.get(V1 + "/future-graph-route?q=光伏")
    for _ in range(3):
        assert client.get(V1 + "/future-graph-route?q=光伏").content == first.content
    assert client.head(V1 + "/future-graph-route?q=光伏").status_code == 200
    assert counters["graph"].calls == 1
    client.get(V1 + "/future-graph-route?q=锂电")
    assert counters["graph"].calls == 2
    private = client.get(V1 + "/future-graph-route?q=光伏", headers={"Authorization": "Bearer k"})
    assert private.json()["calls"] == 3 and counters["graph"].calls == 3
    store.load(_renamed(graph, "Solar PV"))
    app.state.versions.invalidate()
    assert client.get(V1 + "/future-graph-route?q=光伏").json()["calls"] == 4


def test_a_live_route_is_never_stored(graph: PlanGraph) -> None:
    app, _, counters = app_with_new_routes(graph)
    client = TestClient(app)
    answers = [client.get(V1 + "/now") for _ in range(3)]
    assert [a.json()["calls"] for a in answers] == [1, 2, 3] and counters["live"].calls == 3
    for answer in answers:
        assert answer.headers["cache-control"] == "no-store" and "etag" not in answer.headers


def test_a_write_is_no_store_and_makes_the_version_be_asked_again(graph: PlanGraph) -> None:
    app, _, _ = app_with_new_routes(graph)
    client = TestClient(app)
    client.get(V1 + "/chains")
    assert not app.state.versions.due()
    written = client.post(V1 + "/future-write-route", headers={"If-None-Match": "*"})
    assert written.status_code == 201
    assert written.headers["cache-control"] == "no-store" and "etag" not in written.headers
    assert app.state.versions.due(), "the next request asks every version source again"


def test_head_through_a_real_server(graph: PlanGraph) -> None:
    with serve_app(create_app(EmbeddedStore(graph))) as base:
        get = httpx.get(base + "/maps/overview")
        head = httpx.head(base + "/maps/overview")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["etag"] == get.headers["etag"]
