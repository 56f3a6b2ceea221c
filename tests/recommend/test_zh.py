"""The recommender's text: tokens, Latin words, the pieces of a description a term shares, and
the weight of a description's tokens, with the weights worked out by hand from jieba's
dictionary (``jieba/dict.txt``: 60,101,967 occurrences in all).

A word's specificity is its information content ln(total / (count + 1)) scaled from 8 nats
(0.1, as common as 生产) to 13 nats (1.0), docs/recommend.md.  For 疫苗 (373 occurrences):
ln(60101967 / 374) = 11.98730, (11.98730 − 8) / 5 = 0.797459.
"""

from __future__ import annotations

import pytest

from chainkg.graph_loader.zh import (
    common_parts,
    is_cjk,
    latin_word,
    query_tokens,
    specificity,
    tokens,
)

# Counts in jieba's dict.txt and the specificity they give (ln(60101967 / (count + 1)) − 8) / 5.
DICTIONARY = {
    "疫苗": 0.797459466,  # 373
    "加工": 0.28381251,  # 4877
    "电池": 0.673816233,  # 693
    "组件": 0.943719255,  # 179
    "不锈钢": 0.974920105,  # 153
    "原料": 0.320720116,  # 4055
    "锈": 0.951652307,  # 172
    "钢": 0.414169335,  # 2541
    "钙": 0.574028293,  # 1142
    "钛": 0.626326244,  # 879
    "矿": 0.434525874,  # 2295
    "池": 0.550607826,  # 1284
    "片": 0.23685222,  # 6168
    "料": 0.398584895,  # 2747
    "药": 0.174994216,  # 8404
    "组": 0.294594067,  # 4621
    "件": 0.226922897,  # 6482
}


def test_specificity_is_the_scaled_information_content_of_the_word() -> None:
    for word, value in DICTIONARY.items():
        assert specificity(word) == pytest.approx(value, abs=1e-9), word
    # at or below 8 nats: the floor (设计 12474, 中心 23969, 生产 32898, 不 360331)
    for word in ("设计", "中心", "生产", "不", "电"):
        assert specificity(word) == 0.1, word
    # above 13 nats (钙钛矿 5, 不锈 6, 原料药 74, 电池组 30) or absent: full weight
    for word in ("钙钛矿", "不锈", "原料药", "电池组", "钙钛", "topcon"):
        assert specificity(word) == 1.0, word


def _rounded(pairs: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(token, round(weight, 9)) for token, weight in pairs]


def test_a_descriptions_tokens_weigh_their_words() -> None:
    """jieba cuts 不锈钢/钙钛矿/电池/片: 不锈 and 电池 are words of the dictionary (their own
    weight); 锈钢 lies inside 不锈钢, 钙钛 and 钛矿 inside 钙钛矿 (the word's weight); 钢钙,
    矿电 and 池片 span two words (0.3)."""
    assert _rounded(query_tokens("不锈钢钙钛矿电池片")) == (
        [
            ("不", 0.1),
            ("锈", DICTIONARY["锈"]),
            ("钢", DICTIONARY["钢"]),
            ("钙", DICTIONARY["钙"]),
            ("钛", DICTIONARY["钛"]),
            ("矿", DICTIONARY["矿"]),
            ("电", 0.1),
            ("池", DICTIONARY["池"]),
            ("片", DICTIONARY["片"]),
            ("不锈", 1.0),
            ("锈钢", DICTIONARY["不锈钢"]),
            ("钢钙", 0.3),
            ("钙钛", 1.0),
            ("钛矿", 1.0),
            ("矿电", 0.3),
            ("电池", DICTIONARY["电池"]),
            ("池片", 0.3),
        ]
    )
    # 原料药/钙钛矿/电池组/件: 料药 inside 原料药, 池组 inside 电池组 (both rare: 1.0)
    bigrams = _rounded(query_tokens("原料药钙钛矿电池组件")[10:])
    assert bigrams == (
        [
            ("原料", DICTIONARY["原料"]),
            ("料药", 1.0),
            ("药钙", 0.3),
            ("钙钛", 1.0),
            ("钛矿", 1.0),
            ("矿电", 0.3),
            ("电池", DICTIONARY["电池"]),
            ("池组", 1.0),
            ("组件", DICTIONARY["组件"]),
        ]
    )
    assert query_tokens("TOPCon cells的") == [("topcon", 1.0), ("cell", 1.0)]


def test_a_seam_between_two_equal_words_is_a_seam() -> None:
    """电池/电池: 池电 spans two words (0.3), though the words are equal."""
    assert _rounded(query_tokens("电池电池")[4:]) == [
        ("电池", DICTIONARY["电池"]),
        ("池电", 0.3),
        ("电池", DICTIONARY["电池"]),
    ]


def test_a_word_the_dictionary_lacks_is_still_a_word() -> None:
    """电堆 (a fuel cell's stack) is no word of jieba's dictionary, but jieba's HMM reads
    燃料电池/电堆: its bigram is a word's (full weight, as a word the dictionary lacks), not a
    seam's."""
    assert ("电堆", 1.0) in query_tokens("燃料电池电堆")
    assert ("池电", 0.3) in query_tokens("燃料电池电堆")


def test_tokens_are_unigrams_without_stop_characters_and_every_bigram() -> None:
    assert tokens("钙钛矿电池") == ["钙", "钛", "矿", "电", "池", "钙钛", "钛矿", "矿电", "电池"]
    assert tokens("光伏的电池") == ["光", "伏", "电", "池", "光伏", "伏的", "的电", "电池"]
    assert tokens("储能") == ["储", "能", "储能"]
    assert tokens("氢") == ["氢"]


def test_latin_words_lose_leading_digits_and_plural_s() -> None:
    assert latin_word("cars") == "car"
    assert latin_word("gas") == "gas"
    assert latin_word("glass") == "glass"
    assert latin_word("modules") == "module"
    assert latin_word("5g") is None  # a digit, then one letter
    assert latin_word("10gw") is None and latin_word("x") is None and latin_word("ltd") is None
    # two letters are a word (PV, EV, PS: polystyrene), and keep their s; three keep theirs too
    assert [latin_word(w) for w in ("pv", "ev", "ps", "abs", "pvdf")] == [
        "pv",
        "ev",
        "ps",
        "abs",
        "pvdf",
    ]


def test_a_run_is_cjk_by_its_first_character_from_u3400() -> None:
    """CJK runs start at U+3400 (extension A), before the unified block U+4E00."""
    assert is_cjk("\u3400") and is_cjk("\u4e00") and is_cjk("光伏")
    assert is_cjk("光a") and not is_cjk("a光") and not is_cjk("\u33ff") and not is_cjk("")


def test_common_parts_are_the_maximal_shared_runs() -> None:
    assert common_parts("钙钛矿电池", "钙钛矿") == ["钙钛矿"]
    assert common_parts("新钙钛矿", "发展钙钛矿电池") == ["钙钛矿"]
    # two shared runs that overlap, neither inside the other: both
    assert common_parts("甲乙丙丁戊己", "丙丁戊、丁戊己") == ["丙丁戊", "丁戊己"]
    # one character shared is no part; nothing shared gives nothing
    assert common_parts("钙电", "钙") == []
    assert common_parts("电池片", "钙钛矿") == []
    # a run that is part of another found elsewhere in the description is left out
    assert common_parts("钙钛 钙钛矿", "钙钛矿") == ["钙钛矿"]
    assert common_parts("topcon cells", "TOPCon cell") == ["topcon", "cells"]


def test_a_part_may_be_the_last_two_characters_of_a_run() -> None:
    """The last pair of a run is read too: a run of two, and a run whose only shared piece ends
    it."""
    assert common_parts("电池", "锂电池") == ["电池"]
    assert common_parts("新型电池", "发展电池") == ["电池"]
    assert common_parts("新型电池", "新型") == ["新型"]
