"""Fixtures of the fidelity suite: everything the API answers about parks and chains, on
each store (the Neo4j half is marked and counted by the root conftest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chainkg.graph_loader.store import GraphStore
from tests.api.conftest import TestClient, make_client
from tests.fidelity.checks import Answers, collect

_ANSWERS: dict[int, Answers] = {}


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    """A client of the app on each store in turn."""
    with make_client(store) as test_client:
        yield test_client


@pytest.fixture
def answers(store: GraphStore, plan_text: str) -> Answers:
    """What the API on ``store`` answers about parks and chains (collected once per store)."""
    if id(store) not in _ANSWERS:
        with make_client(store) as client:
            _ANSWERS[id(store)] = collect(client, plan_text)
    return _ANSWERS[id(store)]
