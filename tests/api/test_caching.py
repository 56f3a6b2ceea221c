"""The caches keyed on the graph version: no second database query for an unchanged graph,
cached rows never changed by their users, and a load seen within the documented bound."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from chainkg.api.main import create_app
from chainkg.graph_loader.cache import CachedStore
from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.graph import PlanGraph, build_graph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.store import EmbeddedStore, Neo4jStore
from chainkg.graph_loader.validate import load_valid_seed
from chainkg.graph_loader.version import MAX_INTERVAL
from chainkg.viz.maps import Links, map_pages, render_map
from tests.api.conftest import TestClient, settings
from tests.api.test_endpoints import URLS, V1
from tests.conftest import NEO4J_DB, SEED_DIR, Neo4jServer, serve_app


class CountingNeo4j(Neo4jStore):
    """The real Neo4j store, counting the queries that reach the database."""

    def __init__(self, driver: Driver, uri: str, database: str) -> None:
        super().__init__(driver, uri, database)
        self.queries = 0
        self.version_reads = 0

    def version(self) -> str | None:
        self.version_reads += 1
        return super().version()

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        self.queries += 1
        return super()._run(query, params)


@pytest.mark.parametrize("cache_mb", [0, 64])
def test_an_unchanged_graph_is_not_queried_again(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, cache_mb: int
) -> None:
    """With or without the response cache (0 MB), the second round asks Neo4j nothing."""
    store = CountingNeo4j(neo4j_store.driver, neo4j_server.uri, NEO4J_DB)
    client = TestClient(create_app(store, settings(cache_mb=cache_mb, version_check_seconds=2)))
    urls = [V1 + u for u in URLS if u != "/health"] + ["/", "/maps/chains/chain.pv"]
    first = {u: client.get(u).content for u in urls}
    asked = store.queries
    assert asked > 20
    began, reads = time.monotonic(), store.version_reads
    for url in urls:
        assert client.get(url).content == first[url], url
    assert store.queries == asked, "an unchanged graph answered from the cache"
    assert store.version_reads - reads <= 1 + (time.monotonic() - began) / 2, "once per 2 s"
    for _ in range(3):  # health: reachable as of the last version check, counts cached
        assert client.get(V1 + "/health").json()["reachable"] is True
    assert store.queries <= asked + 1


def test_cached_rows_are_never_changed_by_their_users(embedded_store: EmbeddedStore) -> None:
    """Every endpoint and every map shares the cached rows: none may change them."""
    client = TestClient(create_app(embedded_store, settings(cache_mb=0)))
    for url in URLS:
        client.get(V1 + url)
    for kind, id in map_pages(embedded_store)[:12]:
        for lang in ("zh", "en"):
            assert client.get(Links(static=False).map(kind, id), params={"lang": lang}).is_success
    client.get("/")
    cached: CachedStore = client.app.state.store  # type: ignore[attr-defined]
    rows = cached.cached_rows()
    assert len(rows) > 50
    for name, params, answer in rows:
        assert answer == embedded_store.run(name, **params), (name, params)


def test_maps_are_rendered_once_per_version_and_language(embedded_store: EmbeddedStore) -> None:
    class Counting(CachedStore):
        layouts = 0

        def memo(self, key: Any, compute: Any) -> Any:
            def counted() -> Any:
                if key[0] == "map":
                    Counting.layouts += 1
                return compute()

            return super().memo(key, counted)

    store = Counting(embedded_store)
    pages = {lang: render_map(store, "graph", lang=lang) for lang in ("zh", "en", "zh")}
    assert Counting.layouts == 1, "the whole graph is laid out once for both languages"
    assert pages["zh"] == render_map(embedded_store, "graph")
    assert render_map(store, "graph") is render_map(store, "graph")


# ----------------------------------------------------------------- a load under a running API


def _changed_seed(tmp: Path) -> Path:
    seed = tmp / "seed"
    shutil.copytree(SEED_DIR, seed)
    chains = seed / "chains.yaml"
    text = chains.read_text(encoding="utf-8")
    old = "- id: chain.pv\n  rank: 22\n  name: 光伏\n  name_en: Photovoltaics\n"
    assert old in text
    chains.write_text(text.replace(old, old.replace("Photovoltaics", "Solar PV")), "utf-8")
    return seed


def test_a_load_is_seen_within_the_bound(
    neo4j_store: Neo4jStore, neo4j_driver: Driver, graph: PlanGraph, tmp_path: Path
) -> None:
    """``chainkg load`` of a changed seed under a running API (uvicorn, real Neo4j)."""
    changed = build_graph(load_valid_seed(_changed_seed(tmp_path)))
    app = create_app(neo4j_store)
    bound = MAX_INTERVAL
    try:
        with serve_app(app) as base, httpx.Client(base_url=base) as http:
            before = http.get(V1 + "/chains/chain.pv")
            assert before.json()["name_en"] == "Photovoltaics"
            page = http.get("/maps/chains/chain.pv?lang=en")
            for _ in range(3):  # served from the caches now
                assert http.get(V1 + "/chains/chain.pv").content == before.content
            load_graph(neo4j_driver, NEO4J_DB, changed)
            loaded = time.monotonic()
            while True:
                now = http.get(V1 + "/chains/chain.pv")
                if now.json()["name_en"] == "Solar PV":
                    break
                assert time.monotonic() - loaded < bound, "the load was not seen within 5 s"
                assert now.content == before.content, "the old answer, whole, until then"
                time.sleep(0.05)
            seen = time.monotonic() - loaded
            assert now.headers["etag"] != before.headers["etag"]
            revalidated = http.get(
                V1 + "/chains/chain.pv", headers={"If-None-Match": before.headers["etag"]}
            )
            assert revalidated.status_code == 200
            new_page = http.get("/maps/chains/chain.pv?lang=en")
            assert "Solar PV" in new_page.text and "Solar PV" not in page.text
    finally:
        load_graph(neo4j_driver, NEO4J_DB, graph)
    assert seen <= app.state.versions.interval + 1.0
