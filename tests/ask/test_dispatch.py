"""Answers the engine picks by the kind of question, read on their own: a product asked about
as if it were a chain, questions outside the plan, a safeguard's card with its departments,
counts of what a department or an action has; and the same answers from a store whose strings
are objects of their own (as Neo4j's).

Each expectation is read off the plan: 四(一) makes 市工业和信息化局 responsible for 强化组织领导
“会同市统计局”; 四(四) 强化金融支持 names no department; 钙钛矿电池 is a technology (附件 of
光伏 and 锂电, 二(一) of 新能源), no chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.ask.context import Ctx, Reply
from chainkg.graph_loader.graph import Edge, PlanGraph, PropValue
from chainkg.graph_loader.store import EmbeddedStore
from tests.fresh_strings import FreshStrings

QUESTIONS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent.parent / "qa" / "questions.yaml").read_text(encoding="utf-8")
)
NOT_A_CHAIN = "不是方案的30条重点产业链之一，方案没有给出它的园区、目标或企业。"


@pytest.mark.parametrize(
    "q", ["钙钛矿电池在哪些园区", "钙钛矿电池2027年目标是多少", "固态电池有哪些企业"]
)
def test_a_product_asked_about_as_a_chain_is_refused(embedded_store: EmbeddedStore, q: str) -> None:
    """Parks, figures and enterprises belong to chains: the answer says which chains name the
    product, and is not an answer."""
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.answered, answer.evidence) == ("tech_chains", False, [])
    assert NOT_A_CHAIN in answer.text
    assert "chain.lithium_battery" in [r["id"] for r in answer.model_dump()["results"]]


def test_a_product_asked_about_as_a_chain_in_english(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "Which parks carry perovskite cells?", "en")
    assert not answer.answered
    assert answer.text.startswith("“Perovskite solar cells” is not one of the plan's 30 key chains")


@pytest.mark.parametrize(
    ("q", "lang", "text"),
    [
        ("光伏产业链的链长是谁", "zh", "这个问题超出了《泰州市重点产业链培育提升行动方案》的内容"),
        ("今天天气怎么样", "zh", "这个问题超出了《泰州市重点产业链培育提升行动方案》的内容"),
        ("Hello", "en", "This question is outside what the Taizhou key industrial-chain plan"),
    ],
)
def test_questions_outside_the_plan_say_so(
    embedded_store: EmbeddedStore, q: str, lang: str, text: str
) -> None:
    answer = ask(embedded_store, q, lang)  # type: ignore[arg-type]
    assert (answer.intent, answer.answered) == ("unknown", False)
    assert answer.text.startswith(text) and answer.suggestions


def test_a_safeguards_card_names_its_departments(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "强化组织领导")
    assert (answer.intent, answer.answered) == ("entity_card", True)
    assert answer.text.startswith("强化组织领导（保障措施，四(一)）：实施市领导挂钩联系重点产业链")
    assert answer.text.endswith(
        " 强化组织领导的责任单位：市工业和信息化局（负责）；市统计局（会同）。"
    )
    finance = ask(embedded_store, "强化金融支持是什么")
    assert finance.answered and finance.text.startswith("强化金融支持（保障措施，四(四)）：")
    assert "责任单位" not in finance.text


def test_counts_of_what_a_department_and_an_action_have(embedded_store: EmbeddedStore) -> None:
    """工信局 is responsible for each of the five actions (and more: 强化组织领导, the plan):
    几项行动 counts the actions only."""
    actions = ask(embedded_store, "工信局负责几项行动")
    assert (actions.intent, actions.value) == ("count", 5)
    assert {r["id"] for r in actions.model_dump()["results"]} == {
        "action.innovation",
        "action.projects",
        "action.enterprises",
        "action.integration",
        "action.ecosystem",
    }
    assert actions.text.startswith("市工业和信息化局共5项重点行动：")


EXTRA = [
    "泰兴市有几个园区",
    "创新升级引领行动有几个责任单位",
    "工信局负责几项行动",
    "工信局负责几项",
    "强化组织领导",
    "强化组织领导有几个责任单位",
    "泰州市重点产业链培育提升行动方案有哪些平台",
    "泰兴经济开发区2027年目标是多少",
    "泰兴经济开发区和姜堰经济开发区2027年目标",
    "建设高水平创新载体",
    "新能源有几个园区",
    "创新升级引领行动有几个平台",
    "实施创新升级引领行动有几项目标",
    "哪些产业链发展预制菜",
    "泰兴经济开发区的精细化工2027年目标",
    "泰兴经济开发区的精细化工2027年目标合计",
]
"""Questions of this file's own, on paths the question set does not take."""


def test_a_store_whose_strings_are_its_own_gives_the_same_answers(
    embedded_store: EmbeddedStore,
) -> None:
    """Every question of the set (tests/qa/questions.yaml, without records) and :data:`EXTRA`."""
    fresh = FreshStrings(embedded_store)
    for case in [*QUESTIONS, *({"q": q} for q in EXTRA)]:
        lang = case.get("lang", "zh")
        want = ask(embedded_store, case["q"], lang).model_dump()
        assert ask(fresh, case["q"], lang).model_dump() == want, case["q"]


def test_what_the_plan_does_not_have_is_named_in_the_refusal(
    embedded_store: EmbeddedStore,
) -> None:
    answer = ask(embedded_store, "芯片产业链有哪些园区")
    assert (answer.intent, answer.answered) == ("unknown", False)
    assert answer.text.startswith(
        "方案中没有“芯片”：本图谱只收录《泰州市重点产业链培育提升行动方案》"
    )


def _seed(seed_dir: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((seed_dir / name).read_text(encoding="utf-8"))
    return rows


def test_an_indicator_asked_about_each_year_is_its_yearly_target(
    embedded_store: EmbeddedStore,
) -> None:
    """The indicator 绿色制造体系示范 is 200 by 2027; each year (每年) the plan's target is
    “每年……新增省级以上绿色制造体系示范20个”."""
    answer = ask(embedded_store, "每年创建多少个绿色制造体系示范")
    assert (answer.intent, answer.answered) == ("action_targets", True)
    assert [r["id"] for r in answer.model_dump()["results"]] == ["target.green_manufacturing_demos"]
    assert "绿色制造体系示范20个" in answer.text


def test_chains_that_make_something_named_in_part(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """哪些产业链在做电池: every technology whose name holds 电池, and the chains naming them."""
    naming: set[str] = set()
    for tech in _seed(seed_dir, "technologies.yaml"):
        if "电池" in tech["name"]:
            links = tech.get("named_by") or []
            naming |= {link["to"] if isinstance(link, dict) else link for link in links}
    assert {"chain.pv", "chain.lithium_battery", "chain.energy_saving_env"} <= naming
    answer = ask(embedded_store, "哪些产业链在做电池")
    assert (answer.intent, answer.answered) == ("tech_chains", True)
    ids = {r["id"] for r in answer.model_dump()["results"]}
    assert {i for i in ids if i.startswith("chain.")} == {
        n for n in naming if n.startswith("chain.")
    }


def test_two_names_alone_ask_how_they_are_linked(embedded_store: EmbeddedStore) -> None:
    """光伏 is carried by 海陵新能源产业园 and 姜堰经济开发区, not by 泰兴经济开发区."""
    answer = ask(embedded_store, "光伏与泰兴经济开发区")
    assert (answer.intent, answer.answered) == ("relation", True)
    assert answer.text.startswith("光伏与泰兴经济开发区没有直接关联")


def test_how_many_parks_a_district_has(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    parks = _seed(seed_dir, "parks.yaml")

    def district(park: dict[str, Any]) -> str | None:
        d = park.get("district")
        return str(d["to"]) if isinstance(d, dict) else d

    for name, did in (("泰兴市", "district.taixing"), ("靖江市", "district.jingjiang")):
        ids = {p["id"] for p in parks if district(p) == did}
        answer = ask(embedded_store, f"{name}有几个园区")
        assert (answer.intent, answer.value) == ("count", len(ids)), name
        assert {r["id"] for r in answer.model_dump()["results"]} == ids, name


def test_an_actions_card_has_its_measures_and_departments(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "实施创新升级引领行动")
    assert (answer.intent, answer.answered) == ("entity_card", True)
    assert answer.text.startswith("实施创新升级引领行动（重点行动）。")
    assert "实施创新升级引领行动的举措：建设高水平创新载体" in answer.text
    assert "实施创新升级引领行动的责任单位：市发展改革委" in answer.text


def test_a_greeting_before_a_question_is_no_smalltalk(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "你好，光伏在哪些园区？")
    assert (answer.intent, answer.answered) == ("chain_parks", True)
    assert {r["id"] for r in answer.model_dump()["results"]} == {
        "park.hailing_new_energy_park",
        "park.jiangyan_edz",
    }


def test_a_districts_chains_are_those_of_its_parks(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """靖江市's chains: the union of the chains each of its parks carries (``chains`` by park),
    and their 2027 targets added up from the annex (chains.yaml)."""
    parks = [
        p["id"] for p in _seed(seed_dir, "parks.yaml") if "jingjiang" in str(p.get("district"))
    ]
    assert len(parks) == 2
    carried = {
        r["node"]["id"]
        for park in parks
        for r in embedded_store.run("chains", group=None, tier=None, park=park, q=None)
    }
    answer = ask(embedded_store, "靖江市承载哪些产业链")
    assert (answer.intent, answer.answered) == ("park_chains", True)
    assert {r["id"] for r in answer.model_dump()["results"]} == carried
    targets = {c["id"]: c["target_2027"] for c in _seed(seed_dir, "chains.yaml")}
    total = ask(embedded_store, "靖江市的产业链2027年目标合计多少")
    assert total.intent == "sum"
    assert total.value == pytest.approx(sum(targets[c] for c in carried))
    for q in ("靖江市承载哪些产业链", "靖江市的产业链2027年目标合计多少"):
        fresh = ask(FreshStrings(embedded_store), q).model_dump()
        assert fresh == ask(embedded_store, q).model_dump(), q


def test_the_first_300_characters_are_read(embedded_store: EmbeddedStore) -> None:
    """A question is read up to its 300th character: 光伏 ending there is found, 光伏 ending
    one character later is not (光 alone names nothing)."""
    inside = ask(embedded_store, "。" * 298 + "光伏在哪些园区")
    assert inside.answered and "chain.pv" in {e.id for e in inside.entities}
    beyond = ask(embedded_store, "。" * 299 + "光伏在哪些园区")
    assert not beyond.answered and beyond.entities == []


def test_a_districts_parks_are_parks_only(graph: PlanGraph) -> None:
    """A platform may lie in a district (platforms.yaml ``located_in``: a park or a district);
    靖江市 then still has its two parks, and its chains are still theirs."""
    extra = PlanGraph(dict(graph.nodes), list(graph.edges))
    quote: dict[str, PropValue] = {"source": "二(三)", "evidence": "发挥化工中试基地牵引作用"}
    extra.edges.append(
        Edge("platform.chemical_pilot_base", "LOCATED_IN", "district.jingjiang", quote)
    )
    store = EmbeddedStore(extra)
    count = ask(store, "靖江市有几个园区")
    assert count.value == 2
    assert {r["id"] for r in count.model_dump()["results"]} == {
        "park.jingjiang_edz",
        "park.jingjiang_aviation_park",
    }
    plain = EmbeddedStore(graph)
    for q in ("靖江市的产业链2027年目标合计多少", "靖江市2027年目标最大的产业链"):
        assert ask(store, q).model_dump() == ask(plain, q).model_dump(), q
    chains = ask(store, "靖江市承载哪些产业链")
    assert (
        chains.model_dump()["results"]
        == ask(EmbeddedStore(graph), "靖江市承载哪些产业链").model_dump()["results"]
    )


def _responsible(seed_dir: Path, name: str, node: str) -> set[str]:
    row = next(r for r in _seed(seed_dir, name) if r["id"] == node)
    links = row.get("responsible") or row.get("departments") or []  # an action's, a safeguard's
    return {link["to"] for link in links}


def test_a_count_of_no_kind_names_every_kind_counted(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """工信局负责几项 asks no kind: the bureau is responsible for the five actions (三), for
    强化组织领导 (四(一), safeguards.yaml) and for the whole plan (plan.yaml): seven, of three
    kinds, each named."""
    actions = {r["id"] for r in _seed(seed_dir, "actions.yaml")}
    assert all("dept.miit" in _responsible(seed_dir, "actions.yaml", a) for a in actions)
    assert "dept.miit" in _responsible(seed_dir, "safeguards.yaml", "safeguard.organization")
    answer = ask(embedded_store, "工信局负责几项")
    assert (answer.intent, answer.value, answer.unit) == ("count", 7, "项")
    assert {r["id"] for r in answer.model_dump()["results"]} == {
        *actions,
        "safeguard.organization",
        "plan.taizhou_chains",
    }
    assert answer.text.startswith(
        "市工业和信息化局共7项重点行动和保障措施和方案：实施创新升级引领行动、"
    )
    english = ask(embedded_store, "工信局负责几项", "en")
    assert english.text.startswith(
        "Taizhou Municipal Bureau of Industry and Information Technology: 7 actions and "
        "safeguards and plans: "
    )
    # 市统计局 is named once, in 四(一) (“会同市统计局”)
    statistics = ask(embedded_store, "市统计局负责几项")
    assert (statistics.value, statistics.text) == (1, "市统计局共1项保障措施：强化组织领导。")


@pytest.mark.parametrize(
    ("q", "file", "holder"),
    [
        ("强化组织领导有几个责任单位", "safeguards.yaml", "safeguard.organization"),
        ("建设高水平创新载体有几个责任单位", "actions.yaml", "action.innovation"),
        ("招引亿元以上项目有几个责任单位", "actions.yaml", "action.projects"),
    ],
)
def test_how_many_departments_a_measure_safeguard_or_target_has(
    embedded_store: EmbeddedStore, seed_dir: Path, q: str, file: str, holder: str
) -> None:
    """A safeguard's own departments; a measure's (建设高水平创新载体, 三(一)) and a target's
    (招引亿元以上项目, 三(二)) are their action's."""
    want = _responsible(seed_dir, file, holder)
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.value, answer.unit) == ("count", len(want), "个")
    assert {r["id"] for r in answer.model_dump()["results"]} == want
    assert f"共{len(want)}个责任单位：" in answer.text


def test_a_chains_departments_are_not_counted_as_its_own(embedded_store: EmbeddedStore) -> None:
    """The plan names no department chain by chain: 光伏有几个责任单位 answers with 四(一)'s
    rule for every chain, not a count of 光伏's own."""
    answer = ask(embedded_store, "光伏有几个责任单位")
    assert (answer.intent, answer.value) == ("responsible_departments", None)
    assert answer.text.startswith("方案没有按产业链分别指定部门；强化组织领导（四(一)）规定：")


def test_a_parks_figure_adds_up_its_chains(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """泰兴经济开发区's 2027 target: its chains' annex targets added up."""
    targets = {c["id"]: c["target_2027"] for c in _seed(seed_dir, "chains.yaml")}
    rows = embedded_store.run("chains", group=None, tier=None, park="park.taixing_edz", q=None)
    carried = {r["node"]["id"] for r in rows}
    assert carried
    answer = ask(embedded_store, "泰兴经济开发区2027年目标是多少")
    assert (answer.intent, answer.answered) == ("sum", True)
    assert answer.value == pytest.approx(sum(targets[c] for c in carried))
    assert {r["id"] for r in answer.model_dump()["results"]} == carried


@pytest.mark.parametrize("q", ["每年要新增多少个", "年度要求是什么", "每年的任务有哪些"])
def test_what_is_asked_each_year_is_the_yearly_targets(
    embedded_store: EmbeddedStore, seed_dir: Path, q: str
) -> None:
    """每年 / 年度 with a word of the targets (要求, 任务, 多少个) but no 目标: the yearly
    targets of 三 (targets.yaml, ``period: 每年``), all of them, not the 2027 ones."""
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.answered) == ("action_targets", True)
    want = {t["id"] for t in _seed(seed_dir, "targets.yaml") if t["period"] == "每年"}
    assert len(want) == 11
    assert {r["id"] for r in answer.model_dump()["results"]} == want


def test_a_measures_card_is_its_text(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """A measure's card is the plan's words for it (measures.yaml ``text``), without the
    departments a safeguard's card adds."""
    measure = next(m for m in _seed(seed_dir, "measures.yaml") if m["id"] == "measure.innovation_1")
    answer = ask(embedded_store, "建设高水平创新载体")
    assert (answer.intent, answer.answered) == ("entity_card", True)
    assert answer.text == f"建设高水平创新载体（举措，三(一)）：{measure['text']}"


GENERIC_ZH = [
    "光伏在哪些园区？",
    "泰兴经济开发区承载哪些产业链？",
    "2027年目标最大的产业链是哪个？",
    "市工业和信息化局负责哪些行动？",
    "新能源包括哪些产业链？",
]


def test_suggestions_follow_what_was_named(embedded_store: EmbeddedStore) -> None:
    """Five suggestions: a chain's own three first; a product (no chain) gets the general
    ones; so does a question outside the plan."""
    chain = ask(embedded_store, "光伏有哪些项目")
    assert not chain.answered
    assert chain.suggestions == [
        "光伏在哪些园区？",
        "光伏2027年目标是多少？",
        "光伏属于哪个产业？",
        "泰兴经济开发区承载哪些产业链？",
        "2027年目标最大的产业链是哪个？",
    ]
    product = ask(embedded_store, "钙钛矿电池在哪些园区")
    assert not product.answered and product.suggestions == GENERIC_ZH
    group = ask(embedded_store, "新能源有哪些项目")
    assert not group.answered
    assert group.suggestions[:2] == ["新能源包括哪些产业链？", "新能源在哪些园区？"]
    assert len(group.suggestions) == 5
    assert ask(embedded_store, "今天天气怎么样").suggestions == GENERIC_ZH


def test_extra_rules_answer_first(embedded_store: EmbeddedStore) -> None:
    """A rule from outside the graph (the records) answers before the plan's rules; an answer
    gets no suggestions, a refusal gets those of what the question names."""

    def answered(ctx: Ctx) -> Reply:
        return Reply("chain_assignment", [], "记录中的回答")

    def refused(ctx: Ctx) -> Reply:
        return Reply("chain_assignment", [], "记录中没有", answered=False)

    found = ask(embedded_store, "光伏在哪些园区", extra=[answered])
    assert (found.intent, found.text, found.suggestions) == ("chain_assignment", "记录中的回答", [])
    missing = ask(embedded_store, "光伏在哪些园区", extra=[refused])
    assert (missing.answered, missing.text) == (False, "记录中没有")
    assert missing.suggestions[:3] == [
        "光伏在哪些园区？",
        "光伏2027年目标是多少？",
        "光伏属于哪个产业？",
    ]


@pytest.mark.parametrize(
    ("what", "file"),
    [("平台", "platforms.yaml"), ("企业", "enterprises.yaml"), ("项目", "projects.yaml")],
)
def test_the_plan_by_its_name_lists_what_it_names(
    embedded_store: EmbeddedStore, seed_dir: Path, what: str, file: str
) -> None:
    """泰州市重点产业链培育提升行动方案有哪些平台: every platform of the plan, as 方案有哪些平台,
    not the plan's 30 chains."""
    want = {r["id"] for r in _seed(seed_dir, file)}
    named = ask(embedded_store, f"泰州市重点产业链培育提升行动方案有哪些{what}")
    assert (named.intent, named.answered, named.value) == ("list", True, len(want))
    assert {r["id"] for r in named.model_dump()["results"]} == want
    plain = ask(embedded_store, f"方案有哪些{what}")
    assert named.model_dump()["results"] == plain.model_dump()["results"]
    assert named.text == plain.text


def test_two_parks_figures_are_each_parks_own(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """泰兴经济开发区和姜堰经济开发区2027年目标: each park's chains' annex targets added up, the
    first park's total and then the second's (no one figure for both)."""
    targets = {c["id"]: c["target_2027"] for c in _seed(seed_dir, "chains.yaml")}
    answer = ask(embedded_store, "泰兴经济开发区和姜堰经济开发区2027年目标")
    assert (answer.intent, answer.answered, answer.value) == ("sum", True, None)
    ids = [r["id"] for r in answer.model_dump()["results"]]
    at = 0
    for park, name in (
        ("park.taixing_edz", "泰兴经济开发区"),
        ("park.jiangyan_edz", "姜堰经济开发区"),
    ):
        rows = embedded_store.run("chains", group=None, tier=None, park=park, q=None)
        carried = {r["node"]["id"] for r in rows}
        assert set(ids[at : at + len(carried)]) == carried
        at += len(carried)
        total = sum(targets[c] for c in carried)
        assert f"{name}承载的" in answer.text
        assert f"2027年销售收入目标合计{total:g}亿元" in answer.text
    assert at == len(ids)
    assert answer.text.index("泰兴经济开发区") < answer.text.index("姜堰经济开发区")


def _to(link: Any) -> str:
    return str(link["to"] if isinstance(link, dict) else link)


def test_counts_of_what_an_action_has(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """实施创新升级引领行动: its three measures (measures.yaml ``action``) and the platforms that
    support it (platforms.yaml ``supports``) are counted each as asked."""
    measures = {
        m["id"] for m in _seed(seed_dir, "measures.yaml") if m["action"] == "action.innovation"
    }
    platforms = {
        p["id"]
        for p in _seed(seed_dir, "platforms.yaml")
        if "action.innovation" in {_to(s) for s in p.get("supports") or []}
    }
    assert len(measures) == 3 and platforms
    for q in ("创新升级引领行动有几项举措", "实施创新升级引领行动有几条措施"):
        answer = ask(embedded_store, q)
        assert (answer.intent, answer.value) == ("count", 3), q
        assert {r["id"] for r in answer.model_dump()["results"]} == measures, q
    answer = ask(embedded_store, "创新升级引领行动有几个平台")
    assert (answer.intent, answer.value) == ("count", len(platforms))
    assert {r["id"] for r in answer.model_dump()["results"]} == platforms


def test_counts_of_what_a_group_has(embedded_store: EmbeddedStore) -> None:
    """新能源's parks are its chains' (光伏, 锂电: 海陵新能源产业园, 姜堰经济开发区); its
    enterprises and products are counted as such, not as its parks."""
    parks = ask(embedded_store, "新能源有几个园区")
    assert (parks.intent, parks.value, parks.unit) == ("count", 2, "个")
    assert {r["id"] for r in parks.model_dump()["results"]} == {
        "park.hailing_new_energy_park",
        "park.jiangyan_edz",
    }
    marine = ask(embedded_store, "海工装备有几家企业")
    assert (marine.value, marine.unit) == (1, "家")
    assert [r["id"] for r in marine.model_dump()["results"]] == ["ent.asian_star_anchor_chain"]
    techs = ask(embedded_store, "新能源有几项技术")
    assert techs.value == 10 and all(
        r["id"].startswith("tech.") for r in techs.model_dump()["results"]
    )


def test_counts_of_a_kind_in_the_whole_plan(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """Every technology of the seed, the three tiers (地标产业, 战略性新兴产业, 未来产业)."""
    techs = ask(embedded_store, "方案一共有几项技术")
    n = len(_seed(seed_dir, "technologies.yaml"))
    assert techs.value == n
    # the text names the first 30, then how many in all
    assert techs.text.endswith(f"、等{n}项。") and techs.text.count("、") == 30
    tiers = ask(embedded_store, "一共有几个层级")
    assert {r["id"] for r in tiers.model_dump()["results"]} == {
        t["id"] for t in _seed(seed_dir, "tiers.yaml")
    }
    assert tiers.value == 3


def test_a_chain_named_with_its_park(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """泰兴经济开发区 carries 精细化工 (700 by 2027), 石油化工 (450) and 化工新材料 (450): a
    question naming the park and a chain is about that chain (or those chains)."""
    targets = {c["id"]: c["target_2027"] for c in _seed(seed_dir, "chains.yaml")}
    one = ask(embedded_store, "泰兴经济开发区的精细化工2027年目标")
    assert (one.intent, one.value) == ("chain_figure", targets["chain.fine_chemicals"])
    total = ask(embedded_store, "泰兴经济开发区的精细化工2027年目标合计")
    assert (total.intent, total.value) == ("sum", targets["chain.fine_chemicals"])
    two = ask(embedded_store, "泰兴经济开发区的精细化工和石油化工2027年目标合计")
    assert two.value == targets["chain.fine_chemicals"] + targets["chain.petrochemicals"]
    assert two.text.startswith("泰兴经济开发区承载的精细化工、石油化工的2027年销售收入目标合计")


def test_the_plans_figures_over_all_chains(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """全部产业链的销售收入: the annex's 2024 revenues added up (no year named: 2024)."""
    revenue = sum(c["revenue_2024"] for c in _seed(seed_dir, "chains.yaml"))
    answer = ask(embedded_store, "全部产业链的销售收入是多少")
    assert answer.intent == "chain_figure"
    assert answer.value == pytest.approx(revenue)
    growth = ask(embedded_store, "所有产业链的增速")
    assert growth.intent == "chain_figure" and growth.answered


def test_whether_a_chain_is_the_largest_is_where_it_ranks(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """光伏是2027年目标最大的产业链吗: 光伏's place among the 30 by its 2027 target (annex), not
    the largest chain."""
    targets = {c["id"]: c["target_2027"] for c in _seed(seed_dir, "chains.yaml")}
    place = 1 + sum(t > targets["chain.pv"] for t in targets.values())
    for q in ("光伏是2027年目标最大的产业链吗", "光伏的2027年目标最大吗"):
        answer = ask(embedded_store, q)
        assert (answer.intent, answer.value, answer.unit) == ("ranking", place, "位"), q
        assert [r["id"] for r in answer.model_dump()["results"]] == ["chain.pv"], q


@pytest.mark.parametrize("q", ["有哪些做电池的企业", "所有发动机企业", "哪些园区有电池"])
def test_a_list_narrowed_by_a_word_the_plan_does_not_link_is_no_list(
    embedded_store: EmbeddedStore, q: str
) -> None:
    """The plan names three enterprises and its parks, none by what it makes: a list narrowed
    by 电池 or 发动机 is not the whole list."""
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.answered) == ("unknown", False)


def test_how_many_targets_an_action_has(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """几项目标 is 几项 + 目标 (no 项目): 实施创新升级引领行动's yearly targets, those of its
    measures (targets.yaml ``measure``, measures.yaml ``action``)."""
    measures = {
        m["id"] for m in _seed(seed_dir, "measures.yaml") if m["action"] == "action.innovation"
    }
    want = {t["id"] for t in _seed(seed_dir, "targets.yaml") if t["measure"] in measures}
    answer = ask(embedded_store, "实施创新升级引领行动有几项目标")
    assert (answer.intent, answer.value, answer.unit) == ("count", len(want), "项")
    assert {r["id"] for r in answer.model_dump()["results"]} == want


def test_which_chains_develop_a_product_that_is_also_a_chains_name(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """哪些产业链发展预制菜: 预制菜 is a chain and a product; asked which chains develop it, the
    answer is the product's (technologies.yaml ``named_by``: the chain 预制菜 and 健康食品)."""
    tech = next(
        t for t in _seed(seed_dir, "technologies.yaml") if t["id"] == "tech.prepared_dishes"
    )
    answer = ask(embedded_store, "哪些产业链发展预制菜")
    assert (answer.intent, answer.answered) == ("tech_chains", True)
    assert {r["id"] for r in answer.model_dump()["results"]} == {_to(n) for n in tech["named_by"]}


def test_a_chains_targets_asked_how_many_are_its_figures(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """A chain has no yearly targets of 三; its targets are the annex's 2027 and 2030 figures."""
    pv = next(c for c in _seed(seed_dir, "chains.yaml") if c["id"] == "chain.pv")
    answer = ask(embedded_store, "光伏有几项目标")
    assert (answer.intent, answer.answered) == ("chain_figure", True)
    assert f"2027年销售收入目标{pv['target_2027']}亿元" in answer.text
    assert f"2030年销售收入目标{pv['target_2030']}亿元" in answer.text


def test_a_sum_with_no_year_is_of_2024(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """光伏和锂电的销售收入合计: their 2024 revenues (annex) added up."""
    revenue = {c["id"]: c["revenue_2024"] for c in _seed(seed_dir, "chains.yaml")}
    answer = ask(embedded_store, "光伏和锂电的销售收入合计")
    assert answer.intent == "sum"
    assert answer.value == pytest.approx(revenue["chain.pv"] + revenue["chain.lithium_battery"])


def test_a_safeguards_targets_are_its_card(embedded_store: EmbeddedStore) -> None:
    """A safeguard (四) has no yearly targets: asked its targets, the answer is its card."""
    answer = ask(embedded_store, "强化组织领导的目标")
    assert (answer.intent, answer.answered) == ("entity_card", True)
    assert answer.text.startswith("强化组织领导（保障措施，四(一)）：")
