"""Search over names, English names, aliases and short forms, ranked the same on both stores.

The store returns candidates (``search`` catalog query: a substring scan on the
embedded store, the ``cjk`` full-text index on Neo4j); :func:`search` keeps the
real matches and ranks them: exact, then alias, then prefix, then substring.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from chainkg.graph_loader.store import GraphStore

Match = Literal["exact", "alias", "prefix", "substring"]
RANK: dict[Match, int] = {"exact": 0, "alias": 1, "prefix": 2, "substring": 3}
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with".split()
)
"""English stop words the ``cjk`` analyzer drops: a query made only of them is scanned."""


class SearchHit(BaseModel):
    """One search result."""

    id: str
    type: str
    name: str
    name_en: str
    match: Match
    matched: str
    """The name, English name or alias that matched."""


def normalize(q: str) -> str:
    """Return the query as matched: trimmed, lower case, inner spaces folded.

    >>> normalize("  Photo  Voltaic ")
    'photo voltaic'
    """
    return " ".join(q.split()).lower()


def lucene_query(q: str) -> str | None:
    """Return a Lucene query that finds every node whose names contain ``q``, or None.

    CJK runs become their bigrams (the ``cjk`` analyzer indexes bigrams), other
    words (letters and digits) become ``*word*`` wildcards; the terms are OR-ed, so
    the index returns a superset of the substring matches.  None means the index
    cannot serve the query (a single CJK character, or only words that could lie
    inside a dropped stop word, such as ``n`` or ``the``) and a scan is used instead.

    >>> lucene_query("光伏"), lucene_query("光"), lucene_query("n"), lucene_query("TOPCon 电池")
    ('"光伏"', None, None, '*topcon* OR "电池"')
    """
    q = normalize(q)
    terms: list[str] = []
    anchored = False  # some term is sure to match every node that contains q
    for run in re.findall(rf"[{_CJK}]+|[^\s{_CJK}]+", q):
        if re.match(rf"[{_CJK}]", run):
            if len(run) == 1:
                return None
            terms += [f'"{run[i : i + 2]}"' for i in range(len(run) - 1)]
            anchored = True
        else:
            words = re.split(r"[^0-9a-z]+", run)
            terms += [f"*{w}*" for w in words if w and w not in STOP_WORDS]
            anchored = anchored or any(w and not _in_stop_word(w) for w in words)
    return " OR ".join(dict.fromkeys(terms)) if anchored else None


def _in_stop_word(word: str) -> bool:
    """Return True when ``word`` could lie inside a stop word, which the index drops."""
    return any(word in stop for stop in STOP_WORDS)


def classify(node: dict[str, Any], q: str) -> tuple[Match, str] | None:
    """Return how ``node`` matches the normalized query ``q`` and what matched, or None."""
    names = [str(node.get("name", "")), str(node.get("name_en", ""))]
    aliases = [str(a) for a in node.get("aliases", [])]
    best: tuple[int, str, Match] | None = None
    for text, is_alias in [(n, False) for n in names] + [(a, True) for a in aliases]:
        low = normalize(text)
        if not low or q not in low:
            continue
        kind: Match
        if low == q:
            kind = "alias" if is_alias else "exact"
        elif low.startswith(q):
            kind = "prefix"
        else:
            kind = "substring"
        if best is None or RANK[kind] < best[0]:
            best = (RANK[kind], text, kind)
    return (best[2], best[1]) if best else None


def search(
    store: GraphStore, q: str, limit: int | None = 20, types: list[str] | None = None
) -> list[SearchHit]:
    """Return the ranked hits for ``q`` (all when ``limit`` is None): exact, alias, prefix,
    substring, then by the matched text's length and the name."""
    nq = normalize(q)
    if not nq:
        return []
    hits = []
    for row in store.run("search", q=nq, lucene=lucene_query(nq)):
        node = row["node"]
        if types and node["label"] not in types:
            continue
        found = classify(node, nq)
        if found:
            hits.append(
                SearchHit(
                    id=node["id"],
                    type=node["label"],
                    name=node["name"],
                    name_en=node["name_en"],
                    match=found[0],
                    matched=found[1],
                )
            )
    hits.sort(key=lambda h: (RANK[h.match], len(h.matched), h.name, h.id))
    return hits[:limit]
