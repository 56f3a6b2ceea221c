"""The names a question mentions (the ask lexicon), read on their own: parts of long names,
loose matches, Latin names as whole words, and what names contain.

The long names are the plan's: 研发支出占地区生产总值比重达2.85%左右 and 万人发明专利拥有量达30件
(the plan's indicators), 绿色制造体系示范 (an indicator for 2027 and a yearly target).
"""

from __future__ import annotations

import pytest

from chainkg.graph_loader.ask.lexicon import LEXICONS, Lexicon
from chainkg.graph_loader.ask.normalize import normalize
from chainkg.graph_loader.store import EmbeddedStore


@pytest.fixture(scope="module")
def lexicon(embedded_store: EmbeddedStore) -> Lexicon:
    return LEXICONS.get(embedded_store)


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
    lex = Lexicon.build(
        [
            {
                "id": "tech.t",
                "label": "Technology",
                "name": "TOPCon电池",
                "name_en": "TOPCon cells",
                "aliases": [],
                "within": [],
            }
        ]
    )
    assert [m.text for m in lex.mentions(normalize("TOPCon电池ABC"))] == ["topcon电池"]
    assert lex.mentions(normalize("xTOPCon电池")) == []


def test_what_names_contain_in_chinese_and_in_english(lexicon: Lexicon) -> None:
    assert [e.id for e in lexicon.containing("perovskite", "Technology")] == [
        "tech.perovskite_cell"
    ]
    assert [e.id for e in lexicon.containing("钙钛矿")] == ["tech.perovskite_cell"]
