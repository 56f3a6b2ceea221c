"""Every response model has an OpenAPI example, taken from a real answer, that validates."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pydantic import BaseModel

from chainkg.api import schemas
from chainkg.api.examples import SOURCES, load
from tests.api.conftest import TestClient

# lend fields to models; never answered as such
BASES = {"Page", "ListOf", "Named", "Ranked", "CarriedLink", "LayoutReach"}
MODELS = {
    name: cls
    for name, cls in inspect.getmembers(schemas, inspect.isclass)
    if issubclass(cls, BaseModel)
    and cls.__module__ == schemas.__name__
    and name not in BASES
    and "[" not in name  # Page[ChainSummary] and the like
}


def test_every_model_has_a_source() -> None:
    assert set(MODELS) == set(SOURCES) == set(load())


@pytest.mark.parametrize("name", sorted(MODELS))
def test_example_validates(name: str) -> None:
    model = MODELS[name]
    examples: list[Any] = model.model_json_schema()["examples"]
    assert examples == [load()[name]]
    for example in examples:
        model.model_validate(example)
        if model.model_config.get("extra") != "allow":
            fields = {f.alias or n for n, f in model.model_fields.items()}
            assert set(example) <= fields, set(example) - fields


def test_openapi_shows_the_examples(embedded_client: TestClient) -> None:
    components = embedded_client.get("/openapi.json").json()["components"]["schemas"]
    missing = [
        name for name in MODELS if name in components and not components[name].get("examples")
    ]
    assert missing == []
