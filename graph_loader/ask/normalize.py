"""Question and name normalization, and the domain's name variants.

The question and every name go through the same :func:`normalize`, so a match never
depends on full-width forms, case, quotes or spaces between Chinese characters.
:func:`variants` adds the forms staff type that the seed does not list: a chain with or
without 产业链/产业, a park with or without 园区 or 经济, a 市…局 without 市 …

>>> normalize(" 《光伏 产业链》在哪儿？ ")
'光伏产业链在哪儿?'
>>> normalize("Taixing  Economic-Development Zone")
'taixing economic development zone'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』〈〉`")
_DASHES = re.compile(r"[-‐‑‒–—―－_/]+")
_SPACES = re.compile(r"\s+")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}]) | (?=[{CJK}])")
_PAREN = re.compile(r"\(([^()]*)\)")

CHAIN_SUFFIXES = ("产业链", "产业", "行业", "链", "领域", "赛道", "板块")
"""What staff add to a chain's or group's name (光伏产业链, 光伏产业, 光伏行业 …)."""
PARK_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("经济技术开发区", ("经济开发区", "经开区", "开发区", "经济技术开发区")),
    ("经济开发区", ("经开区", "开发区", "经济技术开发区")),
    ("高新技术产业开发区", ("高新区",)),
    ("高新区", ("高新技术产业开发区", "高新技术开发区")),
    ("产业园", ("产业园区", "园区", "园")),
    ("示范区", ("示范园区",)),
)
"""A park's suffix and the suffixes staff use for it instead."""
TECH_PREFIXES = (
    "高端",
    "高性能",
    "高效",
    "先进",
    "新型",
    "新一代",
    "大型",
    "超大型",
    "高纯度",
    "高精度",
    "高附加值",
)
"""Qualifiers a product's name often carries and a question often drops (高性能储能锂电池)."""
_CONJUNCTIONS = str.maketrans({"和": "与", "与": "和", "及": "和"})
_EN_DROP = re.compile(r"^(the |taizhou |municipal )+")
_EN_PLACE = re.compile(r" (city|district|county)$")
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b")


def normalize(text: str) -> str:
    """Return ``text`` as matched: NFKC, lower case, no possessive ``'s``, no quotes, dashes as
    spaces, CJK unspaced.

    >>> normalize("Taixing's  “光伏 产业”")
    'taixing光伏产业'
    """
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", text).lower()).translate(_QUOTES)
    text = _SPACES.sub(" ", _DASHES.sub(" ", text)).strip()
    return _CJK_SPACE.sub("", text)


def is_cjk(text: str) -> bool:
    """Return True when ``text`` holds a Chinese character."""
    return re.search(f"[{CJK}]", text) is not None


def _without_parens(form: str) -> list[str]:
    """Return ``form`` without its parenthesized parts, and with the parentheses dropped."""
    if "(" not in form:
        return []
    return [" ".join(_PAREN.sub("", form).split()), " ".join(_PAREN.sub(r"\1", form).split())]


def _chain_forms(form: str) -> list[str]:
    stem = form
    for suffix in CHAIN_SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            stem = form[: -len(suffix)]
            break
    return [stem, *(stem + s for s in CHAIN_SUFFIXES)]


def _park_forms(form: str) -> list[str]:
    for suffix, others in PARK_SUFFIXES:
        if form.endswith(suffix):
            stem = form[: -len(suffix)]
            return [stem + o for o in others]
    return []


def _department_forms(form: str) -> list[str]:
    if form.startswith("泰州市"):
        return [form[2:], form[3:]]
    if form.startswith("市"):
        return [form[1:], "泰州" + form]
    return []


def _tech_forms(form: str) -> list[str]:
    out = []
    for prefix in TECH_PREFIXES:
        if form.startswith(prefix) and len(form) - len(prefix) >= 3:
            out.append(form[len(prefix) :])
    return out


def _english_forms(form: str, label: str = "") -> list[str]:
    """Return an English name without ``the``/``Taizhou``/``Municipal`` and in the singular;
    a district's also without ``City``/``District`` (Jingjiang City → jingjiang).

    >>> _english_forms("jingjiang city", "District")
    ['jingjiang city', 'jingjiang']
    """
    out = [_EN_DROP.sub("", form)]
    if label == "District":
        out.append(_EN_PLACE.sub("", out[0]))
    for f in list(out):
        words = f.split(" ")
        last = words[-1]
        if last.endswith("ies") and len(last) > 4:
            out.append(" ".join([*words[:-1], last[:-3] + "y"]))
        elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
            out.append(" ".join([*words[:-1], last[:-1]]))
    return out


def variants(label: str, forms: Iterable[str]) -> list[str]:
    """Return the extra normalized forms of a node's names (not the names themselves).

    >>> variants("Chain", ["光伏"])[:3]
    ['光伏产业链', '光伏产业', '光伏行业']
    >>> variants("Park", ["泰兴经济开发区"])
    ['泰兴经开区', '泰兴开发区', '泰兴经济技术开发区']
    >>> variants("Department", ["市工业和信息化局"])[:3]
    ['工业和信息化局', '泰州市工业和信息化局', '市工业与信息化局']
    >>> variants("Chain", ["Lithium Batteries"])
    ['lithium battery']
    """
    given = [normalize(f) for f in forms if f]
    out: list[str] = []
    for form in given:
        found = _without_parens(form)
        if not is_cjk(form):
            found += _english_forms(form, label)
        elif label in ("Chain", "Group", "Tier"):
            found += _chain_forms(form)
        elif label == "Park":
            found += _park_forms(form)
        elif label == "Department":
            found += _department_forms(form)
        elif label == "Technology":
            found += _tech_forms(form)
        if is_cjk(form) and any(c in form for c in "和与及"):
            found += [f.translate(_CONJUNCTIONS) for f in [form, *found]]
        out += found
    given_set = set(given)
    return [f for f in dict.fromkeys(out) if f and f not in given_set]
