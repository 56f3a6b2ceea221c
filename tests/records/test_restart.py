"""Write, restart, read back: records, keys and the audit outlive the app (SQLite under
CHAINKG_DATA_DIR) and the database server itself (a Neo4j of this test's own, restarted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainkg.api.main import create_app
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import make_driver
from chainkg.records.keys import new_key
from chainkg.records.store import open_records
from tests.api.conftest import TestClient
from tests.conftest import own_neo4j

BODY = {
    "records": [
        {"subject": "chain.pv", "year": 2025, "value": 300, "source": "2025年统计快报"},
        {"subject": "ind.revenue_2027", "year": 2025, "value": 6400, "source": "年报"},
    ]
}


def write_with_a_new_key(settings: Settings) -> tuple[dict[str, str], dict[str, Any]]:
    """Create an admin key (as ``chainkg keys create`` does), then write through the app."""
    secret, key = new_key("restart-admin", "admin", "tests")
    records = open_records(settings)
    try:
        records.create_key(key, actor="tests")
    finally:
        records.close()
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(settings=settings)) as client:
        response = client.post("/api/v1/actuals", json=BODY, headers=headers)
        assert response.status_code == 200, response.text
        before = {
            "actuals": client.get("/api/v1/actuals").json(),
            "audit": client.get("/api/v1/audit", headers=headers).json(),
            "progress": client.get("/api/v1/progress/chains/chain.pv").json(),
        }
    return headers, before


def read_back(settings: Settings, headers: dict[str, str], before: dict[str, Any]) -> None:
    with TestClient(create_app(settings=settings)) as client:
        assert client.get("/api/v1/actuals").json() == before["actuals"]
        assert client.get("/api/v1/audit", headers=headers).json() == before["audit"]
        assert client.get("/api/v1/progress/chains/chain.pv").json() == before["progress"]
        assert before["actuals"]["total"] == 2 and before["audit"]["total"] == 2


def test_sqlite_records_outlive_the_app(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    headers, before = write_with_a_new_key(settings)
    assert (tmp_path / "data" / "records.sqlite3").is_file()
    read_back(settings, headers, before)


@pytest.mark.neo4j
def test_neo4j_records_outlive_a_server_restart(tmp_path: Path, graph: PlanGraph) -> None:
    with own_neo4j(tmp_path / "neo4j", data_dir=tmp_path / "unused") as (server, settings):
        with make_driver(settings) as driver:
            load_graph(driver, settings.neo4j_database, graph)
        headers, before = write_with_a_new_key(settings)
        server.stop()
        server.start()  # same data directory
        read_back(settings, headers, before)
        with make_driver(settings) as driver:  # a reload of the plan leaves them alone
            load_graph(driver, settings.neo4j_database, graph)
            labels, _, _ = driver.execute_query(
                "MATCH (n) WHERE NOT n:Entity RETURN labels(n)[0] AS label, count(*) AS n "
                "ORDER BY label",
                database_=settings.neo4j_database,
            )
        assert {r["label"]: r["n"] for r in labels} == {
            "ApiKey": 1,
            "AuditEntry": 2,
            "GraphVersion": 1,  # the loader's stamp of the plan's version (not a record)
            "Record": 2,
            "RecordsMeta": 1,
        }
        read_back(settings, headers, before)
        assert not (tmp_path / "unused").exists()  # Neo4j keeps its records in the database
