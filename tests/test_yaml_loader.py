"""The seed parser on libyaml answers as PyYAML's pure-Python one, duplicate keys included."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chainkg.graph_loader.seed_io import parse_yaml


def test_libyaml_is_used_where_available() -> None:
    from chainkg.graph_loader import seed_io

    assert yaml.__with_libyaml__, "PyYAML without libyaml: the seed parses 7x slower"
    assert issubclass(seed_io._UniqueKeyLoader, yaml.CSafeLoader)


def test_every_seed_file_parses_the_same(seed_dir: Path) -> None:
    files = sorted(seed_dir.glob("*.yaml"))
    assert len(files) >= 16
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text) == parse_yaml(text, pure=True), path.name


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1\na: 2\n", "line 2, column 1: duplicate key 'a'"),
        ("- id: x\n  name: y\n  id: z\n", "line 3, column 3: duplicate key 'id'"),
        ("- id: [oops\n", "line 2, column 1"),
        ("a: b: c\n", "line 1, column 5"),
    ],
)
def test_bad_yaml_names_the_same_place(pure: bool, text: str, where: str) -> None:
    with pytest.raises(ValueError, match="YAML syntax error at ") as info:
        parse_yaml(text, pure=pure)
    assert where in str(info.value)
