"""Chinese word segmentation (jieba), where it earns its keep in question answering.

Two uses: cutting long names (indicators, targets, measures) into words, so that a question
naming part of one (“研发支出”, “发明专利”) still finds it; and part-of-speech tags of what a
question says besides the names it was linked to, so that another city (南京, 苏州工业园区)
is noticed and the question refused instead of answered for Taizhou.

jieba's dictionary loads on first use (about half a second; cached on disk by jieba).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import jieba
import jieba.posseg

_lock = threading.Lock()
_tagger: Any = None


def _get_tagger() -> Any:
    global _tagger  # noqa: PLW0603 - one tokenizer for the process, made on first use
    with _lock:
        if _tagger is None:
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _tagger = jieba.posseg.POSTokenizer(tokenizer)
        return _tagger


def words(text: str) -> list[str]:
    """Return the words of ``text`` (jieba, no HMM guessing: the same cut every time).

    >>> words("万人发明专利拥有量")
    ['万', '人', '发明专利', '拥有量']
    """
    return [str(w) for w in _get_tagger().tokenizer.lcut(text, HMM=False)]


def tagged(text: str) -> list[tuple[str, str]]:
    """Return the words of ``text`` with their part-of-speech tags (``ns`` a place …).

    >>> [w for w, tag in tagged("南京的光伏园区") if tag == "ns"]
    ['南京']
    """
    return [(str(p.word), str(p.flag)) for p in _get_tagger().lcut(text)]
