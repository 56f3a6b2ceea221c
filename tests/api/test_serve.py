"""``chainkg serve``: serves the API with uvicorn; a malformed NEO4J_URI is one line, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.settings import get_settings
from tools.neo4j_server import free_port

CHAINKG = Path(sys.executable).with_name("chainkg")


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_malformed_neo4j_uri_is_one_line(
    monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.setenv("NEO4J_URI", "foo://nowhere")
    result = CliRunner().invoke(app, ["serve", "--port", str(free_port())])
    assert result.exit_code == 2
    assert "invalid NEO4J_URI 'foo://nowhere'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not CHAINKG.exists(), reason="the chainkg script is not installed")
def test_serve_answers_on_loopback() -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    process = subprocess.Popen(
        [str(CHAINKG), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        response = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/chains/chain.pv/parks")
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None and response.status_code == 200
        assert {p["id"] for p in response.json()["parks"]} == {
            "park.hailing_new_energy_park",
            "park.jiangyan_edz",
        }
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert b"(embedded store)" in output


@pytest.mark.slow
@pytest.mark.skipif(not CHAINKG.exists(), reason="the chainkg script is not installed")
def test_serve_with_several_workers() -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    process = subprocess.Popen(
        [str(CHAINKG), "serve", "--port", str(port), "--workers", "2", "--no-access-log"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        answers: list[httpx.Response] = []
        while time.monotonic() < deadline and process.poll() is None and len(answers) < 20:
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/api/v1/parks", timeout=10))
            except httpx.TransportError:
                time.sleep(0.2)
        assert len(answers) == 20 and all(a.status_code == 200 for a in answers)
        assert len({a.headers["etag"] for a in answers}) == 1, "every worker, one ETag"
        assert "server" not in answers[0].headers
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
    text = output.decode()
    assert "2 workers" in text
    assert text.count("Started server process") == 2, text


def test_workers_must_be_positive() -> None:
    result = CliRunner().invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "workers" in result.output
