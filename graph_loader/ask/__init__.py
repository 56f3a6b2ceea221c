"""Question answering over the plan graph: a question in staff's words in, an answer with the
plan's evidence out, the same on both stores.

``ask(store, "光伏在哪些园区？")`` links the question to the graph's names (:mod:`.lexicon`),
reads what it asks (:mod:`.parse`, :mod:`.cues`), picks an intent (:mod:`.dispatch`) and
answers it from catalog queries only (:mod:`.places`, :mod:`.figures`, :mod:`.links`,
:mod:`.duties`).  What the plan does not say is refused (``answered: false``) with suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from chainkg.graph_loader.ask.context import Ctx
from chainkg.graph_loader.ask.dispatch import ExtraRule, answer
from chainkg.graph_loader.ask.lexicon import LEXICONS
from chainkg.graph_loader.ask.model import INTENTS, Answer, Lang
from chainkg.graph_loader.ask.parse import parse
from chainkg.graph_loader.store import GraphStore

__all__ = ["INTENTS", "Answer", "ExtraRule", "ask"]

MAX_QUESTION = 300
"""The longest question read (characters); the rest is ignored."""


def ask(store: GraphStore, q: str, lang: Lang = "zh", extra: Sequence[ExtraRule] = ()) -> Answer:
    """Return the answer to question ``q``, its text in ``lang``; ``extra`` rules (answers
    from the records staff write, :mod:`chainkg.records.ask`) are tried first."""
    lexicon = LEXICONS.get(store)
    ctx = Ctx(store, lexicon, parse(lexicon, q[:MAX_QUESTION]), lang)
    reply = answer(ctx, extra)
    return Answer(
        q=q,
        lang=lang,
        answered=reply.answered,
        intent=reply.intent,
        entities=ctx.entities(),
        results=reply.results,
        value=reply.value,
        unit=reply.unit,
        text=reply.text,
        evidence=ctx.evidence() if reply.answered else [],
        query=ctx.query if reply.answered else None,
        suggestions=reply.suggestions,
        focus=reply.focus,
    )
