"""docker-compose.yml and the Dockerfile: checked by ``docker compose config`` where the compose
plugin is installed, and always by their structure (no Docker engine is needed for either)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def _compose_plugin() -> str | None:
    """Return why ``docker compose`` (v2) cannot run here, or None when it can."""
    if shutil.which("docker") is None:
        return "the docker CLI is not installed"
    result = _run(["docker", "compose", "version"])
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:200]
        return f"the docker compose plugin is not installed ({detail})"
    return None


def test_docker_compose_config_accepts_the_file() -> None:
    missing = _compose_plugin()
    if missing:
        pytest.skip(f"cannot run `docker compose config`: {missing}")
    result = _run(["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"])
    assert result.returncode == 0, result.stderr


def test_standalone_docker_compose_config_accepts_the_file() -> None:
    """Debian's ``docker-compose`` 1.29 (apt-get install docker-compose) where installed."""
    if shutil.which("docker-compose") is None:
        pytest.skip("cannot run `docker-compose config`: docker-compose (v1) is not installed")
    result = _run(["docker-compose", "-f", str(COMPOSE), "config", "--quiet"])
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def _default(value: str, var: str) -> str:
    """The default of ``${VAR:-default}`` inside ``value``."""
    match = re.search(r"\$\{" + var + r":-([^}]*)\}", value)
    assert match, f"{value!r} takes {var} with a default"
    return match.group(1)


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    auth = _env(neo4j)["NEO4J_AUTH"]
    assert auth.startswith("neo4j/${NEO4J_PASSWORD")
    assert len(_default(auth, "NEO4J_PASSWORD")) >= 8, "Neo4j refuses passwords under 8 chars"
    test = neo4j["healthcheck"]["test"]
    command = " ".join(test) if isinstance(test, list) else test
    assert "cypher-shell" in command and "RETURN 1" in command
    mounts = {m.split(":")[1]: m.split(":")[0] for m in neo4j["volumes"]}
    assert mounts["/data"] in compose["volumes"], "/data is a named volume"


def test_loader_runs_once_after_neo4j_is_healthy(compose: dict[str, Any]) -> None:
    loader = compose["services"]["loader"]
    api = compose["services"]["api"]
    assert loader["command"] == ["chainkg", "load"]
    assert loader["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert loader["restart"] == "no"
    assert (loader["build"], loader["image"]) == (api["build"], api["image"]), "the API's image"


def test_api_waits_for_the_loader_and_talks_to_the_neo4j_service(
    compose: dict[str, Any],
) -> None:
    api = compose["services"]["api"]
    assert api["depends_on"]["loader"]["condition"] == "service_completed_successfully"
    assert api["command"][:2] == ["chainkg", "serve"] and "0.0.0.0" in api["command"]
    assert any(str(p).endswith(":8000") for p in api["ports"])
    password = _env(compose["services"]["neo4j"])["NEO4J_AUTH"].split("/", 1)[1]
    for name in ("loader", "api"):
        env = _env(compose["services"][name])
        assert env["NEO4J_URI"] == "bolt://neo4j:7687", name
        assert env["NEO4J_USER"] == "neo4j" and env["NEO4J_PASSWORD"] == password, name


def test_dockerfile_builds_the_api_from_the_package() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.MULTILINE)
    assert re.search(r"^RUN pip install (-e )?\.", text, re.MULTILINE)
    assert 'CMD ["chainkg", "serve", "--host", "0.0.0.0", "--port", "8000"]' in text
    copied = re.findall(r"^COPY (.+) \S+$", text, re.MULTILINE)
    sources = [src.rstrip("/") for line in copied for src in line.split()]
    for src in sources:
        assert (ROOT / src).exists(), f"COPY {src}: no such file"
    # What the package reads at run time besides its modules (see catalog.py, settings.py).
    assert {"chainkg", "cypher", "seed", "graph_loader", "records", "api", "viz"} <= set(sources)
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert not ignored & set(sources), "a copied path is excluded by .dockerignore"
