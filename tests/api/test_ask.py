"""Three ways in, one answer: the engine, ``GET /api/v1/ask`` and ``chainkg ask`` agree, and
every answer's map link opens a page."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from chainkg.api.services import map_link
from chainkg.cli import app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.ask import ask_with_records
from chainkg.viz.maps import Links
from tests.api.conftest import TestClient
from tests.qa.test_questions import QUESTIONS

CLI_QUESTIONS = [
    ("光伏在哪些园区？", "zh"),
    ("泰兴经开区有啥产业", "zh"),
    ("泰兴经济开发区承载的产业链2027年目标合计", "zh"),
    ("2024年销售收入前三的产业链", "zh"),
    ("工信局负责哪些行动", "zh"),
    ("每年招引多少亿元以上项目", "zh"),
    ("钙钛矿电池属于哪条产业链", "zh"),
    ("光伏和锂电有什么关系", "zh"),
    ("南京的光伏园区有哪些", "zh"),
    ("Which parks carry photovoltaics?", "en"),
    ("What is the 2027 target of the new materials industry?", "en"),
    ("What's the weather today?", "en"),
]


def api_answer(client: TestClient, q: str, lang: str) -> dict[str, Any]:
    response = client.get("/api/v1/ask", params={"q": q, "lang": lang})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_api_answers_as_the_engine(
    embedded_client: TestClient, embedded_store: EmbeddedStore
) -> None:
    """Every question of the set: the API's JSON is the engine's answer (on the app's records
    store) plus the map link."""
    records = embedded_client.app.state.records  # type: ignore[attr-defined]
    for case in QUESTIONS:
        lang = case.get("lang", "zh")
        answer = ask_with_records(embedded_store, records, case["q"], lang)
        expected = answer.model_dump(mode="json")
        expected["map"] = map_link(answer.focus, Links(static=False))
        assert api_answer(embedded_client, case["q"], lang) == expected, case["q"]


def test_every_map_link_opens(embedded_client: TestClient) -> None:
    links = {api_answer(embedded_client, c["q"], c.get("lang", "zh"))["map"] for c in QUESTIONS}
    assert "/maps/overview" in links and any(link.startswith("/maps/chains/") for link in links)
    for link in sorted(links):
        response = embedded_client.get(link)
        assert response.status_code == 200, link
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(("q", "lang"), CLI_QUESTIONS)
def test_the_cli_answers_as_the_api(embedded_client: TestClient, q: str, lang: str) -> None:
    result = CliRunner().invoke(app, ["ask", q, "--lang", lang, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == api_answer(embedded_client, q, lang)


def test_the_cli_prints_the_answer_and_its_evidence() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chainkg", "ask", "光伏在哪些园区？"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    assert "海陵新能源产业园" in result.stdout and "二(三)" in result.stdout
    assert "/maps/chains/chain.pv" in result.stdout


def test_a_blank_question_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["ask", "   "])
    assert result.exit_code == 2
    assert "non-blank" in result.output


def test_bad_input_is_a_problem(embedded_client: TestClient) -> None:
    for params in ({"q": " "}, {"q": "光伏", "lang": "fr"}, {"q": "光" * 301}, {}):
        response = embedded_client.get("/api/v1/ask", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
