"""Problems of the write path: records or a workbook that cannot be written (422, nothing
written), and an upload that is too large (413)."""

from __future__ import annotations

from chainkg.api.errors import InvalidParameterError, ProblemError
from chainkg.records.excel import CellError
from chainkg.records.validate import ItemError


class RecordsProblem(ProblemError):
    """Records that cannot be written: each names its index and field; nothing was written."""

    status = 422
    title = InvalidParameterError.title
    type = InvalidParameterError.type

    @classmethod
    def of_records(cls, errors: list[ItemError]) -> RecordsProblem:
        """Return the problem of records sent as JSON (``records.3.year``)."""
        params = [
            {"name": f"records.{e.index}.{e.field}", "in": "body", "reason": e.reason}
            for e in errors
        ]
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
        return cls(f"nothing was written: {detail}", invalid_params=params)

    @classmethod
    def of_workbook(cls, errors: list[CellError]) -> RecordsProblem:
        """Return the problem of a workbook: each error with its sheet, row and column."""
        params = [{"name": e.cell or "file", "in": "body", "reason": str(e)} for e in errors]
        cells = [
            {"sheet": e.sheet, "row": e.row, "column": e.column, "cell": e.cell, "reason": e.reason}
            for e in errors
        ]
        detail = "; ".join(str(e) for e in errors[:20]) + (" …" if len(errors) > 20 else "")
        return cls(f"nothing was written: {detail}", invalid_params=params, errors=cells)


class TooLargeError(ProblemError):
    """An upload over the size limit."""

    status = 413
    title = "Content too large"
    type = "urn:chainkg:problem:too-large"
