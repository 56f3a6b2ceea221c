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


def test_a_store_whose_strings_are_its_own_gives_the_same_answers(
    embedded_store: EmbeddedStore,
) -> None:
    """Every question of the set (tests/qa/questions.yaml), without records."""
    fresh = FreshStrings(embedded_store)
    for case in QUESTIONS:
        lang = case.get("lang", "zh")
        want = ask(embedded_store, case["q"], lang).model_dump()
        assert ask(fresh, case["q"], lang).model_dump() == want, case["q"]
