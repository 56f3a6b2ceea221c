"""The trade's words for the plan's directions, read by the recommender (``lexicon.yaml``).

Project descriptions use the industry's vocabulary (电芯, 加氢站, CDMO …) where the plan
uses its own (锂电池, 氢能 …).  ``lexicon.yaml`` beside this module maps such words to one
chain each, quoting the direction of the plan (section and verbatim text) they are read as.
It is not a plan fact and never enters the graph: a match through it is shown with an
assumption saying so.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field, TypeAdapter

LEXICON_FILE = "lexicon.yaml"


class LexiconEntry(BaseModel):
    """Words read as one direction of one chain."""

    chain: str = Field(pattern=r"^chain\.[a-z0-9_]+$")
    source: str
    quote: str = Field(min_length=2, description="The direction, verbatim from the plan.")
    words: list[str] = Field(min_length=1)


@cache
def lexicon() -> list[LexiconEntry]:
    """Return the entries of the shipped ``lexicon.yaml``."""
    text = (resources.files("chainkg.graph_loader") / LEXICON_FILE).read_text(encoding="utf-8")
    return TypeAdapter(list[LexiconEntry]).validate_python(yaml.safe_load(text))
