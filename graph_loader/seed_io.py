"""Reading seed files: encodings, YAML syntax and record shapes.

:func:`read_seed` returns every record it could parse and a :class:`Problem`
for everything it could not; it never raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from chainkg.graph_loader.models import ENTITY_MODELS, ChainRelation, Record
from chainkg.graph_loader.problems import Problem

PLAN_TEXT = Path("source") / "plan.txt"
"""Where the plan text lives inside a seed directory."""

RELATION_FILE = ChainRelation.FILE
SEED_FILES: tuple[str, ...] = (*(m.FILE for m in ENTITY_MODELS), RELATION_FILE)


@dataclass
class Seed:
    """What was read from a seed directory."""

    directory: Path
    plan_text: str = ""
    records: dict[str, list[Record]] = field(default_factory=dict)
    """Records by file name, in file order."""
    relations: list[ChainRelation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    """Ids of records that exist but failed validation (references to them are not dangling)."""
    unread: set[str] = field(default_factory=set)
    """Seed files that could not be read as a list of records (missing, undecodable, bad YAML)."""

    def all_records(self) -> list[Record]:
        """Every entity record, in load order."""
        return [r for m in ENTITY_MODELS for r in self.records.get(m.FILE, [])]

    def may_hold(self, id: str) -> bool:
        """Return True when ``id`` may name a record that could not be read: one that failed
        validation, or any record of a kind whose file was unreadable.  A reference to it is
        not reported as dangling; the record's or file's own problem is."""
        return id in self.broken or _FILE_OF_PREFIX.get(id.split(".", 1)[0]) in self.unread


_FILE_OF_PREFIX = {m.ID_PREFIX: m.FILE for m in ENTITY_MODELS}


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Return the text of ``data`` and a warning, or raise ``ValueError`` naming the problem.

    UTF-8 with or without a BOM is read as is; GBK/GB18030 is read with a warning.

    >>> decode("名".encode("gbk"), "x.yaml")[1]
    'x.yaml: read as GBK/GB18030; please save it as UTF-8'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("file is UTF-16 encoded (it starts with a UTF-16 BOM); save it as UTF-8")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), f"{name}: read as GBK/GB18030; please save it as UTF-8"
    except UnicodeDecodeError:
        pass
    line = data[: utf8_error.start].count(b"\n") + 1
    raise ValueError(
        f"file is not valid UTF-8 (nor GBK): byte 0x{data[utf8_error.start]:02x} "
        f"at offset {utf8_error.start}, line {line}; save it as UTF-8"
    )


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (7x faster on the seed), else Python's."""


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader that rejects duplicate keys instead of keeping the last one."""


class _PureUniqueKeyLoader(yaml.SafeLoader):
    """The same in pure Python (tests compare the two)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen[key] = loader.construct_object(value_node, deep=True)
    return seen


for _loader in (_UniqueKeyLoader, _PureUniqueKeyLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, *, pure: bool = False) -> Any:
    """Return the YAML document in ``text``; raise ``ValueError`` with line and column.

    ``pure`` uses PyYAML's Python parser instead of libyaml (the answers are the same).

    >>> parse_yaml("a: 1\\nb: [x, y]")
    {'a': 1, 'b': ['x', 'y']}
    """
    try:
        return yaml.load(text, Loader=_PureUniqueKeyLoader if pure else _UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ValueError(f"YAML syntax error at {where}{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"YAML error: {exc}") from None


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.startswith(("function-", "union[", "int", "float", "str", "list[")):
            out += f".{part}" if out else part
    return out or "-"


def validation_problems(file: str, record: str, exc: ValidationError) -> list[Problem]:
    """Return one problem per pydantic error, naming the field path."""
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        elif err["type"] == "missing":
            msg = "required field is missing"
        elif "input" in err and err["type"] not in ("value_error", "assertion_error"):
            msg = f"{msg} (got {err['input']!r})"
        problems.append(Problem(file, record, _loc(err["loc"]), msg))
    return problems


def _record_label(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return str(raw["id"]).strip()
    return f"#{index + 1}"


def parse_records(
    file: str, data: Any, model: type[BaseModel], broken: set[str] | None = None
) -> tuple[list[Any], list[Problem]]:
    """Validate each item of ``data`` with ``model``; return the good ones and the problems.

    The labels of records that fail are added to ``broken``.
    """
    if data is None:
        return [], [Problem(file, message="file is empty; expected a list of records")]
    if isinstance(data, dict) and model.__name__ == "Plan":
        data = [data]
    if not isinstance(data, list):
        return [], [Problem(file, message=f"expected a list of records, got {type(data).__name__}")]
    good: list[Any] = []
    problems: list[Problem] = []
    for i, raw in enumerate(data):
        label = _record_label(raw, i)
        if not isinstance(raw, dict):
            problems.append(Problem(file, label, message="record must be a mapping of fields"))
            continue
        try:
            good.append(model.model_validate(raw))
        except ValidationError as exc:
            problems.extend(validation_problems(file, label, exc))
            if broken is not None:
                broken.add(label)
    return good, problems


def read_file(path: Path) -> tuple[str | None, list[Problem], list[str]]:
    """Return the decoded text of ``path`` (or None), its problems and warnings."""
    name = path.name if path.parent.name != "source" else str(PLAN_TEXT)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, message="file is missing")], []
    except OSError as exc:
        return None, [Problem(name, message=f"cannot read file: {exc.strerror}")], []
    try:
        text, warning = decode(data, name)
    except ValueError as exc:
        return None, [Problem(name, message=str(exc))], []
    return text, [], [warning] if warning else []


def read_seed(directory: Path) -> Seed:
    """Read every seed file under ``directory``; problems are collected, never raised."""
    seed = Seed(directory=directory)
    if not directory.is_dir():
        seed.problems.append(Problem(str(directory), message="seed directory does not exist"))
        return seed
    plan_text, problems, warnings = read_file(directory / PLAN_TEXT)
    seed.plan_text = plan_text or ""
    seed.problems += problems
    seed.warnings += warnings
    for path in sorted(directory.glob("*.y*ml")):
        if path.name not in SEED_FILES:
            seed.problems.append(
                Problem(path.name, message=f"unknown seed file; expected one of {SEED_FILES}")
            )
    for file in SEED_FILES:
        text, problems, warnings = read_file(directory / file)
        seed.problems += problems
        seed.warnings += warnings
        if text is None:
            seed.unread.add(file)
            continue
        try:
            data = parse_yaml(text)
        except ValueError as exc:
            seed.problems.append(Problem(file, message=str(exc)))
            seed.unread.add(file)
            continue
        if file == RELATION_FILE:
            seed.relations, problems = parse_records(file, data, ChainRelation, seed.broken)
        else:
            model = next(m for m in ENTITY_MODELS if file == m.FILE)
            seed.records[file], problems = parse_records(file, data, model, seed.broken)
        seed.problems += problems
        if any(p.record == "-" for p in problems):  # not a list of records at all
            seed.unread.add(file)
    return seed
