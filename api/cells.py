"""Spreadsheet cells that cannot run: formula-injection neutralisation for CSV and Excel.

Excel, LibreOffice Calc and Google Sheets treat a cell whose text starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula, so a quote in the plan
(or anything staff type) could run when a 清单 is opened.  As the OWASP CSV-injection
guidance recommends, such a cell gets a leading single quote, which the spreadsheet reads
as "this is text" and does not show.  Use it on every text cell of every spreadsheet we
write (the CSV export, Excel lists); JSON and GraphML are not spreadsheets and are left
as they are.

>>> [spreadsheet_safe(v) for v in ("=1+1", "+86", "-", "@SUM(A1)", "\\tx", "光伏", 3, None)]
["'=1+1", "'+86", "'-", "'@SUM(A1)", "'\\tx", '光伏', 3, None]
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

V = TypeVar("V")


def spreadsheet_safe(value: V) -> V | str:
    """Return ``value`` with a leading ``'`` when it is text a spreadsheet would run.

    Anything that is not a string (numbers, None) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
