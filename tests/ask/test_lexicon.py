"""The names a question mentions (the ask lexicon), read on their own: parts of long names,
loose matches, Latin names as whole words, and what names contain.

The long names are the plan's: 研发支出占地区生产总值比重达2.85%左右 and 万人发明专利拥有量达30件
(the plan's indicators), 绿色制造体系示范 (an indicator for 2027 and a yearly target).
"""

from __future__ import annotations

from typing import Any

import pytest

from chainkg.graph_loader.ask.lexicon import LEXICONS, NAME, Candidate, Lexicon
from chainkg.graph_loader.ask.normalize import normalize
from chainkg.graph_loader.store import EmbeddedStore


@pytest.fixture(scope="module")
def lexicon(embedded_store: EmbeddedStore) -> Lexicon:
    return LEXICONS.get(embedded_store)


def _row(node: str, label: str, name: str, name_en: str, *aliases: str) -> dict[str, Any]:
    """Return a row of the ``names`` query."""
    return {
        "id": node,
        "label": label,
        "name": name,
        "name_en": name_en,
        "aliases": list(aliases),
        "within": [],
    }


def _ids(lexicon: Lexicon, q: str) -> list[tuple[str, list[str]]]:
    return [(m.text, [c.id for c in m.candidates]) for m in lexicon.mentions(normalize(q))]


def test_part_of_a_long_name_finds_it(lexicon: Lexicon) -> None:
    """Runs of a long name's words (from the second word on, too) that hold a telling word."""
    assert _ids(lexicon, "研发支出占比") == [("研发支出占", ["ind.rd_intensity_2027"])]
    assert _ids(lexicon, "发明专利目标") == [("发明专利", ["ind.invention_patents_per_10k_2027"])]


def test_most_of_a_long_names_words_in_any_order(lexicon: Lexicon) -> None:
    text = normalize("每年新增绿色制造示范多少个")
    loose = lexicon.loose(text, lexicon.mentions(text))
    assert loose is not None and loose.text == "绿色制造示范"
    assert [c.id for c in loose.candidates] == [
        "ind.green_manufacturing_demos_2027",
        "target.green_manufacturing_demos",
    ]


def test_a_latin_name_stands_as_a_word(lexicon: Lexicon) -> None:
    assert _ids(lexicon, "improve PV") == [("pv", ["chain.pv"])]
    assert _ids(lexicon, "spv") == [] and _ids(lexicon, "pvc") == []


def test_a_name_ending_in_a_chinese_character_needs_no_space_after() -> None:
    lex = Lexicon.build([_row("tech.t", "Technology", "TOPCon电池", "TOPCon cells")])
    assert [m.text for m in lex.mentions(normalize("TOPCon电池ABC"))] == ["topcon电池"]
    assert lex.mentions(normalize("xTOPCon电池")) == []


def test_what_names_contain_in_chinese_and_in_english(lexicon: Lexicon) -> None:
    assert [e.id for e in lexicon.containing("perovskite", "Technology")] == [
        "tech.perovskite_cell"
    ]
    assert [e.id for e in lexicon.containing("钙钛矿")] == ["tech.perovskite_cell"]


@pytest.mark.parametrize(
    ("q", "node"),
    [
        # 生物制药、抗体偶联药物、细胞治疗等一站式服务平台: its last words, from a three-character
        # word on (一站式), and 强化组织领导's last two words (an odd count of words)
        ("一站式服务平台", "platform.pharma_one_stop_service"),
        ("组织领导", "safeguard.organization"),
        ("中试基地", "platform.chemical_pilot_base"),  # 化工中试基地: three words
        ("营商环境", "measure.ecosystem_1"),  # 打造一流营商环境: four words
        ("创新主体地位", "measure.innovation_3"),  # 强化企业创新主体地位: five words
        # 招引亿元以上项目: 招引 is shared by two long names (强化产业链项目招引), still telling
        ("招引亿元", "target.investment_projects_100m"),
        # English runs of two words or more: 'stop' (four letters) tells; 'of concept' is ten
        ("one stop service", "platform.pharma_one_stop_service"),
        ("proof of concept", "platform.research_and_validation_platforms"),
        ("of concept", "platform.research_and_validation_platforms"),
        ("policy implementation", "safeguard.policy"),
        # a chain's telling first word (six letters or more), a product's rare word
        ("modern", "chain.modern_tcm"),
        ("sulfur", "tech.lithium_sulfur_batteries"),
    ],
)
def test_parts_of_names_that_find_one_node(lexicon: Lexicon, q: str, node: str) -> None:
    assert _ids(lexicon, q) == [(normalize(q), [node])]


@pytest.mark.parametrize(
    "q",
    [
        "研究所",  # three characters of a long name are not enough
        "implementation",  # one word of a long English name is not enough
        "service platforms",  # words three or more long names share
        "offshore",  # the first word of two sectors' names (Offshore …, Marine: offshore …)
        "阀",  # a name of one character (阀, a product of 附件) would be found everywhere
        "revenue of 10",  # a number of two digits tells nothing (10 billion yuan: 百亿元企业)
        "造产业规模",  # 新智造产业规模: 造 alone tells nothing, 产业 and 规模 are common
    ],
)
def test_parts_too_short_or_too_common_find_nothing(lexicon: Lexicon, q: str) -> None:
    assert _ids(lexicon, q) == []


def test_a_chains_name_is_not_a_fragment_of_a_platform(lexicon: Lexicon) -> None:
    """Biopharmaceuticals is the chain's English name, and a single word of the pharma
    platform's long English name: the platform is no candidate."""
    assert _ids(lexicon, "biopharmaceuticals") == [("biopharmaceuticals", ["chain.biopharma"])]
    assert _ids(lexicon, "antibody drug conjugates") == [
        (
            "antibody drug conjugates",
            ["tech.antibody_drug_conjugates", "platform.pharma_one_stop_service"],
        )
    ]


def _loose(lexicon: Lexicon, q: str) -> tuple[str, int, int, list[str]] | None:
    text = normalize(q)
    found = lexicon.loose(text, lexicon.mentions(text))
    return (found.text, found.start, found.end, [c.id for c in found.candidates]) if found else None


def test_loose_matches_of_long_names(lexicon: Lexicon) -> None:
    """营商环境 (打造一流营商环境) in the other order; 支出 and 研发 of 研发支出占地区生产总值比重;
    拥有量, a word only 万人发明专利拥有量 has, finds the indicator alone."""
    assert _loose(lexicon, "环境营商") == ("环境营商", 0, 4, ["measure.ecosystem_1"])
    assert _loose(lexicon, "支出研发") == ("支出研发", 0, 4, ["ind.rd_intensity_2027"])
    assert _loose(lexicon, "拥有量是多少") == (
        "拥有量",
        0,
        3,
        ["ind.invention_patents_per_10k_2027"],
    )
    # three of 数字经济核心产业增加值占地区生产总值比重's four telling words
    assert _loose(lexicon, "核心的数字与经济") == (
        "核心的数字与经济",
        0,
        8,
        ["ind.digital_economy_share_2027"],
    )


def test_a_loose_match_starts_where_a_name_ends(lexicon: Lexicon) -> None:
    """船舶 names the chain; 高技术 (海工装备和高技术船舶产业规模) is found after it, right after or
    a character later, and before it."""
    assert _loose(lexicon, "船舶高技术") == ("高技术", 2, 5, ["ind.marine_revenue_2027"])
    assert _loose(lexicon, "船舶的高技术") == ("高技术", 3, 6, ["ind.marine_revenue_2027"])
    assert _loose(lexicon, "高技术的船舶") == ("高技术", 0, 3, ["ind.marine_revenue_2027"])


def test_the_loose_match_with_most_of_its_words_wins(lexicon: Lexicon) -> None:
    """节能绿色示范: 绿色 and 示范 are all of 绿色制造体系示范's telling words, 节能 and 绿色 two of
    节能绿色改造项目's three; 抗体 and 细胞 are too little of the pharma platform's eight."""
    found = lexicon.loose(normalize("节能绿色示范"), [])  # 节能绿色 also names the target
    assert found is not None and (found.text, found.start, found.end) == ("绿色示范", 2, 6)
    assert [c.id for c in found.candidates] == [
        "ind.green_manufacturing_demos_2027",
        "target.green_manufacturing_demos",
    ]
    assert _loose(lexicon, "抗体和细胞") is None


def test_a_name_found_several_ways_keeps_the_best() -> None:
    """An alias equal to the name, and the English vocabulary with its singulars."""
    lex = Lexicon.build(
        [
            _row("chain.pv", "Chain", "光伏", "Photovoltaics", "光伏", "PV"),
            _row("park.p", "Park", "海陵新能源产业园", "Hailing New Energy Parks"),
        ]
    )
    [found] = lex.mentions("光伏")
    assert found.candidates == (Candidate("chain.pv", "Chain", NAME),)
    assert lex.english == {
        "photovoltaics": 1,
        "photovoltaic": 1,
        "hailing": 1,
        "new": 1,
        "energy": 1,
        "parks": 1,
        "park": 1,
    }


def test_names_side_by_side_are_both_found(lexicon: Lexicon) -> None:
    """Two names with nothing between them: each is a mention (the longer chosen first)."""
    assert _ids(lexicon, "泰兴经济开发区光伏") == [
        ("泰兴经济开发区", ["park.taixing_edz"]),
        ("光伏", ["chain.pv"]),
    ]
    assert _ids(lexicon, "光伏锂电") == [
        ("光伏", ["chain.pv"]),
        ("锂电", ["chain.lithium_battery"]),
    ]
