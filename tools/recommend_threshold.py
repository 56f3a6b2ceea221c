"""Choose the recommender's threshold on tests/recommend/cases.yaml, and check it held out.

    .venv/bin/python -m tools.recommend_threshold

For every case the first chain and its score are computed with no threshold.  A threshold
is right for an in-plan case when the first chain is the expected one and reaches it, and
for an out-of-plan case when no chain reaches it.  The threshold chosen on a set of cases
makes the fewest mistakes there and, among those, sits in the middle of the widest gap
between two scores (the largest margin on both sides).  The cases are split by position
into two halves: the threshold chosen on each half is tried on the other (two-fold), then
the threshold of all the cases is printed; :data:`chainkg.graph_loader.recommend.THRESHOLD`
is set to it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from chainkg.graph_loader.recommend import THRESHOLD, Recommender
from chainkg.graph_loader.store import EmbeddedStore

CASES = Path(__file__).resolve().parent.parent / "tests" / "recommend" / "cases.yaml"


@dataclass(frozen=True)
class Outcome:
    """The first chain of a case and its score; ``right`` is None for an out-of-plan case."""

    q: str
    right: bool | None
    score: float


def load_cases(path: Path = CASES) -> dict[str, list[dict[str, str | None]]]:
    """Return the cases: ``in_plan`` (q, chain, park) and ``out_of_plan`` (q)."""
    data: dict[str, list[dict[str, str | None]]] = yaml.safe_load(path.read_text("utf-8"))
    return data


def outcomes(recommender: Recommender, path: Path = CASES) -> list[Outcome]:
    """Return the outcome of every case, in-plan ones first, in file order."""
    cases = load_cases(path)
    found = []
    for case in cases["in_plan"] + cases["out_of_plan"]:
        chains = recommender.chains(str(case["q"]))
        first = chains[0] if chains else None
        right = None if "chain" not in case else first is not None and first.id == case["chain"]
        found.append(Outcome(str(case["q"]), right, first.score if first else 0.0))
    return found


def mistakes(cases: list[Outcome], threshold: float) -> int:
    """Return how many cases ``threshold`` gets wrong."""
    return sum(
        (c.score >= threshold) if c.right is None else not (c.right and c.score >= threshold)
        for c in cases
    )


def choose(cases: list[Outcome]) -> float:
    """Return the threshold with the fewest mistakes, in the middle of the widest such gap.

    >>> choose([Outcome("a", True, 0.3), Outcome("b", None, 0.1), Outcome("c", True, 0.5)])
    0.2
    """
    scores = sorted({0.0, 1.0, *(c.score for c in cases)})
    gaps = list(pairwise(scores))
    best = min(mistakes(cases, (lo + hi) / 2) for lo, hi in gaps)
    lo, hi = max(
        ((lo, hi) for lo, hi in gaps if mistakes(cases, (lo + hi) / 2) == best),
        key=lambda gap: gap[1] - gap[0],
    )
    return round((lo + hi) / 2, 4)


def accuracy(cases: list[Outcome], threshold: float) -> str:
    """Return the share of in-plan cases right and of out-of-plan cases rejected."""
    plan = [c for c in cases if c.right is not None]
    other = [c for c in cases if c.right is None]
    hits = sum(bool(c.right) and c.score >= threshold for c in plan)
    kept_out = sum(c.score < threshold for c in other)
    return (
        f"{hits}/{len(plan)} right chain first ({hits / len(plan):.1%}), "
        f"{kept_out}/{len(other)} out-of-plan rejected"
    )


def main() -> None:
    """Print the two-fold check and the threshold of all the cases."""
    cases = outcomes(Recommender(EmbeddedStore.from_seed()))
    even, odd = cases[0::2], cases[1::2]
    for name, train, test in (("even", even, odd), ("odd", odd, even)):
        t = choose(train)
        print(f"chosen on the {name} half: {t}; on the other half: {accuracy(test, t)}")
    t = choose(cases)
    print(f"chosen on all {len(cases)} cases: {t}; {accuracy(cases, t)}")
    print(f"THRESHOLD in use: {THRESHOLD}; {accuracy(cases, THRESHOLD)}")
    plan = sorted(c.score for c in cases if c.right)
    other = sorted(c.score for c in cases if c.right is None)
    print(f"lowest right in-plan scores: {plan[:3]}; highest out-of-plan: {other[-3:]}")


if __name__ == "__main__":
    main()
