"""The cues of a question, read on their own: numbers written in Chinese, years, top N, the
ranges a question keeps figures in, and the words that name a kind of node or an intent.

Each expectation is what the question says, worked out by reading it.
"""

from __future__ import annotations

import math

import pytest

from chainkg.graph_loader.ask.cues import (
    MASK,
    bounds,
    cues_in,
    threshold,
    top_n,
    type_words,
    years_in,
)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("前一", 1),
        ("前两条", 2),
        ("前二", 2),
        ("前三", 3),
        ("前四", 4),
        ("前五名", 5),
        ("前六", 6),
        ("前七", 7),
        ("前八", 8),
        ("前九", 9),
        ("前十", 10),
        ("前十二", 12),
        ("前二十", 20),
        ("前二十五", 25),
        ("前12", 12),
        ("top 3 chains", 3),
        ("top10", 10),
        ("三个最大的", 3),
        ("5条规模最大", 5),
        ("最大的4条产业链", 4),
        ("收入最高的两个产业链", 2),
    ],
)
def test_top_n_reads_digits_and_chinese_numerals(text: str, n: int) -> None:
    assert top_n(text) == n


def test_no_top_n_without_one() -> None:
    assert top_n("最大的产业链") is None
    assert top_n("前零") is None
    assert top_n("规模最大") is None


def test_years_full_and_short_once_each_in_order() -> None:
    assert years_in("2030年和2027年的目标，2030年") == [2030, 2027]
    assert years_in("27年和30年") == [2027, 2030]
    assert years_in("20年、50年") == [2020, 2050]
    assert years_in("19年、51年、120年") == []
    assert years_in("12027年") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("超过500亿元", (">", 500.0)),
        ("大于500亿", (">", 500.0)),
        ("200亿以上", (">", 200.0)),
        ("above 50 billion", (">", 500.0)),
        ("低于20亿", ("<", 20.0)),
        ("不到100亿", ("<", 100.0)),
        ("50亿以下", ("<", 50.0)),
        ("less than 2 billion", ("<", 20.0)),
        ("超过2027年", None),
        ("2027年以上", None),
        ("2030年销售收入", None),
    ],
)
def test_threshold(text: str, expected: tuple[str, float] | None) -> None:
    assert threshold(text) == expected


def test_bounds() -> None:
    assert bounds("收入在100亿到200亿之间") == (100.0, 200.0)
    assert bounds("在300至100之间") == (100.0, 300.0)
    assert bounds("between 10 and 20 billion") == (10.0, 200.0)
    assert bounds("超过500亿") == (500.0, math.inf)
    assert bounds("低于20亿") == (-math.inf, 20.0)
    assert bounds("2024年到2027年之间") is None
    assert bounds("100到200") is None  # a range needs 之间 or between
    assert bounds("光伏的目标") is None


def test_type_words_most_specific_first() -> None:
    assert type_words("哪些保障措施") == ["Safeguard", "Measure"]
    assert type_words("有几个园区") == ["Park"]
    assert type_words("年度目标有哪些") == ["Target"]
    assert type_words("which departments and enterprises") == ["Department", "Enterprise"]
    assert type_words("哪些集群") == ["Group"]
    assert type_words("几个梯队") == ["Tier"]
    assert type_words("哪些市区") == ["District"]
    assert type_words("你好") == []


def test_cues_read_the_masked_question() -> None:
    assert cues_in(f"{MASK}在哪些园区") == {"where", "park_word", "members"}
    assert cues_in(f"{MASK}2027年目标是多少") >= {"figure", "target"}
    assert "count" in cues_in(f"{MASK}有几条产业链")
    assert "count" not in cues_in("哪几条")
    assert "sum" in cues_in(f"{MASK}合计")
    assert "relation" in cues_in(f"does {MASK} relate")
    assert "smalltalk" in cues_in("你好")
    assert "outside" in cues_in("电话是多少")
    assert cues_in("") == set()
