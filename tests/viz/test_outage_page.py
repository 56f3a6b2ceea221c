"""A store outage as a person meets it: the server warns at start that the graph database does
not answer, and a page (the front page, a map, /progress) is a readable HTML page in the page's
language (503), while the API keeps its problem+json.

The Neo4j here is really unreachable: the settings point at a port where nothing listens
(``test_outage.py`` stops a running Neo4j under the app).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect
from pydantic import SecretStr

from chainkg.api.errors import PROBLEM_MEDIA_TYPE
from chainkg.api.main import create_app
from chainkg.graph_loader.settings import Settings
from chainkg.records.store import SqliteRecords
from tests.conftest import serve_app
from tests.viz.conftest import Guard
from tests.viz.english import FIND_JS, Allowed
from tools.chromium import wait_for
from tools.neo4j_server import free_port

PAGES = ["/", "/maps/chains/chain.pv", "/maps/overview", "/progress"]


@pytest.fixture(scope="module")
def down(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The app on a Neo4j that does not answer, and what it logged while starting."""
    uri = f"bolt://127.0.0.1:{free_port()}"
    settings = Settings(neo4j_uri=uri, neo4j_password=SecretStr("chainkg-test"), neo4j_timeout=1.0)
    records = SqliteRecords(tmp_path_factory.mktemp("outage") / "records.sqlite3")
    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("api")
    logger.addHandler(handler)
    try:
        with serve_app(create_app(settings=settings, records=records)) as url:
            yield url, logged
    finally:
        logger.removeHandler(handler)


def test_the_server_warns_at_start(down: tuple[str, list[str]]) -> None:
    _url, logged = down
    start = [m for m in logged if "starts anyway" in m]
    assert len(start) == 1, logged
    assert "cannot reach Neo4j at bolt://127.0.0.1:" in start[0]
    assert "503" in start[0]


def test_the_api_keeps_its_problems(down: tuple[str, list[str]]) -> None:
    url, _logged = down
    response = httpx.get(url + "/api/v1/chains", timeout=30)
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["title"] == "Graph database unavailable"
    page = httpx.get(url + "/maps/chains/chain.pv", timeout=30)
    assert page.status_code == 503 and page.headers["retry-after"]
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "127.0.0.1" not in page.text  # where the database is goes to the log only


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_an_outage_page_in_each_language(
    guarded_page: tuple[Page, Guard],
    down: tuple[str, list[str]],
    path: str,
    plan_text: str,
) -> None:
    url, _logged = down
    page, guard = guarded_page
    response = page.goto(url + path)
    assert response is not None and response.status == 503
    expect(page.locator("h1 .zh")).to_have_text("图数据库暂时无法访问")
    expect(page.locator("h1 .zh")).to_be_visible()
    assert page.title() == "图数据库暂时无法访问"
    assert page.get_attribute("#retry", "href") == path
    # the page's language: ?lang=en opens it in English, with no Chinese but the button's name
    response = page.goto(url + path + ("&" if "?" in path else "?") + "lang=en")
    assert response is not None and response.status == 503
    expect(page.locator("h1 .en")).to_have_text("The graph database is unavailable")
    expect(page.locator("h1 .en")).to_be_visible()
    assert page.title() == "The graph database is unavailable"
    found = page.evaluate(FIND_JS, None)
    assert found["bad"] == []
    assert Allowed(plan_text, set()).problems(found["allowed"]) == []
    # the button switches back, and the choice is kept for the next page
    page.click("#lang-toggle")
    expect(page.locator("h1 .zh")).to_be_visible()
    wait_for(page, "document.title === '图数据库暂时无法访问'")
    assert guard.errors == [] or all("503" in e for e in guard.errors), guard.errors
