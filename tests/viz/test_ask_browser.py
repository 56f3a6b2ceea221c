"""The ask box of the front page in real headless chromium (Debian's, through Playwright).

Served by uvicorn, a question typed on the front page shows the answer, the plan's evidence
(section and verbatim quote) and a link to the map, which opens; in the static export (file://,
no server) the box says the answer needs the server and lists what the question names.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.viz.conftest import Guard, screenshot
from tools.chromium import READY_JS, wait_for

pytestmark = pytest.mark.browser

DONE = "(n) => Number(document.getElementById('ask-answer').dataset.done || 0) >= n"


def ask(page: Page, q: str, n: int) -> None:
    """Type ``q`` in the ask box, submit, and wait for the ``n``-th answer shown."""
    page.fill("#ask-q", q)
    page.click("#ask-go")
    wait_for(page, DONE, n)


def test_a_typed_question_shows_answer_evidence_and_map(
    guarded_page: tuple[Page, Guard], server_url: str, plan_text: str
) -> None:
    page, guard = guarded_page
    page.goto(server_url + "/")
    ask(page, "泰兴经济开发区承载的产业链2027年目标合计是多少？", 1)
    box = page.locator("#ask-answer")
    expect(box).to_have_attribute("data-state", "answered")
    expect(box).to_have_attribute("data-intent", "sum")
    expect(page.locator("#ask-text")).to_contain_text("1600亿元")
    expect(page.locator("#ask-text")).to_contain_text("derived from the group layout")
    ids = page.locator("#ask-results li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert set(ids) == {
        "chain.fine_chemicals",
        "chain.petrochemicals",
        "chain.new_chemical_materials",
    }
    quotes = page.locator("#ask-evidence .ask-quote").all_text_contents()
    sources = page.locator("#ask-evidence .ask-source").all_text_contents()
    assert quotes and len(sources) == len(quotes)
    assert all(q in plan_text for q in quotes)
    assert any("以泰兴经济开发区为核心" in q for q in quotes), quotes
    assert any("/api/v1/ask?" in u for u in guard.allowed)
    screenshot(page, "ask-served")
    link = page.locator("#ask-map")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == "/maps/parks/park.taixing_edz"
    link.click()
    wait_for(page, READY_JS)
    assert page.evaluate("chainkgMap.id") == "park.taixing_edz"
    assert guard.errors == []


def test_english_answers_and_suggestions(guarded_page: tuple[Page, Guard], server_url: str) -> None:
    page, guard = guarded_page
    page.goto(server_url + "/")
    page.click("#lang-toggle")
    ask(page, "Which parks carry photovoltaics?", 1)
    expect(page.locator("#ask-text")).to_contain_text("Hailing New Energy Industrial Park")
    expect(page.locator("#ask-results li[data-id='park.jiangyan_edz'] a")).to_be_visible()
    # a question the plan cannot answer is refused, with suggestions that answer when clicked
    ask(page, "What is the 2027 target of photovoltaics in Nanjing?", 2)
    expect(page.locator("#ask-answer")).to_have_attribute("data-state", "refused")
    expect(page.locator("#ask-evidence-box")).to_be_hidden()
    first = page.locator("#ask-suggestions button").first
    expect(first).to_be_visible()
    first.click()
    wait_for(page, DONE, 3)
    expect(page.locator("#ask-answer")).to_have_attribute("data-state", "answered")
    assert guard.errors == []


def test_the_static_site_says_it_needs_the_server(
    guarded_page: tuple[Page, Guard], site_dir: Path
) -> None:
    page, guard = guarded_page
    page.goto((site_dir / "index.html").as_uri())
    ask(page, "光伏在泰兴经济开发区吗", 1)
    expect(page.locator("#ask-answer")).to_have_attribute("data-state", "offline")
    expect(page.locator("#ask-text")).to_contain_text("chainkg serve")
    ids = page.locator("#ask-results li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids[:2] == ["park.taixing_edz", "chain.pv"]
    page.click("#ask-results li[data-id='chain.pv'] a")
    wait_for(page, READY_JS)
    assert page.evaluate("chainkgMap.id") == "chain.pv"
    assert guard.errors == []
