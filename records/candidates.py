"""招商目标企业清单 (三(二)): per chain, the enterprises to attract (链主, 头部 or 配套), the
focus direction each would fill, where each stands in the 招商 pipeline, its target park and
the department that owns it.

三(二): “分产业链编制可招引链主企业、头部企业和配套企业清单”.  A candidate is one enterprise
of one chain (a second write for the same chain and enterprise replaces it); the history of
its stage changes is read from the audit (:mod:`chainkg.records.history`).

>>> c = CandidateIn(subject="chain.pv", enterprise="某光伏公司", category="supplier",
...                 stage="in talks", source="招商台账")
>>> CANDIDATES.key(c), c.category, c.stage
('chain.pv|某光伏公司', '配套', '在谈')
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.directions import focus_of, id_problem
from chainkg.records.excel import Column, node_sheet
from chainkg.records.kinds import Problem, RecordIn, RecordKind, register
from chainkg.records.refs import reference_problem, resolved

Stage = Literal["线索", "在谈", "签约", "开工", "投产"]
STAGES: tuple[Stage, ...] = ("线索", "在谈", "签约", "开工", "投产")
"""The 招商 pipeline, in order."""
SIGNED: tuple[Stage, ...] = ("签约", "开工", "投产")
"""The stages at which a candidate counts as landed: it covers its direction (the gap view)."""
STAGE_EN: dict[str, str] = {
    "线索": "lead",
    "在谈": "in talks",
    "签约": "signed",
    "开工": "under construction",
    "投产": "in production",
}
Category = Literal["链主", "头部", "配套"]
CATEGORIES: tuple[Category, ...] = ("链主", "头部", "配套")
CATEGORY_EN: dict[str, str] = {
    "链主": "chain leader",
    "头部": "head enterprise",
    "配套": "supplier",
}
BASIS_SOURCE = "三(二)"
BASIS_QUOTE = "分产业链编制可招引链主企业、头部企业和配套企业清单"
"""The plan's sentence the candidate lists follow."""

_STAGE_WORDS = {
    **{s: s for s in STAGES},
    **{v: k for k, v in STAGE_EN.items()},
    "clue": "线索",
    "negotiating": "在谈",
    "under negotiation": "在谈",
    "洽谈": "在谈",
    "已签约": "签约",
    "construction": "开工",
    "started": "开工",
    "在建": "开工",
    "production": "投产",
    "operating": "投产",
    "已投产": "投产",
}
_CATEGORY_WORDS = {
    **{c: c for c in CATEGORIES},
    **{c + "企业": c for c in CATEGORIES},
    **{v: k for k, v in CATEGORY_EN.items()},
    "leader": "链主",
    "head": "头部",
    "leading": "头部",
    "supporting": "配套",
    "supporting enterprise": "配套",
}


def word(words: dict[str, str]) -> Any:
    """Return a validator that reads a value in any of its words (Chinese or English) as
    its canonical Chinese word."""

    def read(value: object) -> object:
        if isinstance(value, str):
            return words.get(value.strip().lower(), value.strip())
        return value

    return read


StageIn = Annotated[Stage, BeforeValidator(word(_STAGE_WORDS))]
CategoryIn = Annotated[Category, BeforeValidator(word(_CATEGORY_WORDS))]


def iso_date(value: str | None) -> str | None:
    """Return a date as ``YYYY-MM-DD`` (``2025-3-1`` and ``2025/03/01`` too), or None."""
    if value is None:
        return None
    text = value.strip().replace("/", "-").replace(".", "-")
    try:
        year, month, day = (int(p) for p in text.split("-"))
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError("must be a date, YYYY-MM-DD") from None


DateIn = Annotated[str | None, AfterValidator(iso_date)]
ChainSubject = Annotated[
    str, Field(min_length=1, max_length=200, description="The chain's id.", examples=["chain.pv"])
]
"""The subject of a record kept per chain (a candidate, a 卡脖子 item)."""


class CandidateIn(RecordIn):
    """One enterprise to attract for a chain: its kind (链主, 头部, 配套), the direction it
    would fill, its stage in the pipeline, target park and owner department."""

    subject: ChainSubject
    enterprise: str = Field(
        min_length=1,
        max_length=200,
        description="The enterprise's name (with the chain, what identifies the candidate).",
        examples=["某光伏组件企业"],
    )
    category: CategoryIn = Field(
        description="链主 (chain leader), 头部 (head enterprise) or 配套 (supplier).",
        examples=["链主"],
    )
    direction: str | None = Field(
        None,
        max_length=200,
        description="The focus direction or product it would fill: one of the chain's "
        "(an id like tech.perovskite_cell, or its name), or words of one's own.",
        examples=["tech.perovskite_cell"],
    )
    stage: StageIn = Field(
        description="线索 (lead), 在谈 (in talks), 签约 (signed), 开工 (under construction) or "
        "投产 (in production).",
        examples=["在谈"],
    )
    stage_date: DateIn = Field(
        None, description="When it reached the stage (YYYY-MM-DD).", examples=["2025-06-30"]
    )
    park: str | None = Field(
        None,
        max_length=100,
        description="The target park: an id or name (stored as the id).",
        examples=["park.hailing_new_energy_park"],
    )
    department: str | None = Field(
        None,
        max_length=100,
        description="The department that owns the candidate: an id or name (stored as the id).",
        examples=["dept.commerce"],
    )


def check_candidate(record: CandidateIn, subject: Node, plan: PlanGraph) -> list[Problem]:
    """Return what is wrong with a candidate: a direction id that is not the chain's, a park
    or department that is not one."""
    problems = id_problem(record.direction, focus_of(plan, subject.id), "direction")
    problems += reference_problem(plan, "Park", record.park, "park", "park")
    problems += reference_problem(plan, "Department", record.department, "department", "department")
    return problems


def normalize_candidate(record: CandidateIn, plan: PlanGraph) -> CandidateIn:
    """Return the candidate with its park and department given by id."""
    result: CandidateIn = resolved(record, plan, [("park", "Park"), ("department", "Department")])
    return result


CANDIDATES = register(
    RecordKind(
        name="candidate",
        plural="candidates",
        model=CandidateIn,
        subject_labels=("Chain",),
        key_fields=("subject", "enterprise"),
        check=check_candidate,
        about="招商目标企业清单: per chain, the enterprises to attract, their kind, the "
        "direction they fill and their stage (三(二)).",
        refers_to=("Technology", "Park", "Department"),
        normalize=normalize_candidate,
        history=("stage", "stage_date"),
    )
)

ENTRY_FIELDS = ("enterprise", "category", "direction", "stage", "stage_date", "park", "department")

CANDIDATE_SHEETS = (
    node_sheet(
        "candidates",
        "招商目标企业清单（三(二)）：每行一家企业；同一产业链可有多行（复制一行，改企业名）",
        "Chain",
        "产业链",
        (
            Column("enterprise", "企业名称（必填；与产业链一起确定一条记录）", "enterprise", 24),
            Column("category", "类别：链主、头部或配套", "category", 8),
            Column(
                "direction",
                "补链方向：该产业链的重点发展方向或产品（编号或名称），或自填",
                "direction",
                22,
            ),
            Column("stage", "阶段：线索、在谈、签约、开工或投产", "stage", 8),
            Column("stage_date", "进入该阶段的日期（YYYY-MM-DD，可空）", "stage_date", 12),
            Column("park", "目标园区（编号或名称，可空）", "park", 22),
            Column("department", "责任部门（编号或名称，可空）", "department", 18),
            Column("note", "备注（可空）", "note", 24),
            Column("source", "依据：引用的文件或台账（必填）", "source", 22, required=True),
        ),
        ENTRY_FIELDS,
    ),
)
"""The candidates workbook: the 30 chains, one row per candidate (one empty row per chain
without any, to copy)."""


def stage_rank(stage: str | None) -> int:
    """Return a stage's place in the pipeline (0 for 线索; -1 when unknown)."""
    return STAGES.index(stage) if stage in STAGES else -1  # type: ignore[arg-type,unused-ignore]
