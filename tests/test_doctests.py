"""The docstring examples of every module of the installed ``chainkg`` package run and pass.

Modules are imported by their package name (``chainkg.graph_loader.catalog``), never by file
path, so each runs once, as users import it.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
from contextlib import redirect_stdout

import pytest

LAYERS = ("cli", "graph_loader", "records", "api", "viz")
"""The code packages of ``chainkg``; an editable install maps each to its own folder."""
SKIP = {"chainkg.__main__"}  # running it would run the CLI


def modules() -> list[str]:
    """Return the name of every module of the ``chainkg`` package (subpackages included)."""
    names = {"chainkg"}
    for layer in LAYERS:
        package = importlib.import_module(f"chainkg.{layer}")
        names.add(package.__name__)
        names.update(
            m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
        )
    return sorted(names - SKIP)


def test_every_layer_is_walked() -> None:
    found = modules()
    for layer in LAYERS:
        assert sum(m.startswith(f"chainkg.{layer}.") for m in found) >= 3, layer


@pytest.mark.parametrize("name", modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    report = io.StringIO()
    with redirect_stdout(report):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True)
    assert result.failed == 0, report.getvalue()


def test_examples_are_found() -> None:
    """The runner sees the examples (a module with some reports them as attempted)."""
    module = importlib.import_module("chainkg.graph_loader.catalog")
    assert doctest.testmod(module, report=False).attempted >= 1
