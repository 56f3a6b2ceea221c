"""What counts as Chinese on a page in English mode, and where it is allowed.

**The rule.** In English mode (``<html data-lang="en">``) no Chinese character (CJK
ideographs, CJK and full-width punctuation, :data:`CJK`) may appear in:

- any text node of the document, ``<title>`` and SVG ``<title>`` included, hidden or not
  (a tooltip shows on hover), except in the Chinese half of a bilingual pair (an element
  of class ``zh``, which must then be hidden) and inside an allowed element (below);
- the attributes a person sees: ``title``, ``placeholder``, ``aria-label``, ``alt``, and
  ``value`` of buttons; an attribute cannot carry an allowed element, so it may have none;
- a map's drawn labels and tooltips (checked from the page's data by the map tests).

**Allowed Chinese** is inside an element with ``lang="zh"`` and one of these classes, and
each is checked for what it claims to be:

- ``quote``: a verbatim quote of the plan (its text, cut with … where long, occurs in
  ``plan.txt``);
- ``section``: a section of the plan (``二(三)``, ``附件#17`` …): one of the ``source``
  values of the graph, or a part of the plan by its heading numbers (``二`` for ``二、…``,
  ``一(一)`` for ``（一）`` under ``一、``);
- ``name``: a proper name with no English form: one of :data:`PROPER_NAMES`, or text that
  staff wrote into the records (a cited document, a key's name), which the test names;
- ``input``: what the person typed, echoed back (a search, a question).

File names of downloads (the ``download`` attribute: 产业链清单.xlsx) are not checked:
they are the lists' own Chinese names, shown by the browser only when saving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chainkg.viz.marks import PROPER_NAMES

CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
ALLOWED_CLASSES = ("quote", "section", "name", "input")
SECTION_NUMBERS = re.compile(r"([一二三四五六七八九十]+)(?:\(([一二三四五六七八九十]+)\))?")

FIND_JS = r"""
(root) => {
  const CJK = new RegExp("[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF" +
    "\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]");
  const ALLOWED = ["quote", "section", "name", "input"]
    .map((c) => `[lang|="zh"].${c}`).join(", ");
  const ATTRS = ["title", "placeholder", "aria-label", "alt"];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (e.classList.length ? "." + [...e.classList].join(".") : ""));
    }
    return parts.join(" > ");
  };
  const bad = [], allowed = [];
  root = root || document.documentElement;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.data, el = walker.currentNode.parentElement;
    if (!el || !CJK.test(text) || el.closest("script, style, noscript")) { continue; }
    const pair = el.closest(".zh");
    if (pair) {
      if (pair.isConnected && pair.checkVisibility()) {
        bad.push(["visible .zh", where(el), text]);
      }
      continue;
    }
    const mark = el.closest(ALLOWED);
    if (mark) {
      const kind = ALLOWED.split(", ").find((sel) => mark.matches(sel)).split(".")[1];
      allowed.push([kind, mark.textContent]);
      continue;
    }
    bad.push(["text", where(el), text]);
  }
  for (const el of root.querySelectorAll("*")) {
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      if (value && CJK.test(value) && !el.closest(".zh")) {
        bad.push(["@" + name, where(el), value]);
      }
    }
    if ((el.tagName === "BUTTON" || el.tagName === "INPUT") && CJK.test(el.value || "") &&
        el.type !== "text" && el.type !== "search" && !el.closest(".zh")) {
      bad.push(["@value", where(el), el.value]);
    }
  }
  if (root === document.documentElement && CJK.test(document.title)) {
    bad.push(["document.title", "title", document.title]);
  }
  return {bad, allowed};
}
"""
"""Returns ``{bad, allowed}`` for an element (default: the whole document): ``bad`` lists
[what, where, text] of every Chinese text outside the allowed places; ``allowed`` lists
[class, text] of every allowed element that holds Chinese."""


@dataclass
class Allowed:
    """What allowed elements may hold: the plan's text, its sections, extra names, inputs."""

    plan_text: str
    sections: set[str]
    names: set[str] = field(default_factory=set)
    inputs: set[str] = field(default_factory=set)

    def problems(self, allowed: list[list[str]]) -> list[str]:
        """Return every allowed element whose text is not what its class claims."""
        out = []
        for kind, text in allowed:
            if not self.holds(kind, text.strip()):
                out.append(f"{kind}: {text!r}")
        return out

    def holds(self, kind: str, text: str) -> bool:
        if kind == "quote":
            pieces = [p.strip("“”‘’\"' ") for p in re.split(r"…|\.\.\.", text)]
            return all(p in self.plan_text for p in pieces if p)
        if kind == "section":  # a cited section, or a part of the plan by its headings
            part = SECTION_NUMBERS.fullmatch(text)
            return text in self.sections or bool(
                part
                and f"\n{part.group(1)}、" in self.plan_text
                and (part.group(2) is None or f"\n（{part.group(2)}）" in self.plan_text)
            )
        if kind == "name":
            return text in PROPER_NAMES or text in self.names
        if kind == "input":
            return any(text in typed or typed in text for typed in self.inputs)
        return False


def sections_of(sub: dict[str, Any]) -> set[str]:
    """Return every ``source`` of the nodes and edges of a ``subgraph`` answer."""
    found = {str(n["source"]) for n in sub["nodes"] if n.get("source")}
    return found | {str(e["source"]) for e in sub["edges"] if e.get("source")}
