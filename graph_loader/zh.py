"""Chinese (and Latin) text for matching: normalizing, tokens, and how specific a word is.

The plan's side is cut into CJK character unigrams and bigrams and Latin words
(:func:`tokens`), which needs no dictionary and never misses a term however it is
segmented.  A project description is first segmented into words by jieba
(:func:`query_tokens`): its bigrams are taken inside words only, so the seam between two
words (``食品加工`` → ``品加``) never matches by accident, and each token carries how
specific its word is in general Chinese (:func:`specificity`, from jieba's dictionary
frequencies), so that everyday words (中心, 设计, 生产) count for little and the words of
an industry (疫苗, 白油, 锂电池) for much.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from functools import cache

import jieba

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{CJK}]+|[a-z0-9]+(?:[-+][a-z0-9]+)*")
"""A run of CJK characters, or a Latin word (letters and digits, inner ``-`` or ``+``)."""
_QUANTITY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:亿|万|千)?\s*"
    r"(?:元|美元|吨|千瓦时|千瓦|瓦|亩|平方米|平米|台|套|辆|艘|件|条|个|家|gwh|gw|mwh|mw|kwh|kw)?",
    re.IGNORECASE,
)
BOILERPLATE = (
    "有限公司 股份 集团 公司 企业 拟投资 总投资 投资 计划 新建 扩建 改扩建 技改 建设 项目 年产 "
    "年加工 生产线 生产基地 一期 占地 亿元 万元 在泰州 泰州市 拟"
).split()
"""Words of any project description that say nothing of its industry."""
STOP_CHARS = frozenset("的和与及等在为对将了是把其之或并以于")
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with new high "
    "project projects plant plants factory factories base bases production produce "
    "development develop center centre park industrial industry manufacturing construction "
    "build building annual capacity investment company co ltd gw gwh mw mwh kw kwh".split()
)
"""English words that say nothing of an industry."""
GENERIC_IC = 8.0
"""Information content (nats) at or below which a word is as common as 生产, 中心 or 系统."""
SPECIFIC_IC = 13.0
"""Information content from which a word is as rare as 不锈钢 or 润滑油: full weight."""
LEAST = 0.1
"""The weight of the most common words."""
SEAM = 0.3
"""What a bigram across two words of a description (and not a word itself) weighs."""


def normalize(text: str) -> str:
    """Return ``text`` in NFKC (full-width letters and digits folded) and lower case.

    >>> normalize("ＴＯＰＣｏｎ电池")
    'topcon电池'
    """
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(run: str) -> bool:
    """Return True when ``run`` starts with a CJK character."""
    return bool(run) and run[0] >= "\u3400"


def latin_word(run: str) -> str | None:
    """Return a Latin run as a token, or None: leading digits go, plurals become singular.

    >>> latin_word("10GW".lower()), latin_word("cells"), latin_word("car-t"), latin_word("the")
    (None, 'cell', 'car-t', None)
    """
    word = run.lstrip("0123456789")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return None if len(word) < 2 or word in STOP_WORDS else word


def _grams(run: str) -> list[str]:
    return [c for c in run if c not in STOP_CHARS] + [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Return the tokens of ``text``: CJK unigrams and bigrams, and Latin words.

    >>> tokens("年产10GW TOPCon电池")
    ['年', '产', '年产', 'topcon', '电', '池', '电池']
    """
    out: list[str] = []
    for run in RUN.findall(normalize(text)):
        if is_cjk(run):
            out += _grams(run)
        elif word := latin_word(run):
            out.append(word)
    return out


def clean_query(q: str) -> str:
    """Return the normalized description without quantities and boilerplate.

    >>> clean_query("某公司拟投资8亿元建设年产200吨原料药项目")
    '某 原料药'
    """
    text = _QUANTITY.sub(" ", normalize(q))
    for word in BOILERPLATE:
        text = text.replace(word, " ")
    return " ".join(text.split())


@cache
def segmenter() -> jieba.Tokenizer:
    """Return jieba's tokenizer, its dictionary loaded (about a second, once)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def specificity(word: str) -> float:
    """Return how specific a word is in general Chinese, from :data:`LEAST` to 1.

    Its information content in jieba's dictionary, scaled between :data:`GENERIC_IC` and
    :data:`SPECIFIC_IC`.  A word the dictionary lacks, and a Latin word, weigh 1.

    >>> specificity("白油"), specificity("中心"), specificity("topcon")
    (1.0, 0.1, 1.0)
    """
    tokenizer = segmenter()
    count = tokenizer.FREQ.get(word) if is_cjk(word) else None
    if not count:
        return 1.0
    ic = math.log(tokenizer.total / (count + 1))
    return max(LEAST, min(1.0, (ic - GENERIC_IC) / (SPECIFIC_IC - GENERIC_IC)))


def query_tokens(text: str) -> list[tuple[str, float]]:
    """Return the tokens of a description with their weights.

    A unigram or a bigram that is a word of jieba's dictionary weighs its
    :func:`specificity`; a bigram inside a longer word (``钙钛`` in ``钙钛矿``) weighs the
    word's; a bigram across the seam of two words (``品加`` in ``食品/加工``) weighs
    :data:`SEAM`.  A Latin word weighs 1.

    >>> [(t, round(w, 2)) for t, w in query_tokens("钙钛矿加工厂")][-4:]
    [('钛矿', 1.0), ('矿加', 0.3), ('加工', 0.28), ('工厂', 0.35)]
    """
    out: list[tuple[str, float]] = []
    known = segmenter().FREQ
    for run in RUN.findall(normalize(text)):
        if not is_cjk(run):
            if word := latin_word(run):
                out.append((word, 1.0))
            continue
        out += [(c, specificity(c)) for c in run if c not in STOP_CHARS]
        words = list(segmenter().cut(run, HMM=True))
        word_of = [n for n, word in enumerate(words) for _ in word]  # each character's word
        for i in range(len(run) - 1):
            gram = run[i : i + 2]
            if known.get(gram):
                weight = specificity(gram)
            elif word_of[i] == word_of[i + 1]:  # the same word, not an equal one beside it
                weight = specificity(words[word_of[i]])
            else:
                weight = SEAM
            out.append((gram, weight))
    return out


def common_parts(q: str, text: str) -> list[str]:
    """Return the pieces of the normalized ``q`` found in ``text``: the maximal CJK runs of two
    characters or more (none inside another), and whole Latin words.

    >>> common_parts("高效topcon电池片", "重点发展TOPCon（隧穿氧化层钝化接触）、钙钛矿电池")
    ['topcon', '电池']
    >>> common_parts("三元正极材料及硅碳负极材料", "三元正极材料")
    ['三元正极材料']
    """
    hay = normalize(text)
    words = {w for w in map(latin_word, RUN.findall(hay)) if w}
    parts: list[str] = []
    for run in RUN.findall(q):
        if not is_cjk(run):
            if latin_word(run) in words:
                parts.append(run)
            continue
        end = 0
        for i in range(len(run) - 1):
            n = 0
            while i + n < len(run) and run[i : i + n + 1] in hay:
                n += 1
            if n > 1 and i + n > end:
                parts.append(run[i : i + n])
                end = i + n
    unique = list(dict.fromkeys(parts))
    return [p for p in unique if not any(p != other and p in other for other in unique)]
