"""POST/GET /api/v1/actuals, the audit and the keys over HTTP, on both stores."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi import FastAPI
from openpyxl import Workbook

from chainkg.api.errors import PROBLEM_MEDIA_TYPE
from chainkg.api.main import create_app
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore
from chainkg.records.store import RecordsStore
from tests.api.conftest import TestClient
from tests.records.conftest import Keys

WRITE_METHODS = {"post", "put", "patch", "delete"}


def actual(
    subject: str = "chain.pv", year: int = 2025, value: Any = 300, **extra: Any
) -> dict[str, Any]:
    return {"subject": subject, "year": year, "value": value, "source": "2025年统计快报", **extra}


def names(problem: dict[str, Any]) -> set[str]:
    return {p["name"] for p in problem["invalid_params"]}


def test_write_and_read_back(api: TestClient, keys: Keys) -> None:
    body = {
        "records": [actual(note="快报数"), actual("target.tech_renovation_projects", 2025, 512)]
    }
    response = api.post("/api/v1/actuals", json=body, headers=keys["editor"])
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    result = response.json()
    assert result["created"] == 2 and result["audit_id"] == result["version"] == 4  # 3 keys first
    listed = api.get("/api/v1/actuals")
    assert listed.headers["x-records-version"] == "4"
    items = {i["subject"]: i for i in listed.json()["items"]}
    assert items["chain.pv"] == {
        "subject": "chain.pv",
        "year": 2025,
        "value": 300,
        "note": "快报数",
        "source": "2025年统计快报",
        "written_by": "test-editor",
        "written_at": items["chain.pv"]["written_at"],
        "audit_id": 4,
    }
    assert api.get("/api/v1/actuals", params={"subject": "chain.pv"}).json()["total"] == 1


def test_a_second_value_replaces_the_first_and_the_audit_keeps_both(
    api: TestClient, keys: Keys
) -> None:
    api.post("/api/v1/actuals", json={"records": [actual(value=300)]}, headers=keys["editor"])
    second = api.post(
        "/api/v1/actuals", json={"records": [actual(value=296.5)]}, headers=keys["admin"]
    ).json()
    assert second["replaced"] == 1 and second["created"] == 0
    (item,) = api.get("/api/v1/actuals").json()["items"]
    assert item["value"] == 296.5 and item["written_by"] == "test-admin"
    audit = api.get("/api/v1/audit", params={"kind": "actual"}, headers=keys["admin"]).json()
    assert audit["total"] == 2
    latest, first = audit["items"]
    assert latest["key_name"] == "test-admin" and first["key_name"] == "test-editor"
    assert latest["time"] >= first["time"]
    change = latest["records"][0]
    assert change["before"]["value"] == 300 and change["after"]["value"] == 296.5
    assert first["records"][0]["before"] is None
    assert latest["origin"] == "POST /api/v1/actuals"


BAD_BATCHES = [
    ([actual(), actual("park.taixing_edz")], {"records.1.subject"}, "is a Park"),
    ([actual(), actual(), actual("no.such")], {"records.1.subject", "records.2.subject"}, "same"),
    ([actual("chain.pv", value=-5)], {"records.0.value"}, "negative"),
    ([actual("ind.rd_intensity_2027", value=120)], {"records.0.value"}, "percentage"),
    ([actual(year=2035)], {"records.0.year"}, "2030"),
    ([actual(year=2023)], {"records.0.year"}, "2024"),
    ([actual(value="many")], {"records.0.value"}, "number"),
    ([actual(value=True)], {"records.0.value"}, "number"),
    ([{**actual(), "source": "  "}], {"records.0.source"}, ""),
    ([{k: v for k, v in actual().items() if k != "source"}], {"records.0.source"}, "required"),
    ([actual(colour="red")], {"records.0.colour"}, "not permitted"),
    ([], {"records"}, ""),
]


@pytest.mark.parametrize(("batch", "fields", "reason"), BAD_BATCHES)
def test_one_bad_record_writes_nothing(
    api: TestClient,
    keys: Keys,
    records: RecordsStore,
    batch: list[dict[str, Any]],
    fields: set[str],
    reason: str,
) -> None:
    refused(api, keys, records, "actuals", batch, fields, reason)


def refused(
    api: TestClient,
    keys: Keys,
    records: RecordsStore,
    plural: str,
    batch: list[dict[str, Any]],
    fields: set[str],
    reason: str,
) -> None:
    """Write ``batch`` of a kind: a 422 naming exactly ``fields`` (and ``reason`` in the
    detail), and nothing written."""
    before = records.version()
    response = api.post(f"/api/v1/{plural}", json={"records": batch}, headers=keys["editor"])
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert names(problem) == fields
    assert reason in problem["detail"]
    assert records.records() == [] and records.version() == before


def test_a_falling_indicator_may_be_negative(api: TestClient, keys: Keys) -> None:
    body = {"records": [actual("ind.energy_intensity_reduction_2027", value=-1.5)]}
    assert api.post("/api/v1/actuals", json=body, headers=keys["editor"]).status_code == 200


# ---------------------------------------------------------------- keys on every write route


def write_operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """Every operation of the OpenAPI document that writes, or that declares a security need."""
    found = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            if method in WRITE_METHODS or operation.get("security"):
                found.append((method, path, operation))
    return found


def request_for(method: str, path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """Return keyword arguments of a well-formed request to an operation."""
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        book = Workbook()
        buffer = io.BytesIO()
        book.save(buffer)
        return {"files": {"file": ("a.xlsx", buffer.getvalue())}}
    if "application/json" in content:
        return {"json": {"records": [actual()]}}
    return {}


def test_the_write_routes_are_found(app: FastAPI) -> None:
    found = {(m, p) for m, p, _ in write_operations(app)}
    for plural in ("actuals", "assignments", "candidates", "chokepoints"):
        expected = {("post", f"/api/v1/{plural}"), ("post", f"/api/v1/{plural}/import")}
        assert expected | {("delete", f"/api/v1/{plural}")} <= found, plural
    assert ("get", "/api/v1/audit") in found


def test_every_write_route_needs_a_key_of_the_right_role(
    store: GraphStore, keys: Keys, records: RecordsStore
) -> None:
    """Every operation that writes or declares a security need, found in the OpenAPI document
    (so a kind of record added later is covered at once): 401 without a valid key, 403 with
    too low a role, nothing written.  The failure limit is raised: more routes than it allows
    are tried with a wrong key."""
    app = create_app(store, settings=Settings(auth_failures_per_minute=1000), records=records)
    api = TestClient(app)
    operations = write_operations(app)
    assert len(operations) >= 13  # 4 kinds × (write, import, delete), and the audit
    for method, path, operation in operations:
        assert operation.get("security"), f"{method} {path} declares no security"
        kwargs = request_for(method, path, operation)
        for headers in ({}, {"Authorization": "Bearer ckg_wrong"}, {"Authorization": "Basic x"}):
            response = api.request(method, path, headers=headers, **kwargs)
            assert response.status_code == 401, (method, path, headers, response.text)
            assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.headers["cache-control"] == "no-store"
        response = api.request(method, path, headers=keys["viewer"], **kwargs)
        assert response.status_code == 403, (method, path, response.text)
        assert response.json()["title"] == "Forbidden"
        needed = "admin" if method == "get" else "editor"
        if needed == "admin":
            assert api.request(method, path, headers=keys["editor"]).status_code == 403
    assert records.records() == []


def test_a_revoked_key_is_refused(api: TestClient, keys: Keys, records: RecordsStore) -> None:
    records.revoke_key("test-editor", actor="tests")
    response = api.post("/api/v1/actuals", json={"records": [actual()]}, headers=keys["editor"])
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_failed_authentication_is_rate_limited(
    store: GraphStore, records: RecordsStore, keys: Keys
) -> None:
    settings = Settings(auth_failures_per_minute=3)
    with TestClient(create_app(store, settings=settings, records=records)) as client:
        wrong = {"Authorization": "Bearer ckg_guess"}
        for _ in range(3):
            assert (
                client.post(
                    "/api/v1/actuals", json={"records": [actual()]}, headers=wrong
                ).status_code
                == 401
            )
        blocked = client.post(
            "/api/v1/actuals", json={"records": [actual()]}, headers=keys["editor"]
        )
        assert blocked.status_code == 429
        assert 1 <= int(blocked.headers["retry-after"]) <= 60
        assert blocked.headers["content-type"] == PROBLEM_MEDIA_TYPE
        assert client.get("/api/v1/chains/chain.pv").status_code == 200  # reads stay open
    assert records.records() == []


def test_reads_can_require_a_key(store: GraphStore, records: RecordsStore, keys: Keys) -> None:
    settings = Settings(require_key_for_read=True)
    with TestClient(create_app(store, settings=settings, records=records)) as client:
        for url in ("/api/v1/chains", "/api/v1/progress", "/api/v1/actuals", "/progress", "/"):
            assert client.get(url).status_code == 401, url
            answer = client.get(url, headers=keys["viewer"])
            assert answer.status_code == 200, url
            assert answer.headers["cache-control"] == "no-store", url
        assert client.get("/api/v1/health").status_code == 200


def test_the_audit_needs_an_admin_key(api: TestClient, keys: Keys) -> None:
    assert api.get("/api/v1/audit").status_code == 401
    assert api.get("/api/v1/audit", headers=keys["editor"]).status_code == 403
    page = api.get("/api/v1/audit", headers=keys["admin"]).json()
    assert page["total"] == 3 and {e["action"] for e in page["items"]} == {"keys.create"}
    assert all("digest" not in e["records"][0]["after"] for e in page["items"])


# ---------------------------------------------------------------- the plan reloaded


def without(graph: PlanGraph, node: str) -> PlanGraph:
    """Return the graph without one node and its relationships."""
    return PlanGraph(
        nodes={k: v for k, v in graph.nodes.items() if k != node},
        edges=[e for e in graph.edges if node not in (e.source, e.target)],
    )


def test_a_plan_reload_keeps_the_records_and_reports_orphans(
    store: GraphStore, records: RecordsStore, keys: Keys, graph: PlanGraph
) -> None:
    body = {"records": [actual("chain.pv"), actual("chain.hydrogen", value=12)]}
    with TestClient(create_app(store, records=records)) as client:
        assert client.post("/api/v1/actuals", json=body, headers=keys["editor"]).status_code == 200
    smaller = without(graph, "chain.hydrogen")
    if isinstance(store, Neo4jStore):
        load_graph(store.driver, store.database, smaller)  # the loader deletes chain.hydrogen
        reloaded: GraphStore = store
    else:
        reloaded = EmbeddedStore(smaller)
    try:
        with TestClient(create_app(reloaded, records=records)) as client:
            listed = client.get("/api/v1/actuals").json()
            assert listed["total"] == 2
            assert [o["subject"] for o in listed["orphans"]] == ["chain.hydrogen"]
            progress = client.get("/api/v1/progress").json()
            assert [o["key"] for o in progress["orphans"]] == ["chain.hydrogen|2025"]
            assert client.get("/api/v1/chains/chain.hydrogen").status_code == 404
            again = client.post("/api/v1/actuals", json=body, headers=keys["editor"])
            assert again.status_code == 422  # no new record for a subject that is gone
    finally:
        if isinstance(store, Neo4jStore):
            load_graph(store.driver, store.database, graph)
    assert len(records.records()) == 2


def test_writes_never_change_the_plan_graph(api: TestClient, keys: Keys, store: GraphStore) -> None:
    before = store.run("subgraph", labels=None)
    counts = store.run("counts")
    body = {"records": [actual(), actual("ind.revenue_2027", value=6400)]}
    assert api.post("/api/v1/actuals", json=body, headers=keys["editor"]).status_code == 200
    assert store.run("subgraph", labels=None) == before
    assert store.run("counts") == counts
