"""The name variants staff type that the seed does not list (``variants``), each worked out
by hand from its kind's rule: a chain's suffix, a technology's qualifier, the English singular."""

from __future__ import annotations

from chainkg.graph_loader.ask.normalize import variants


def test_a_chains_suffix_comes_off_when_two_characters_stay() -> None:
    pv = variants("Chain", ["光伏产业链"])
    assert pv[:3] == ["光伏", "光伏产业", "光伏行业"]
    assert "光伏产" not in pv
    assert variants("Group", ["储能产业"])[:2] == ["储能", "储能产业链"]
    # one character is no name: 氢产业 keeps its suffix
    assert "氢" not in variants("Chain", ["氢产业"])
    assert variants("Chain", ["氢产业"])[0] == "氢产业产业链"


def test_a_technology_drops_its_qualifier_when_three_characters_stay() -> None:
    assert variants("Technology", ["高性能储能锂电池"]) == ["储能锂电池"]
    assert variants("Technology", ["高端装备"]) == []  # two would stay
    # only a technology: a project or an enterprise keeps its qualifier
    assert variants("Project", ["新型显示材料项目"]) == []
    assert variants("Enterprise", ["先进材料科技"]) == []


def test_an_english_name_in_the_singular() -> None:
    assert variants("Group", ["Marine Engineering Industries"]) == ["marine engineering industry"]
    assert variants("Chain", ["Lithium Batteries"]) == ["lithium battery"]
    assert variants("Chain", ["Glass"]) == []
