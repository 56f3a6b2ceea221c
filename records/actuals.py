"""Yearly actuals: what a chain, a measure's target or an indicator reached in a year.

>>> ACTUALS.key(ActualIn(subject="chain.pv", year=2025, value=250, source="统计快报"))
'chain.pv|2025'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import Field, PlainValidator, StrictInt, WithJsonSchema

from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.excel import Column, Sheet
from chainkg.records.kinds import Problem, RecordIn, RecordKind, register

FIRST_YEAR = 2024
"""The plan's base year: the first year an actual may be for."""
LAST_YEAR = 2030
"""The plan's horizon: the last year an actual may be for."""


def default_year() -> int:
    """Return the year a new template is for: last year, within the plan's years."""
    return min(max(datetime.now(UTC).year - 1, FIRST_YEAR), LAST_YEAR)


SUBJECT_LABELS = ("Chain", "Measure", "Target", "Indicator")


def _number(value: object) -> int | float:
    """Return a JSON number as given (``250`` stays an int); reject anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
"""A finite number, kept as given: ``250`` stays an int, ``177.6`` a float."""


class ActualIn(RecordIn):
    """One yearly actual: the subject's figure for a year, in the unit of its target
    (亿元 for a chain; the target's or indicator's unit otherwise)."""

    subject: str = Field(
        min_length=1,
        max_length=200,
        description="A chain, measure, target or indicator id (chain.pv, target.… ).",
        examples=["chain.pv"],
    )
    year: StrictInt = Field(ge=FIRST_YEAR, le=LAST_YEAR, examples=[2025])
    value: Number = Field(
        description="The figure reached, in the target's unit (亿元 for a chain).", examples=[250]
    )


def targets_of(graph: PlanGraph, measure: str) -> list[str]:
    """Return the ids of a measure's targets, sorted."""
    return sorted(e.target for e in graph.edges if e.source == measure and e.type == "HAS_TARGET")


def check_actual(record: ActualIn, subject: Node, graph: PlanGraph) -> list[Problem]:
    """Return what is wrong with an actual for its subject: a negative figure (allowed only for
    an indicator of a fall, 下降), a percentage over 100."""
    problems: list[Problem] = []
    props = subject.props
    falling = subject.label == "Indicator" and props.get("comparison") == "下降"
    if record.value < 0 and not falling:
        problems.append(("value", "must not be negative"))
    if props.get("unit") == "%" and abs(record.value) > 100:
        problems.append(("value", "is a percentage: at most 100"))
    return problems


ACTUALS = register(
    RecordKind(
        name="actual",
        plural="actuals",
        model=ActualIn,
        subject_labels=SUBJECT_LABELS,
        key_fields=("subject", "year"),
        check=check_actual,
        about="Yearly actuals of chains, measures' targets and indicators.",
    )
)


# ---------------------------------------------------------------- the Excel workbook


def by_rank(graph: PlanGraph, label: str) -> list[Node]:
    nodes = [n for n in graph.nodes.values() if n.label == label]
    return sorted(nodes, key=lambda n: (_int(n.props.get("rank")), n.id))


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def linked(graph: PlanGraph, node: str, rel_type: str, *, incoming: bool = False) -> Node | None:
    for e in graph.edges:
        if e.type == rel_type and (e.target if incoming else e.source) == node:
            return graph.nodes.get(e.source if incoming else e.target)
    return None


def chain_rows(graph: PlanGraph) -> list[dict[str, Any]]:
    rows = []
    for chain in by_rank(graph, "Chain"):
        group = linked(graph, chain.id, "IN_GROUP")
        rows.append(
            {
                "id": chain.id,
                "name": chain.props["name"],
                "name_en": chain.props["name_en"],
                "group": group.props["name"] if group else None,
                "revenue_2024": chain.props.get("revenue_2024"),
                "target_2027": chain.props.get("target_2027"),
                "target_2030": chain.props.get("target_2030"),
                "unit": "亿元",
            }
        )
    return rows


def _target_rows(graph: PlanGraph) -> list[dict[str, Any]]:
    rows = []
    for action in by_rank(graph, "Action"):
        measures = [
            graph.nodes[e.target]
            for e in graph.edges
            if e.type == "HAS_MEASURE" and e.source == action.id
        ]
        for measure in sorted(measures, key=lambda m: (_int(m.props.get("rank")), m.id)):
            for target_id in targets_of(graph, measure.id):
                target = graph.nodes[target_id]
                rows.append(
                    {
                        "id": target.id,
                        "name": target.props["name"],
                        "measure": measure.id,
                        "measure_name": measure.props["name"],
                        "action": action.props["name"],
                        "unit": target.props.get("unit"),
                        "target": target.props.get("value"),
                        "period": target.props.get("period"),
                    }
                )
    return rows


def _indicator_rows(graph: PlanGraph) -> list[dict[str, Any]]:
    indicators = [n for n in graph.nodes.values() if n.label == "Indicator"]
    rows = []
    for ind in sorted(indicators, key=lambda n: (_int(n.props.get("year")), n.id)):
        scope = linked(graph, ind.id, "GOAL_OF")
        rows.append(
            {
                "id": ind.id,
                "name": ind.props["name"],
                "scope": scope.props["name"] if scope else None,
                "unit": ind.props.get("unit"),
                "target": ind.props.get("value"),
                "target_year": ind.props.get("year"),
                "comparison": ind.props.get("comparison"),
            }
        )
    return rows


ENTRY_COLUMNS = (
    Column("year", f"年份（{FIRST_YEAR}–{LAST_YEAR}）", "year", 8, required=True, numeric="int"),
    Column(
        "value",
        "实际值（单位见 unit 列）；空白的行不导入",
        "value",
        12,
        required=True,
        numeric="number",
    ),
    Column("note", "备注（可空）", "note", 24),
    Column(
        "source", "数据出处：引用的文件（必填，如“2025年统计快报”）", "source", 28, required=True
    ),
)
"""The columns staff fill in, on every sheet."""


def subject_sheet(
    name: str, zh: str, id_zh: str, columns: tuple[Column, ...], rows: Callable[..., Any]
) -> Sheet:
    """Return a sheet of subjects: their id first, reference columns, then the entry columns."""
    subject = Column("id", f"{id_zh}编号（不要修改）", "subject", 30, required=True)
    return Sheet(name, zh, (subject, *columns, *ENTRY_COLUMNS), rows)


ACTUAL_SHEETS = (
    subject_sheet(
        "chains",
        "30条重点产业链的年度销售收入（亿元），与附件的2024年基数和2027、2030年目标对照",
        "产业链",
        (
            Column("name", "产业链", width=22),
            Column("name_en", "英文名", width=26),
            Column("group", "产业", width=12),
            Column("revenue_2024", "2024年销售收入（亿元）", width=12),
            Column("target_2027", "2027年目标（亿元）", width=12),
            Column("target_2030", "2030年目标（亿元）", width=12),
            Column("unit", "单位", width=8),
        ),
        chain_rows,
    ),
    subject_sheet(
        "measures",
        "五大行动中各项举措的量化目标：每年或到2027年的完成数",
        "目标",
        (
            Column("name", "目标", width=30),
            Column("measure", "举措编号", width=22),
            Column("measure_name", "举措", width=20),
            Column("action", "行动", width=18),
            Column("unit", "单位", width=6),
            Column("target", "目标值", width=8),
            Column("period", "期限（每年 / 2027）", width=8),
        ),
        _target_rows,
    ),
    subject_sheet(
        "indicators",
        "发展目标（指标）：达到的水平",
        "指标",
        (
            Column("name", "指标", width=36),
            Column("scope", "范围", width=14),
            Column("unit", "单位", width=6),
            Column("target", "目标值", width=8),
            Column("target_year", "目标年份", width=8),
            Column("comparison", "比较（达、以上、左右、下降…）", width=10),
        ),
        _indicator_rows,
    ),
)
"""The actuals workbook: chains first, then the measures' targets and the indicators."""
