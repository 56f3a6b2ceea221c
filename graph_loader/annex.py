"""Parsing the plan's annex table straight from the plan text.

The validator compares the seed with what the annex prints, so the table is
read from the source document rather than trusted from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Number = int | float


def number(cell: str) -> Number:
    """Return the printed figure as int or float, exactly as printed.

    >>> number("177.6"), number("32")
    (177.6, 32)
    """
    return float(cell) if "." in cell else int(cell)


@dataclass(frozen=True)
class AnnexRow:
    """One chain row of the annex."""

    rank: int
    name: str
    revenue_2024: Number
    target_2027: Number
    target_2030: Number
    directions: str
    group_header: str


@dataclass
class Annex:
    """The annex table: chain rows, the 合计 row and the 规上工业 row."""

    rows: list[AnnexRow] = field(default_factory=list)
    totals: dict[str, tuple[Number, Number, Number]] = field(default_factory=dict)
    group_headers: list[str] = field(default_factory=list)


def parse_annex(plan_text: str) -> Annex:
    """Return the annex table of ``plan_text`` (empty when the text has no annex).

    >>> cells = ["22", "光伏", "304", "352", "407", "做大"]
    >>> text = "附件\\n\\t新能源\\n\\n" + "".join(f"\\t{c}\\n" for c in cells)
    >>> parse_annex(text).rows[0].target_2027
    352
    """
    lines = plan_text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "附件")
    except StopIteration:
        return Annex()
    blocks: list[list[str]] = [[]]
    for line in lines[start + 1 :]:
        if line.startswith("\t"):
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    annex = Annex()
    header = ""
    for cells in (b for b in blocks if b):
        if len(cells) == 1:
            header = cells[0]
            annex.group_headers.append(header)
        elif cells[0].isdigit() and len(cells) >= 6:
            revenue, target_2027, target_2030 = (number(c) for c in cells[2:5])
            annex.rows.append(
                AnnexRow(
                    int(cells[0]),
                    cells[1],
                    revenue,
                    target_2027,
                    target_2030,
                    cells[5],
                    group_header=header,
                )
            )
        elif len(cells) >= 4 and cells[0] != "序号":
            a, b, c = (number(x) for x in cells[1:4])
            annex.totals[cells[0]] = (a, b, c)
    return annex
