"""Errors are RFC 9457 problem responses; bad input never gives a 500."""

from __future__ import annotations

from typing import Any

import pytest

from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from tests.api.conftest import PROBLEM_JSON, TestClient, make_client


def problem(client: TestClient, url: str, status: int) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["instance"] == url
    return body


@pytest.mark.parametrize(
    ("url", "unknown"),
    [
        ("/api/v1/chains/chain.nope", "chain.nope"),
        ("/api/v1/chains/park.taixing_edz", "park.taixing_edz"),
        ("/api/v1/chains/chain.nope/parks", "chain.nope"),
        ("/api/v1/parks/park.nope", "park.nope"),
        ("/api/v1/parks/chain.pv/chains", "chain.pv"),
        ("/api/v1/groups/group.nope", "group.nope"),
        ("/api/v1/enterprises/ent.nope", "ent.nope"),
        ("/api/v1/projects/ent.great_wall_motor", "ent.great_wall_motor"),
        ("/api/v1/technologies/chain.pv", "chain.pv"),
        ("/api/v1/actions/action.nope", "action.nope"),
        ("/api/v1/departments/dept.nope", "dept.nope"),
        ("/api/v1/departments/no%20such%20thing", "no such thing"),
        ("/api/v1/graph/neighborhood?id=chain.nope", "chain.nope"),
        ("/api/v1/graph/path?from=chain.nope&to=chain.pv", "chain.nope"),
        ("/api/v1/graph/path?from=chain.pv&to=chain.nope", "chain.nope"),
        ("/api/v1/graph/path?from=chain.nope&to=chain.nope", "chain.nope"),
    ],
)
def test_unknown_id_is_404_naming_it(client: TestClient, url: str, unknown: str) -> None:
    body = problem(client, url, 404)
    assert f"'{unknown}'" in body["detail"] and body["id"] == unknown
    assert body["type"].endswith("not-found") and body["title"] == "Not found"


def test_404_names_the_id(client: TestClient) -> None:
    body = problem(client, "/api/v1/chains/chain.nope", 404)
    assert "'chain.nope'" in body["detail"] and body["id"] == "chain.nope"
    wrong_kind = problem(client, "/api/v1/chains/park.taixing_edz", 404)
    assert "'park.taixing_edz'" in wrong_kind["detail"]


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/chains?limit=0", "limit"),
        ("/api/v1/chains?limit=201", "limit"),
        ("/api/v1/chains?limit=abc", "limit"),
        ("/api/v1/chains?offset=-1", "offset"),
        ("/api/v1/graph/neighborhood?id=chain.pv&depth=9", "depth"),
        ("/api/v1/graph/neighborhood?id=chain.pv&depth=0", "depth"),
        ("/api/v1/graph/neighborhood?id=chain.pv&types=NOPE", "types"),
        ("/api/v1/graph/neighborhood?id=chain.pv&types=CARRIES,carries", "types"),
        ("/api/v1/graph/neighborhood", "id"),
        ("/api/v1/graph/path?from=chain.pv", "to"),
        ("/api/v1/export?format=xls", "format"),
        ("/api/v1/search?q=", "q"),
        ("/api/v1/search?q=%20%20", "q"),
        ("/api/v1/search", "q"),
        ("/api/v1/search?q=pv&types=Nope", "types"),
        ("/api/v1/search?q=pv&limit=0", "limit"),
        ("/api/v1/search?q=" + "x" * 101, "q"),
        ("/api/v1/chains/" + "x" * 201, "id"),
    ],
)
def test_bad_parameter_is_422_listing_it(embedded_client: TestClient, url: str, param: str) -> None:
    body = problem(embedded_client, url, 422)
    assert param in {p["name"] for p in body["invalid_params"]}
    assert all(p["reason"] and p["in"] in ("query", "path") for p in body["invalid_params"])
    assert param in body["detail"]


def test_unknown_route_and_method(embedded_client: TestClient) -> None:
    body = problem(embedded_client, "/api/v1/nothing/here", 404)
    assert body["title"] == "Not Found"
    response = embedded_client.post("/api/v1/chains")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM_JSON
    assert "GET" in response.headers["allow"]


def test_no_path_is_404() -> None:
    graph = PlanGraph()
    for node_id in ("chain.a", "chain.b"):
        graph.nodes[node_id] = Node(node_id, "Chain", {"name": node_id, "name_en": node_id})
    client = make_client(EmbeddedStore(graph))
    body = problem(client, "/api/v1/graph/path?from=chain.a&to=chain.b", 404)
    assert body["title"] == "No path" and "'chain.a'" in body["detail"]


class BrokenStore(GraphStore):
    backend = "broken"

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        raise RuntimeError("a bug")


def test_unexpected_error_is_a_500_problem_without_traceback() -> None:
    client = make_client(BrokenStore(), raise_server_exceptions=False)
    body = problem(client, "/api/v1/chains", 500)
    assert body["title"] == "Internal server error"
    assert "Traceback" not in str(body) and "a bug" not in str(body)
