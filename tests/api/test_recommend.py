"""The recommender through its two doors: ``GET /api/v1/recommend`` and ``chainkg recommend``
answer alike, and bad input is a problem response or a usage error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from chainkg.api.main import create_app
from chainkg.cli import app
from chainkg.graph_loader.store import EmbeddedStore
from tests.api.conftest import TestClient


@pytest.fixture(scope="module")
def embedded_client(embedded_store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(embedded_store)) as client:
        yield client


def test_api_and_cli_answer_alike(embedded_client: TestClient) -> None:
    q = "高镍三元正极材料及硅碳负极材料"
    body = embedded_client.get("/api/v1/recommend", params={"q": q, "limit": 3}).json()
    assert body["matched"] and body["chains"][0]["id"] == "chain.lithium_battery"
    result = CliRunner().invoke(app, ["recommend", q, "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == body
    shown = CliRunner().invoke(app, ["recommend", q])
    assert shown.exit_code == 0 and "chain.lithium_battery" in shown.output
    assert "park.jiangyan_edz" in shown.output
    outside = CliRunner().invoke(app, ["recommend", "五星级酒店"])
    assert outside.exit_code == 0 and "no chain fits" in outside.output
    blank = CliRunner().invoke(app, ["recommend", "  "])
    assert blank.exit_code == 2


def test_api_rejects_bad_input(embedded_client: TestClient) -> None:
    for params, name in (({"q": " "}, "q"), ({"q": "光伏", "limit": 0}, "limit"), ({}, "q")):
        response = embedded_client.get("/api/v1/recommend", params=params)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        body: dict[str, Any] = response.json()
        assert [p["name"] for p in body["invalid_params"]] == [name]
    long = embedded_client.get("/api/v1/recommend", params={"q": "光" * 501})
    assert long.status_code == 422
