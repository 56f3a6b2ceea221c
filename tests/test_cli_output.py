"""What the command line prints: ``reconcile`` fits 80 columns with rounded figures (``--json``
has every detail), and help shows a flag as a flag (``--dry-run``, not ``--dry-run <bool>``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from typer.main import get_command
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.cli.plan import figure

CHAINKG = Path(sys.executable).parent / "chainkg"


def run(*args: str, columns: int) -> str:
    """Run the installed ``chainkg`` in a terminal of ``columns`` (no TTY: no colours)."""
    env = dict(os.environ, COLUMNS=str(columns), LINES="50")
    done = subprocess.run(
        [str(CHAINKG), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(run("reconcile", "--json", columns=80))
    return found


def test_reconcile_fits_80_columns(rows: list[dict[str, object]]) -> None:
    text = run("reconcile", columns=80)
    lines = text.splitlines()
    too_wide = [line for line in lines if cell_len(line) > 80]
    assert too_wide == [], too_wide
    assert "…" not in text  # nothing cut off: long names wrap inside their column
    assert len(lines) < 60, len(lines)
    # figures rounded: at most one decimal, never 87.5676
    assert not re.search(r"\d\.\d{2,}", text), re.findall(r"\S*\d\.\d{2,}\S*", text)
    for row in rows:
        annex = float(str(row["annex_value"]))
        shown = figure(annex, "%" if row["unit"] == "%" else "")
        assert shown in text, (row["name"], shown)
    assert "87.6%" in text and "+2.6" in text
    # every target's name is there, whole, once its wrapped lines are read in order
    first_column = "".join(re.split(r"\s{2,}", line.strip())[0] for line in lines)
    for row in rows:
        assert str(row["name"]) in first_column, row["name"]
    assert re.search(r"13 agree, 3 disagree", text)


def test_reconcile_json_has_the_full_detail(rows: list[dict[str, object]]) -> None:
    share = next(r for r in rows if r["metric"] == "share_of_industry")
    assert share["annex_value"] == pytest.approx(7452 / 8510 * 100, abs=1e-3)
    for row in rows:
        assert row["basis"] and row["source"] and row["evidence"]


def _commands(
    command: typer.core.TyperGroup, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in command.commands.items():
        if isinstance(sub, typer.core.TyperGroup):
            yield from _commands(sub, (*path, name))
        else:
            yield (*path, name)


def test_flags_show_no_value_in_help() -> None:
    root = get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    paths = list(_commands(root))
    assert ("load",) in paths and ("keys", "create") in paths
    for path in paths:
        result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, (path, result.output)
        assert "<bool>" not in result.output, (path, result.output)
    load = CliRunner().invoke(app, ["load", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--dry-run\s+Report, do not write", load), load
    serve = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--port\s+<int range>", serve), serve  # a value still shows its type
