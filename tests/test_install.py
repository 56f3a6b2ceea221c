"""The installs: ``make serve`` puts the runtime dependencies only into the venv, ``make test``
adds the dev tools, and neither prints a warning.

The venv is real: the Makefile's own targets build it into a temporary directory (packages
from the local pip cache, or PyPI).
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _name(requirement: str) -> str:
    """Return the canonical distribution name of a requirement (``types-PyYAML>=6`` …)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _make(venv: Path, *targets: str) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), f"VENV={venv}", *targets],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _installed(venv: Path) -> set[str]:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {_name(p["name"]) for p in json.loads(done.stdout)}


def _quiet(output: str) -> None:
    """No warning of any kind (deprecations, the editable build's, pip's notices) besides
    the commands make echoes."""
    noisy = [
        line
        for line in output.splitlines()
        if re.search(r"warn|deprecat|notice|error", line, re.IGNORECASE)
        and "-m pip install -q" not in line
    ]
    assert noisy == [], output


def test_make_serve_installs_no_dev_tool_and_make_test_adds_them(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    assert {"pytest", "mypy", "ruff", "playwright", "schemathesis"} <= dev
    venv = tmp_path / "venv"

    _quiet(_make(venv, "install-runtime"))
    installed = _installed(venv)
    assert {"chainkg", *runtime} <= installed
    assert installed & dev == set(), sorted(installed & dev)
    # make serve needs nothing more: its only remaining step is to run the server
    plan = _make(venv, "-n", "serve", "PORT=8123")
    assert plan.strip().splitlines() == [
        f"{venv}/bin/chainkg serve --host 127.0.0.1 --port 8123"
    ], plan

    _quiet(_make(venv, "install"))
    assert dev <= _installed(venv)
