"""``chainkg keys``, ``chainkg actuals`` and ``chainkg audit`` on a records store of their own."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chainkg.api.main import create_app
from chainkg.cli import app
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.graph_loader.store import Neo4jStore
from chainkg.records.store import Neo4jRecords, Put
from tests.api.conftest import TestClient
from tests.conftest import Neo4jServer
from tests.records.conftest import wipe

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "examples" / "demo-actuals-invented.xlsx"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The CLI's settings: records under a temporary CHAINKG_DATA_DIR, the embedded store."""
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def stdout(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_key_from_the_cli_works_on_the_api_until_revoked(data_dir: Path) -> None:
    printed = stdout("keys", "create", "--name", "统计局.李四", "--role", "editor")
    secret = printed.strip().splitlines()[-1]
    assert secret.startswith("ckg_") and len(secret) > 40 and " " not in secret
    listed = run("keys", "list")
    assert "统计局.李四" in listed and "editor" in listed and secret not in listed
    assert secret not in (data_dir / "records.sqlite3").read_bytes().decode("latin-1")
    run("keys", "create", "--name", "统计局.李四", "--role", "admin", code=1)
    run("keys", "create", "--name", "has space", "--role", "admin", code=2)
    run("keys", "create", "--name", "x", "--role", "root", code=2)
    headers = {"Authorization": f"Bearer {secret}"}
    body = {"records": [{"subject": "chain.pv", "year": 2025, "value": 300, "source": "快报"}]}
    with TestClient(create_app(settings=Settings(data_dir=data_dir))) as client:
        assert client.post("/api/v1/actuals", json=body, headers=headers).status_code == 200
        assert client.get("/api/v1/actuals").json()["items"][0]["written_by"] == "统计局.李四"
        assert "revoked" in run("keys", "revoke", "--name", "统计局.李四")
        assert client.post("/api/v1/actuals", json=body, headers=headers).status_code == 401
    run("keys", "revoke", "nobody", code=1)
    run("keys", "revoke", code=2)
    assert "revoked" in run("keys", "revoke", "统计局.李四")  # again: nothing changes
    entries = json.loads(stdout("audit", "--json"))
    assert [e["action"] for e in entries] == ["keys.revoke", "actuals.write", "keys.create"]
    assert entries[1]["key_name"] == "统计局.李四"


def test_template_and_import_from_the_cli(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("actuals", "template", "--out", str(out), "--year", "2026")
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["chains", "measures", "indicators"]
    chains = book["chains"]
    header = [c.value for c in chains[1]]
    chains.cell(2, header.index("value") + 1).value = "abc"
    chains.cell(3, header.index("value") + 1).value = 100
    buffer = io.BytesIO()
    book.save(buffer)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(buffer.getvalue())
    output = run("actuals", "import", str(bad), code=1)
    assert "sheet chains, row 2, column value" in output
    assert "row 3" not in output  # no source: it cites the workbook
    assert "nothing was written" in output
    assert "0 of 0" in run("audit")
    chains.cell(2, header.index("value") + 1).value = 200
    book.save(bad)
    assert "created 2" in run("actuals", "import", str(bad), "--source", "2026年快报")
    with TestClient(create_app(settings=Settings(data_dir=data_dir))) as client:
        sources = {i["source"] for i in client.get("/api/v1/actuals").json()["items"]}
    assert sources == {"2026年快报"}


def test_the_demo_data_loads_on_request(data_dir: Path) -> None:
    assert not (data_dir / "records.sqlite3").exists()  # nothing is loaded by itself
    first = run("actuals", "import", str(DEMO))
    assert "imported" in first and "created" in first
    again = run("actuals", "import", str(DEMO))
    assert "nothing changed" in again
    with TestClient(create_app(settings=Settings(data_dir=data_dir))) as client:
        items = client.get("/api/v1/actuals").json()["items"]
        assert len(items) > 50
        assert all("虚构" in i["source"] and "invented" in i["source"] for i in items)
        plan = client.get("/api/v1/progress").json()
        statuses = {c["status"] for c in plan["chains"]}
        assert {"ahead", "on_track", "behind"} <= statuses
        assert plan["warnings"]


def test_a_load_reports_records_whose_subject_is_gone(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer
) -> None:
    records = Neo4jRecords(neo4j_store.driver, neo4j_store.uri, neo4j_store.database)
    wipe(records)
    gone = Put("actual", "chain.gone|2025", "chain.gone", {"year": 2025, "value": 1}, None, "s")
    records.apply([gone], actor="t", action="x")
    try:
        args = ["load", "--neo4j-uri", neo4j_server.uri, "--password", neo4j_server.auth[1]]
        for dry in ([], ["--dry-run"]):
            output = run(*args, *dry)
            assert "1 staff record(s)" in output and "chain.gone" in output
        assert [r.key for r in records.records()] == ["chain.gone|2025"]
    finally:
        wipe(records)
