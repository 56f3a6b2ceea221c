"""Help that shows a flag as a flag: ``--dry-run``, not ``--dry-run <bool>``.

Typer 0.29 writes every option's type in the help, a flag's ``<bool>`` too, as if it took a
value.  :func:`flags_take_no_value` gives every command and group of an app classes that
leave a flag's type out (its metavar is set empty, which the help prints as nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.models import DefaultPlaceholder


def _untyped_flags(params: Iterable[Any]) -> None:
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class Command(TyperCommand):
    """A command whose help shows no type for its flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        _untyped_flags(params)
        return params


class Group(TyperGroup):
    """A group whose help shows no type for its flags (``--help``)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        _untyped_flags(params)
        return params


def _unset(cls: object) -> bool:
    """Return True for a class left to Typer's default (None, a placeholder, or the base)."""
    return cls in (None, TyperCommand, TyperGroup) or isinstance(cls, DefaultPlaceholder)


def flags_take_no_value(app: typer.Typer) -> typer.Typer:
    """Return ``app`` with :class:`Command` and :class:`Group` for every command and group
    (sub-apps too) that names no class of its own."""
    if _unset(app.info.cls):
        app.info.cls = Group
    for command in app.registered_commands:
        if _unset(command.cls):
            command.cls = Command
    for group in app.registered_groups:
        if group.typer_instance is not None:
            flags_take_no_value(group.typer_instance)
    return app
