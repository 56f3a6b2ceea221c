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


def test_a_department_without_its_city() -> None:
    assert variants("Department", ["泰州市科学技术局"])[:2] == ["市科学技术局", "科学技术局"]
    assert variants("Department", ["市科技局"])[:2] == ["科技局", "泰州市科技局"]
    # only a department: 市场 is no 市
    assert variants("Action", ["市场开拓行动"]) == []
    assert variants("Enterprise", ["市政集团"]) == []


def test_a_parks_suffix_only_for_a_park() -> None:
    assert variants("Park", ["海陵新能源产业园"]) == [
        "海陵新能源产业园区",
        "海陵新能源园区",
        "海陵新能源园",
    ]
    assert variants("Project", ["新能源产业园"]) == []


def test_the_english_singular_of_the_last_word_only() -> None:
    assert variants("Chain", ["New Energy Vehicles"]) == ["new energy vehicle"]
    assert variants("Chain", ["Cars"]) == ["car"]
    assert variants("Group", ["New Energy"]) == []  # no s
    assert variants("Chain", ["Gas"]) == []  # three letters keep their s
