"""Values as a store's driver hands them over: equal to the seed's, but new objects.

Strings the seed and the code share are often the same object (interned literals), so a bug
that writes ``is`` for ``==`` passes on them; a database's answer is decoded into new strings.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

T = TypeVar("T")


def fresh(text: str) -> str:
    """Return a string equal to ``text`` that is another object."""
    return "".join([text[:1], text[1:]])


def fresh_value(value: T) -> T:
    """Return ``value`` with every string in it (keys, items) made a new object."""
    copy: Any = value
    if isinstance(value, str):
        copy = fresh(value)
    elif isinstance(value, list):
        copy = [fresh_value(v) for v in value]
    elif isinstance(value, dict):
        copy = {fresh(k): fresh_value(v) for k, v in value.items()}
    return cast(T, copy)
