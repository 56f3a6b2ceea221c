"""The layers point one way: the CLI on top, api and viz, then records, graph_loader at the bottom.

Read from the source with :mod:`ast`, so an import hidden anywhere in a module counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"cli": ROOT / "chainkg" / "cli", "graph_loader": ROOT / "graph_loader"}
FOLDERS |= {"api": ROOT / "api", "viz": ROOT / "viz", "records": ROOT / "records"}
MAY_IMPORT = {
    "graph_loader": set(),
    "records": {"graph_loader"},
    "viz": {"graph_loader", "records"},
    "api": {"graph_loader", "records", "viz"},
    "cli": {"graph_loader", "records", "api", "viz"},
}
"""The chainkg layers each layer may import (besides itself)."""


def _modules(layer: str) -> list[Path]:
    return sorted(FOLDERS[layer].rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """Return ``(line, imported module, inside a function)`` for every import of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for sub in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, id(node) in nested) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, id(node) in nested))
    return found


@pytest.mark.parametrize("layer", sorted(FOLDERS))
def test_layers_point_one_way(layer: str) -> None:
    wrong = []
    for path in _modules(layer):
        for line, module, _ in _imports(path):
            parts = module.split(".")
            if parts[0] in ("graph_loader", "records", "api", "viz", "tests", "tools", "bench"):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module} (not chainkg.*)")
            elif parts[0] == "chainkg" and len(parts) > 1 and parts[1] in FOLDERS:
                other = parts[1]
                if other != layer and other not in MAY_IMPORT[layer]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {module}")
    assert not wrong, "\n".join(wrong)


def test_no_import_inside_a_function() -> None:
    """Imports sit at the top of a module: none is hidden in a function to dodge a cycle."""
    nested = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for layer in FOLDERS
        for path in _modules(layer)
        for line, module, inside in _imports(path)
        if inside
    ]
    assert not nested, "\n".join(nested)


def test_the_check_sees_imports() -> None:
    """The parser finds a module's imports (so an empty list above means something)."""
    found = {module for _, module, _ in _imports(ROOT / "api" / "main.py")}
    assert {"chainkg.graph_loader.store", "fastapi"} <= found
