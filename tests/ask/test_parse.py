"""What a question names that the plan does not have, read on its own (``parse``): another
city, a chain that does not exist, two names run together, an English word naming a chain.

Each expectation is read off the question and the plan: 船舶 (高技术船舶) is no chain of 新能源,
光伏 is; 泰州 is the plan's own city; the plan has no 芯片, 电动 or semiconductor chain.
"""

from __future__ import annotations

import pytest

from chainkg.graph_loader.ask.lexicon import LEXICONS, Lexicon
from chainkg.graph_loader.ask.parse import parse
from chainkg.graph_loader.store import EmbeddedStore


@pytest.fixture(scope="module")
def lexicon(embedded_store: EmbeddedStore) -> Lexicon:
    return LEXICONS.get(embedded_store)


@pytest.mark.parametrize(
    ("q", "unknown"),
    [
        # 〈X〉产业链 whose X is no name: two characters are enough
        ("芯片产业链有哪些园区", ["芯片"]),
        # two names run together, the first not the second's group
        ("新能源船舶产业链有哪些园区", ["新能源船舶产业链"]),
        ("新能源光伏产业在哪些园区", []),  # 光伏 is a chain of 新能源
        ("新能源和船舶产业链在哪些园区", []),  # two names, not run together
        ("光伏产业链和船舶产业链", []),
        # a noun run together with a chain's name, also after an adjacent pair, also after
        # the plan's own city
        ("电动氢能产业链在哪", ["电动氢能产业链"]),
        ("新能源光伏产业和电动船舶产业链在哪", ["电动船舶产业链"]),
        ("泰州电动船舶产业链在哪", ["电动船舶产业链"]),
        ("新船舶产业链在哪", []),  # one character is no noun of its own
        ("钢船舶产业链在哪", []),
        ("车产业链有哪些园区", []),
        ("发展船舶产业链的园区", []),  # a verb before a chain's name
        ("氢能产业链在哪", []),
        # after a chain's name that opens the question, the next still counts
        ("船舶产业链和电动氢能产业链", ["电动氢能产业链"]),
        # a product's name followed by 产业链, and a noun of three characters before a name
        ("电动钙钛矿电池产业链在哪", ["电动钙钛矿电池"]),
        ("发动机船舶产业链在哪", ["发动机船舶产业链"]),
        # the pair run together is the one just before, not an earlier name
        ("锂电、氢能和新能源光伏产业的园区", []),
        ("药产业链在哪", []),
        # other cities, in Chinese and in English
        ("无锡的光伏园区", ["无锡"]),
        ("Which parks does Nanjing have?", ["Nanjing"]),
        # an English word naming a chain the plan does not have
        ("Which parks carry the semiconductor chain?", ["semiconductor"]),
        ("Which parks carry the Photovoltaics chain?", []),
        # a capitalized word that two or more English names use is no name of its own (Acid:
        # amino acids …, Advanced: three names and more)
        ("Where is Acid mentioned in the plan?", []),
        ("Where is Advanced mentioned in the plan?", []),
    ],
)
def test_what_the_plan_does_not_have(lexicon: Lexicon, q: str, unknown: list[str]) -> None:
    assert parse(lexicon, q).unknown == unknown


def test_a_word_named_like_a_chain_that_is_part_of_names_is_partial(lexicon: Lexicon) -> None:
    """疫苗产业链: no chain is 疫苗, but a technology of the plan holds it (新型疫苗): partial,
    and a leftover noun of a technology's name, not unknown."""
    read = parse(lexicon, "疫苗产业链在哪")
    assert (read.unknown, read.partial, read.nouns) == ([], ["疫苗"], ["疫苗"])


@pytest.mark.parametrize(
    ("q", "nouns"),
    [
        ("哪些产业链在做电池", ["电池"]),
        ("哪些产业链在做发动机", ["发动机"]),
        ("哪些产业链在研发电池", ["电池"]),  # 研发 is a verb
        ("哪些产业链生产电池和药", ["电池"]),  # 药 is one character
    ],
)
def test_leftover_nouns_are_parts_of_technologies_names(
    lexicon: Lexicon, q: str, nouns: list[str]
) -> None:
    """电池 (固态电池 …) and 发动机 (发动机及推进系统) are in names of technologies; 哪些, 产业链
    and 在做 are question words."""
    assert parse(lexicon, q).nouns == nouns
