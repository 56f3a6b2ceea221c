"""Write ``examples/demo-actuals-invented.xlsx``: INVENTED yearly actuals for the demo.

Every figure is made up (a fixed pattern around the plan's path, so the progress page shows
every status); every row's source says so. Nothing loads it unless asked:

    .venv/bin/chainkg actuals import examples/demo-actuals-invented.xlsx

Regenerate with ``.venv/bin/python -m tools.demo_actuals`` (the output is the same every time
except the workbook's own timestamps).
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.excel import write_template
from chainkg.records.progress import path_value

OUT = Path(__file__).resolve().parent.parent / "examples" / "demo-actuals-invented.xlsx"
SOURCE = "示例数据（虚构，非真实统计）/ invented demo data, not real statistics"
NOTE = "演示用 / demo only"
INDICATORS = {
    "ind.revenue_2027": 6420,
    "ind.rd_intensity_2027": 2.62,
    "ind.energy_intensity_reduction_2027": 2.1,
    "ind.green_manufacturing_demos_2027": 152,
    "ind.specialized_smes_2027": 930,
    "ind.digital_economy_share_2027": 12.8,
}


def chain_ratio(rank: int, year: int) -> float:
    """Return the invented actual as a share of the path: -6 % to +6 %, fixed per chain."""
    base = ((rank * 7) % 13 - 6) / 100
    return 1 + base + (((rank * 5) % 7 - 3) / 100 if year == 2026 else 0)


def build() -> bytes:
    """Return the demo workbook: the template of 2025, filled in, plus 2026 rows for chains."""
    store = EmbeddedStore.from_seed()
    book = load_workbook(io.BytesIO(write_template(ACTUALS, ACTUAL_SHEETS, store, 2025)))
    chains = book["chains"]
    header = [c.value for c in chains[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    extra = []
    for r in range(2, chains.max_row + 1):
        rank = r - 1
        figures = [
            chains.cell(r, col[k]).value for k in ("revenue_2024", "target_2027", "target_2030")
        ]
        for year in (2025, 2026):
            base, mid, end = (float(str(f)) for f in figures)
            value = round(path_value(base, mid, end, year) * chain_ratio(rank, year), 1)
            row = [chains.cell(r, c).value for c in range(1, len(header) + 1)]
            row[col["year"] - 1], row[col["value"] - 1] = year, value
            row[col["note"] - 1], row[col["source"] - 1] = NOTE, SOURCE
            if year == 2025:
                for c, v in enumerate(row, start=1):
                    chains.cell(r, c).value = v
            elif rank % 3:  # two chains in three have reported 2026 so far
                extra.append(row)
    for row in extra:
        chains.append(row)
    measures = book["measures"]
    mcol = {c.value: i + 1 for i, c in enumerate(measures[1])}
    for r in range(2, measures.max_row + 1):
        target = measures.cell(r, mcol["target"]).value
        period = str(measures.cell(r, mcol["period"]).value)
        share = 0.86 + ((r * 11) % 9) * 0.04 if period == "每年" else 0.55 + ((r * 3) % 5) * 0.1
        measures.cell(r, mcol["value"]).value = round(float(str(target)) * share)
        measures.cell(r, mcol["note"]).value = NOTE
        measures.cell(r, mcol["source"]).value = SOURCE
    indicators = book["indicators"]
    icol = {c.value: i + 1 for i, c in enumerate(indicators[1])}
    for r in range(2, indicators.max_row + 1):
        figure = INDICATORS.get(str(indicators.cell(r, icol["id"]).value))
        if figure is not None:
            indicators.cell(r, icol["value"]).value = figure
            indicators.cell(r, icol["note"]).value = NOTE
            indicators.cell(r, icol["source"]).value = SOURCE
    book.properties.title = "chainkg demo actuals: INVENTED figures (示例数据，虚构)"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(build())
    print(OUT)
