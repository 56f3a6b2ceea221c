"""Regenerate ``api/examples.json`` from real answers of the API on the shipped seed.

    .venv/bin/python -m tools.api_examples

:data:`chainkg.api.examples.SOURCES` says where each model's example comes from.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from starlette.exceptions import StarletteDeprecationWarning

from chainkg.api.examples import EXAMPLES_FILE, SOURCES, shorten
from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore

with warnings.catch_warnings():  # starlette's TestClient moving from httpx to httpx2
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def generate() -> dict[str, Any]:
    """Return the examples, from the app on the embedded store of the shipped seed."""
    client = TestClient(create_app(EmbeddedStore.from_seed()))
    answers: dict[str, Any] = {}
    examples = {}
    for name, (url, pick) in SOURCES.items():
        if url not in answers:
            answers[url] = client.get(url).json()
        examples[name] = shorten(pick(answers[url]))
    return examples


def main() -> None:
    """Write ``api/examples.json``."""
    text = json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
    EXAMPLES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {len(SOURCES)} examples to {EXAMPLES_FILE}")


if __name__ == "__main__":
    main()
