"""The question set (tests/qa/questions.yaml) asked on both stores: every answer as expected.

Each question names its intent and the answer the plan gives (items, figure); a question that
must be refused must come back ``answered: false``.  Every answered question must cite only
verbatim quotes of the plan, and records (who is 挂钩 to a chain, 招商 candidates) with who
wrote them, when and the document they cite: the questions are asked with the records of
``tests/qa/records.yaml``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.ask import INTENTS
from chainkg.graph_loader.ask.normalize import is_cjk
from chainkg.graph_loader.store import GraphStore
from chainkg.records.ask import ask_with_records
from chainkg.records.store import RecordsStore

QUESTIONS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("questions.yaml")).read_text(encoding="utf-8")
)


def _id(i: int) -> str:
    return f"{i:03d}-{QUESTIONS[i]['q'][:24]}"


def test_the_set_is_broad() -> None:
    """At least 200 questions, every intent, 20 in English, 25 that must be refused."""
    assert len(QUESTIONS) >= 200
    intents = Counter(q.get("intent", "unknown") for q in QUESTIONS)
    assert set(INTENTS) - {"unknown"} <= set(intents), set(INTENTS) - set(intents)
    assert sum(not is_cjk(q["q"]) for q in QUESTIONS) >= 20
    assert sum(q.get("answered", True) is False for q in QUESTIONS) >= 25
    assert len({q["q"] for q in QUESTIONS}) == len(QUESTIONS), "a question is listed twice"


def check(
    store: GraphStore, case: dict[str, Any], plan_text: str, records: RecordsStore | None = None
) -> None:
    """Ask one question and compare the answer with what the case expects."""
    answer = ask_with_records(store, records, case["q"], case.get("lang", "zh"))
    got = answer.model_dump()
    shown = f"{case['q']!r} -> {answer.intent} {answer.answered} {answer.text!r}"
    expected_answered = case.get("answered", True)
    assert answer.answered is expected_answered, shown
    if "intent" in case:
        assert answer.intent == case["intent"], shown
    for words in case.get("text_has", []):
        assert words in answer.text, shown
    for words in case.get("text_lacks", []):
        assert words not in answer.text, shown
    if "focus" in case:
        assert [f.id for f in answer.focus] == case["focus"], shown
    for words in case.get("suggestions_has", []):
        assert any(words in s for s in answer.suggestions), (shown, answer.suggestions)
    if not expected_answered:
        assert answer.suggestions, shown
        assert answer.evidence == [], shown
        return
    ids = [r["id"] for r in got["results"]]
    if "results" in case:
        if case.get("ordered"):
            assert ids == case["results"], shown
        else:
            assert sorted(ids) == sorted(case["results"]), shown
    if "value" in case:
        assert answer.value == pytest.approx(case["value"]), shown
    if "unit" in case:
        assert answer.unit == case["unit"], shown
    for want in case.get("items", []):
        have = next((r for r in got["results"] if r["id"] == want["id"]), None)
        assert have is not None, (shown, want["id"])
        assert {k: have[k] for k in want} == want, (shown, have)
    linked = {e["id"] for e in got["entities"]}
    assert set(case.get("entities", [])) <= linked, (shown, linked)
    assert answer.text and answer.evidence and answer.query, shown
    if "query" in case:
        assert answer.query.name == case["query"], (shown, answer.query)
    if "sources" in case:
        assert sorted({ev.source for ev in answer.evidence}) == sorted(case["sources"]), (
            shown,
            answer.evidence,
        )
    for quote in case.get("evidence_has", []):
        assert any(quote in ev.quote for ev in answer.evidence), (shown, answer.evidence)
    for ev in answer.evidence:
        if ev.record is None:
            assert ev.quote in plan_text, (shown, ev.quote)
        else:  # a record: what it says, the document it cites, who wrote it and when
            assert ev.source and ev.quote and ev.written_by and ev.written_at, (shown, ev)
    assert case.get("records", False) == any(ev.record for ev in answer.evidence), shown


@pytest.mark.parametrize("index", range(len(QUESTIONS)), ids=_id)
def test_question(store: GraphStore, index: int, plan_text: str, qa_records: RecordsStore) -> None:
    check(store, QUESTIONS[index], plan_text, qa_records)
