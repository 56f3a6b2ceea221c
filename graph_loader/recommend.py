"""Where does a project belong?  Chains ranked by BM25 over the plan's words, parks by their chains.

A project description (``年产10GW TOPCon电池组件项目``) is matched against every chain's
*terms*: its name and aliases, the technologies and products it names (``FOCUSES_ON``),
the clauses of its annex 重点发展方向, the technologies its group names in section 二
(shared out to the chains whose own technologies sit in the same enumeration), its
group's names, the enterprises and projects that anchor it, and the trade's words for its
directions (:mod:`chainkg.graph_loader.lexicon`).  The plan's text becomes CJK character
unigrams and bigrams and Latin words; each chain's document repeats a term's tokens by the
weight of its kind (:data:`WEIGHTS`) and is scored with Okapi BM25 (:mod:`rank_bm25`), the
texts of the actions, measures and safeguards serving as background documents.  The
description is cut into words by jieba and each of its tokens weighs how specific its word
is in general Chinese (:mod:`chainkg.graph_loader.zh`).

The ``score`` of a chain is its BM25 score divided by the most the description could score
(every token at saturation): the share of the description, weighted by how rare its words
are in the plan, that the chain explains, between 0 and 1.  Quantities and the words of any
project description (公司, 投资, 建设, 项目 …) are removed first.  A chain fits when its score
reaches :data:`THRESHOLD`; ``matched`` is false when none does, and then no chain and no
park is returned: nothing is guessed.

Parks are ranked by the fitting chains they carry (``chain_parks``) among those close to the
best (:data:`PARK_CHAINS`): each adds the chain's score relative to the best times the
park's value for it, which puts a park stated for the chain before one that carries the
chain's group, then 核心 before 两翼 and 支撑 before 载体, 依托 and 支点, and counts the
platforms located in the park.  Everything comes from catalog queries (``subgraph``,
``chain_parks``), so both stores give the same answer.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field
from rank_bm25 import BM25Okapi

from chainkg.graph_loader.cache import PerStore
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.lexicon import LexiconEntry, lexicon
from chainkg.graph_loader.store import GraphStore
from chainkg.graph_loader.zh import clean_query, common_parts, query_tokens, tokens

CORPUS_LABELS = [
    *("Chain", "Group", "Technology", "Enterprise", "Project", "Platform", "Park"),
    *("Action", "Measure", "Safeguard"),
]
"""The labels whose nodes and the edges among them the recommender reads (``subgraph``)."""
BACKGROUND_LABELS = ("Action", "Measure", "Safeguard")
"""Nodes whose text is the plan's general language: background documents, so that the
words every policy text uses (品牌, 服务, 基地 …) weigh little."""

THRESHOLD = 0.1163
"""The least score of a fitting chain: chosen on tests/recommend/cases.yaml by
``python -m tools.recommend_threshold`` (docs/recommend.md)."""
K1 = 1.2
B = 0.5
TermKind = Literal[
    "chain",
    "alias",
    "technology",
    "direction",
    "group_technology",
    "group",
    "enterprise",
    "project",
    "trade_word",
]
WEIGHTS: dict[TermKind, int] = {
    "chain": 3,
    "alias": 3,
    "technology": 2,
    "direction": 1,
    "group_technology": 2,
    "group": 1,
    "enterprise": 1,
    "project": 1,
    "trade_word": 2,
}
"""How many times a term's tokens count in its chain's document, by kind of term."""
MAX_REASONS = 5
PARK_CHAINS = 0.75
"""Parks are drawn from the fitting chains whose score is at least this share of the best."""
ROLE_VALUE: dict[str, float] = {
    "核心": 1.0,
    "先导区": 1.0,
    "主要载体": 1.0,
    "两翼": 0.8,
    "支撑": 0.8,
    "载体": 0.6,
    "依托": 0.6,
    "支点": 0.6,
}
"""The value of a park's role for a chain; a role not listed is worth the least."""
STATED = 0.5
"""What a park stated for the chain itself gains over one carrying the chain's group."""
PLATFORM = 0.1
"""What each platform located in a park adds, up to :data:`MAX_PLATFORMS` of them."""
MAX_PLATFORMS = 3

_CLAUSE = re.compile(r"[，。；：、,;]+")


# ----------------------------------------------------------------- the answer


class Reason(BaseModel):
    """A term of the plan that the description matched, with the plan's quote for it."""

    term: str = Field(description="The plan's term: a technology, a chain name, a clause …")
    kind: TermKind
    id: str | None = Field(None, description="The node the term is, when it is one.")
    matched: list[str] = Field(description="The words of the description found in the term.")
    weight: float = Field(description="What the matched words count for (idf × term weight).")
    source: str = Field(description="The section of the plan.")
    evidence: str = Field(description="A verbatim quote of the plan.")
    assumption: str | None = None


class ChainMatch(BaseModel):
    """A chain the project fits, with its score and why."""

    id: str
    type: Literal["Chain"] = "Chain"
    name: str
    name_en: str
    rank: int
    group: str | None
    score: float = Field(description="The share of the description the chain explains (0 to 1).")
    reasons: Sequence[Reason]


class ParkReason(BaseModel):
    """A fitting chain the park carries: its role, and whether stated or through the group."""

    chain: str
    chain_name: str
    role: str | None
    stated: bool = Field(description="True when the plan names the park for the chain itself.")
    via: str | None = Field(description="The group through which the park carries the chain.")
    via_name: str | None = Field(None, description="That group's name.")
    source: str
    evidence: str
    assumption: str | None = None


class PlatformRef(BaseModel):
    """A platform located in the park."""

    id: str
    name: str
    name_en: str
    source: str
    evidence: str


class ParkMatch(BaseModel):
    """A park for the project, with its score and the fitting chains it carries."""

    id: str
    type: Literal["Park"] = "Park"
    name: str
    name_en: str
    score: float
    reasons: Sequence[ParkReason]
    platforms: Sequence[PlatformRef]


class Recommendation(BaseModel):
    """The chains a project fits and the parks that carry them, best first."""

    q: str
    matched: bool = Field(description="False when no chain reaches the threshold.")
    threshold: float
    chains: Sequence[ChainMatch]
    parks: Sequence[ParkMatch]


# ----------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Term:
    """A piece of the plan's text that speaks for a chain."""

    text: str
    kind: TermKind
    source: str
    evidence: str
    id: str | None = None
    assumption: str | None = None
    share: float = 1.0
    """The part of the term's weight this chain gets (a group's technology is shared out)."""
    english: str = ""

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind] * self.share


@dataclass
class ChainDoc:
    """A chain and every term that speaks for it."""

    node: Row
    group: str | None
    terms: list[Term] = field(default_factory=list)

    def bag(self) -> list[str]:
        """Return the chain's document: each term's tokens, repeated by its weight."""
        out: list[str] = []
        for term in self.terms:
            out += tokens(f"{term.text} {term.english}") * max(1, round(term.weight))
        return out


def _edges(sub: Row, rel_type: str) -> list[Row]:
    return sorted(
        (e for e in sub["edges"] if e["type"] == rel_type), key=lambda e: (e["from"], e["to"])
    )


def _names(node: Row) -> list[str]:
    return [str(node["name"]), *(str(a) for a in node.get("aliases", []))]


def _node_terms(node: Row, kind: TermKind, **quote: str | None) -> list[Term]:
    """Return a node's name (with its English name) and aliases as terms of ``kind``."""
    source = str(quote.pop("source", None) or node["source"])
    evidence = str(quote.pop("evidence", None) or node["evidence"])
    return [
        Term(
            name,
            kind,
            source,
            evidence,
            node["id"],
            quote.get("assumption"),
            english=str(node["name_en"]) if i == 0 else "",
        )
        for i, name in enumerate(_names(node))
    ]


def chain_docs(sub: Row, words: list[LexiconEntry] | None = None) -> list[ChainDoc]:
    """Return every chain's document from a ``subgraph`` row of :data:`CORPUS_LABELS`."""
    nodes: dict[str, Row] = {n["id"]: n for n in sub["nodes"]}
    group_of = {e["from"]: e["to"] for e in _edges(sub, "IN_GROUP")}
    parent_of = {e["from"]: e["to"] for e in _edges(sub, "SUBGROUP_OF")}
    chains = sorted(
        (n for n in nodes.values() if n["label"] == "Chain"), key=lambda n: (n["rank"], n["id"])
    )
    docs = {c["id"]: ChainDoc(c, group_of.get(c["id"])) for c in chains}
    for doc in docs.values():
        node = doc.node
        doc.terms += _node_terms(node, "chain")[:1] + _node_terms(node, "alias")[1:]
        doc.terms += [
            Term(clause, "direction", node["source"], clause)
            for clause in _CLAUSE.split(str(node.get("directions") or ""))
            if clause
        ]
        for g in (doc.group, parent_of.get(doc.group or "")):
            if g in nodes:
                doc.terms += _node_terms(nodes[g], "group")
    focus = _edges(sub, "FOCUSES_ON")
    for e in focus:
        if e["from"] in docs:
            docs[e["from"]].terms += _node_terms(nodes[e["to"]], "technology", **_quote(e))
    _share_group_technologies(docs, focus, nodes, parent_of)
    for e in _edges(sub, "ANCHORS"):
        if e["to"] in docs:
            other = nodes[e["from"]]
            kind: TermKind = "enterprise" if other["label"] == "Enterprise" else "project"
            docs[e["to"]].terms += _node_terms(other, kind, **_quote(e))
    for entry in lexicon() if words is None else words:
        if entry.chain in docs:
            docs[entry.chain].terms += [
                Term(
                    word,
                    "trade_word",
                    entry.source,
                    entry.quote,
                    assumption=f"{word}: the trade's word, not the plan's; read as this "
                    f"direction of {docs[entry.chain].node['name']}",
                )
                for word in entry.words
            ]
    return list(docs.values())


def _quote(edge: Row) -> dict[str, str | None]:
    return {
        "source": edge["source"],
        "evidence": edge["evidence"],
        "assumption": edge.get("assumption"),
    }


def _share_group_technologies(
    docs: dict[str, ChainDoc], focus: list[Row], nodes: dict[str, Row], parent_of: dict[str, str]
) -> None:
    """Give each technology a group names (section 二) to that group's chains.

    A chain's share is the part of the other technologies of the same enumeration (the
    same evidence) that the chain names itself; with none, the technology is shared
    equally.  A technology that a chain of the group names itself stays with that chain.
    """
    named_by: dict[str, set[str]] = defaultdict(set)
    for e in focus:
        if e["from"] in docs:
            named_by[e["to"]].add(e["from"])
    members: dict[str, list[str]] = defaultdict(list)
    for cid, doc in docs.items():
        for g in (doc.group, parent_of.get(doc.group or "")):
            if g:
                members[g].append(cid)
    by_group = [e for e in focus if e["from"] in members]
    for e in by_group:
        chains = members[e["from"]]
        if any(c in named_by[e["to"]] for c in chains):
            continue  # a chain of the group names it: the group's mention adds nothing
        siblings = [s["to"] for s in by_group if s["evidence"] == e["evidence"] and s is not e]
        votes = {c: sum(c in named_by[s] for s in siblings) for c in chains}
        total = sum(votes.values())
        group, tech = nodes[e["from"]]["name"], nodes[e["to"]]["name"]
        for c in chains:
            share = votes[c] / total if total else 1 / len(chains)
            if share <= 0:
                continue
            why = (
                f"the chain itself names {votes[c]} of the {total} chain namings of the other "
                "items of that enumeration"
                if total
                else f"shared equally by the {len(chains)} chains of the group"
            )
            assumption = f"{tech} is named for the group {group}; counted for this chain " + (
                f"at {share:.0%} ({why})" if share < 1 else f"({why})"
            )
            terms = _node_terms(nodes[e["to"]], "group_technology", **_quote(e))
            docs[c].terms += [
                Term(t.text, t.kind, t.source, t.evidence, t.id, assumption, share, t.english)
                for t in terms
            ]


def background_texts(sub: Row) -> list[str]:
    """Return the texts of the :data:`BACKGROUND_LABELS` nodes of a ``subgraph`` row, by id."""
    nodes = sorted(
        (n for n in sub["nodes"] if n["label"] in BACKGROUND_LABELS), key=lambda n: n["id"]
    )
    return [" ".join(str(n.get(k) or "") for k in ("name", "text", "evidence")) for n in nodes]


# ----------------------------------------------------------------- ranking chains


class ChainRanker:
    """Okapi BM25 over the chains' documents."""

    def __init__(self, docs: list[ChainDoc], background: Sequence[str] = ()) -> None:
        self.docs = docs
        corpus = [d.bag() for d in docs] + [tokens(text) for text in background]
        self.bm25 = BM25Okapi(corpus, k1=K1, b=B)
        self.unseen_idf = math.log((len(corpus) + 0.5) / 0.5)

    def idf(self, token: str) -> float:
        """Return a token's idf; a token no chain has counts as the rarest."""
        value = self.bm25.idf.get(token, self.unseen_idf)
        return float(value)

    def scores(self, query: list[tuple[str, float]]) -> list[float]:
        """Return each chain's score for weighted query tokens, between 0 and 1."""
        weights: dict[str, float] = defaultdict(float)
        for token, weight in query:
            weights[token] += weight
        best = sum(w * self.idf(t) for t, w in weights.items()) * (K1 + 1)
        if best <= 0:
            return [0.0] * len(self.docs)
        raw = sum(w * self.bm25.get_scores([t])[: len(self.docs)] for t, w in weights.items())
        return [round(float(r) / best, 4) for r in raw]


def reasons_for(ranker: ChainRanker, doc: ChainDoc, q: str) -> list[Reason]:
    """Return the chain's terms the cleaned description ``q`` matches, weightiest first.

    A term is left out when a weightier term has shown all its matched words (or words
    containing them), or when the same node has already been shown by a term of its kind.
    """
    found: list[Reason] = []
    for term in doc.terms:
        parts = common_parts(q, f"{term.text} {term.english}")
        if not parts:
            continue
        weight = sum(ranker.idf(t) for t in {t for p in parts for t in tokens(p)})
        found.append(
            Reason(
                term=term.text,
                kind=term.kind,
                id=term.id,
                matched=parts,
                weight=round(weight * term.weight, 4),
                source=term.source,
                evidence=term.evidence,
                assumption=term.assumption,
            )
        )
    found.sort(key=lambda r: (-r.weight, len(r.term), r.term, r.kind))
    kept: list[Reason] = []
    covered: list[str] = []
    shown: set[tuple[str, str]] = set()
    for reason in found:
        new = [m for m in reason.matched if not any(m in c for c in covered)]
        if new and (reason.id is None or (reason.id, reason.kind) not in shown):
            covered += new
            kept.append(reason)
            if reason.id:
                shown.add((reason.id, reason.kind))
    return kept[:MAX_REASONS]


# ----------------------------------------------------------------- ranking parks


def park_value(role: str | None, stated: bool, platforms: int) -> float:
    """Return what carrying a chain is worth to a park: role, stated, platforms.

    >>> park_value("依托", True, 0) > park_value("核心", False, 0) > park_value("两翼", False, 0)
    True
    """
    value = ROLE_VALUE.get(role or "", min(ROLE_VALUE.values()))
    return value + (STATED if stated else 0.0) + PLATFORM * min(platforms, MAX_PLATFORMS)


def _platforms(sub: Row) -> dict[str, list[PlatformRef]]:
    """Return the platforms located in each park, by id."""
    nodes: dict[str, Row] = {n["id"]: n for n in sub["nodes"]}
    located: dict[str, list[PlatformRef]] = defaultdict(list)
    for e in _edges(sub, "LOCATED_IN"):
        p = nodes[e["from"]]
        if p["label"] == "Platform":
            located[e["to"]].append(
                PlatformRef(
                    id=p["id"],
                    name=p["name"],
                    name_en=p["name_en"],
                    source=e["source"],
                    evidence=e["evidence"],
                )
            )
    return located


class Recommender:
    """The chains and parks of the store, ready to rank project descriptions."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        (self.sub,) = store.run("subgraph", labels=CORPUS_LABELS)
        self.ranker = ChainRanker(chain_docs(self.sub), background_texts(self.sub))
        self.located = _platforms(self.sub)
        self.names = {str(n["id"]): str(n["name"]) for n in self.sub["nodes"]}
        self._ranked = functools.lru_cache(maxsize=256)(self._rank)

    def chains(self, q: str) -> list[ChainMatch]:
        """Return every chain that shares a term with ``q``, best first (no threshold)."""
        return list(self._ranked(q))

    def _rank(self, q: str) -> list[ChainMatch]:
        cleaned = clean_query(q)
        scores = self.ranker.scores(query_tokens(cleaned))
        order = sorted(
            (i for i, score in enumerate(scores) if score > 0),
            key=lambda i: (-scores[i], self.ranker.docs[i].node["rank"]),
        )
        found = []
        for i in order:
            doc = self.ranker.docs[i]
            reasons = reasons_for(self.ranker, doc, cleaned)
            if reasons:  # no matched term, no reason to fit
                found.append(
                    ChainMatch(
                        id=doc.node["id"],
                        name=doc.node["name"],
                        name_en=doc.node["name_en"],
                        rank=doc.node["rank"],
                        group=doc.group,
                        score=scores[i],
                        reasons=reasons,
                    )
                )
        return found

    def parks(self, chains: list[ChainMatch]) -> list[ParkMatch]:
        """Return the parks carrying the chains close to the first one, best first."""
        if not chains or chains[0].score <= 0:
            return []
        top = chains[0].score
        nodes: dict[str, Row] = {}
        reasons: dict[str, list[ParkReason]] = defaultdict(list)
        scores: dict[str, float] = defaultdict(float)
        for chain in (c for c in chains if c.score >= PARK_CHAINS * top):
            for r in self.store.run("chain_parks", id=chain.id):
                pid = r["park"]["id"]
                nodes[pid] = r["park"]
                stated = r["carried"] == chain.id
                reasons[pid].append(
                    ParkReason(
                        chain=chain.id,
                        chain_name=chain.name,
                        role=r["role"],
                        stated=stated,
                        via=None if stated else r["carried"],
                        via_name=None if stated else self.names.get(r["carried"]),
                        source=r["source"],
                        evidence=r["evidence"],
                        assumption=r.get("assumption"),
                    )
                )
                value = park_value(r["role"], stated, len(self.located.get(pid, [])))
                scores[pid] += chain.score / top * value
        parks = [
            ParkMatch(
                id=pid,
                name=node["name"],
                name_en=node["name_en"],
                score=round(scores[pid], 4),
                reasons=reasons[pid],
                platforms=self.located.get(pid, []),
            )
            for pid, node in nodes.items()
        ]
        return sorted(parks, key=lambda p: (-p.score, p.id))

    def recommend(self, q: str, limit: int = 5, threshold: float = THRESHOLD) -> Recommendation:
        """Return the chains (at most ``limit``) the project ``q`` fits and the parks for it."""
        chains = [c for c in self.chains(q) if c.score >= threshold][:limit]
        return Recommendation(
            q=q,
            matched=bool(chains),
            threshold=threshold,
            chains=chains,
            parks=self.parks(chains)[:limit],
        )


RECOMMENDERS: PerStore[Recommender] = PerStore(Recommender)
"""The process's recommenders: one per store and graph version (the index is built once)."""


def recommend(store: GraphStore, q: str, limit: int = 5) -> Recommendation:
    """Return the chains the project described by ``q`` fits and the parks for it."""
    return RECOMMENDERS.get(store).recommend(q, limit)
