"""Growth questions: the years a question names set the span, worked out by hand from 附件
光伏: 2024 revenue 304亿元, 2027 target 352亿元, 2030 target 407亿元."""

from __future__ import annotations

import pytest

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.store import EmbeddedStore


@pytest.mark.parametrize(
    ("q", "value", "text"),
    [
        # one year, 2024: from 2024 to the 2027 target, (352 / 304) ** (1/3) − 1
        (
            "光伏2024年起的年均增速是多少",
            100 * ((352 / 304) ** (1 / 3) - 1),
            "2024—2027年所需年均增速",
        ),
        ("光伏的年均增速", 100 * ((352 / 304) ** (1 / 3) - 1), "2024—2027年所需年均增速"),
        ("光伏2027年到2030年的年均增速", 100 * ((407 / 352) ** (1 / 3) - 1), "2027—2030年"),
        # three years: from the first to the last, 407 − 304
        ("光伏2024、2027和2030年的增量", 103.0, "2024—2030年增量103亿元"),
    ],
)
def test_growth_over_the_years_named(
    embedded_store: EmbeddedStore, q: str, value: float, text: str
) -> None:
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.answered) == ("chain_figure", True)
    assert answer.value == pytest.approx(value, abs=0.006)
    assert text in answer.text
