"""The plan text cut into its sections, so that each quote can be checked against its source.

Section keys are the ones the seed uses: ``标题`` (title and preamble), ``一(二)``,
``二(三)``, ``四(五)``, ``附件`` (the whole annex) and ``附件#N`` (annex row N).
"""

from __future__ import annotations

import re

_CHAPTER = re.compile(r"^([一二三四])、")
_SUBSECTION = re.compile(r"^(?:\[bookmark: [^\]]*\])?（([一二三四五六七八九])）")


def split_sections(plan_text: str) -> dict[str, str]:
    """Return the text of every section of the plan, keyed as the seed's ``source`` fields.

    >>> text = "题\\n一、总\\n（二）发展目标\\n到2027年\\n 附件\\n"
    >>> s = split_sections(text + "\\n\\t1\\n\\t化学药\\n")
    >>> s["一(二)"], s["附件#1"]
    ('（二）发展目标\\n到2027年', '\\t1\\n\\t化学药')
    """
    sections: dict[str, list[str]] = {"标题": []}
    current = "标题"
    chapter = ""
    in_annex = False
    row = ""
    block_start = False
    for line in plan_text.splitlines():
        if line.strip() == "附件":
            in_annex, current = True, "附件"
            sections.setdefault(current, []).append(line)
            continue
        if in_annex:
            cell = line.strip()
            if not cell:
                row, block_start = "", True
            elif block_start:
                row = f"附件#{cell}" if cell.isdigit() else ""
                block_start = False
            sections["附件"].append(line)
            if row:
                sections.setdefault(row, []).append(line)
            continue
        if m := _CHAPTER.match(line):
            chapter, current = m.group(1), m.group(1)
        elif chapter and (m := _SUBSECTION.match(line)):
            current = f"{chapter}({m.group(1)})"
        sections.setdefault(current, []).append(line)
    return {key: "\n".join(lines) for key, lines in sections.items()}


def section_of(quote: str, sections: dict[str, str]) -> list[str]:
    """Return the keys of the sections that contain ``quote`` (annex rows before ``附件``)."""
    return [k for k, text in sections.items() if quote in text and k != "附件"] or (
        ["附件"] if quote in sections.get("附件", "") else []
    )
