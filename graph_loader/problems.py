"""The problem type every check reports: file, record, field and message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the seed, located as precisely as the check can.

    >>> str(Problem("chains.yaml", "chain.pv", "target_2027", "must be a number"))
    'chains.yaml [chain.pv] target_2027: must be a number'
    """

    file: str
    record: str = "-"
    field: str = "-"
    message: str = ""

    def __str__(self) -> str:
        return f"{self.file} [{self.record}] {self.field}: {self.message}"


class SeedError(Exception):
    """Raised when the seed has problems; nothing of it is accepted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the seed")
