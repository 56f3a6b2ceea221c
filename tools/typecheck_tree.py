"""Build ``build/typecheck/chainkg``: the installed package's layout, as links into the checkout.

mypy cannot follow the editable install's import hook that maps ``chainkg.graph_loader`` to
``graph_loader/`` (and so on), so ``make lint`` runs it with ``MYPYPATH=build/typecheck`` over
this tree of symbolic links, built from ``[tool.setuptools.package-dir]`` in pyproject.toml.

    python tools/typecheck_tree.py        # prints the tree's root
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def package_dirs() -> dict[str, str]:
    """Return the package-dir mapping of pyproject.toml (package name → folder)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    return mapping


def build(tree: Path = TREE) -> Path:
    """Return the root of a fresh link tree (``tree``) mirroring the installed package."""
    shutil.rmtree(tree, ignore_errors=True)
    for package, folder in sorted(package_dirs().items()):
        source = ROOT / folder
        target = tree.joinpath(*package.split("."))
        if package.count(".") == 0:  # the top package: link its files, subpackages follow
            target.mkdir(parents=True)
            for item in source.iterdir():
                if item.name != "__pycache__":
                    (target / item.name).symlink_to(item)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source, target_is_directory=True)
    return tree


if __name__ == "__main__":
    print(build())
