"""卡脖子技术清单 (三(一)): per chain, the technologies that hold it back, each with a
description, the focus direction it belongs to, and where the effort to break it stands.

三(一): “梳理编制重点产业链‘卡脖子’技术清单”.  An item is identified by its chain and its
name (a second write replaces it).

>>> item = ChokepointIn(subject="chain.pv", item="钙钛矿叠层稳定性", status="in progress",
...                     source="科技局梳理")
>>> CHOKEPOINTS.key(item), item.status
('chain.pv|钙钛矿叠层稳定性', '攻关中')
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.candidates import ChainSubject, word
from chainkg.records.directions import focus_of, id_problem
from chainkg.records.excel import Column, node_sheet
from chainkg.records.kinds import Problem, RecordIn, RecordKind, register

Status = Literal["待攻关", "攻关中", "已突破"]
STATUSES: tuple[Status, ...] = ("待攻关", "攻关中", "已突破")
STATUS_EN = {"待攻关": "open", "攻关中": "in progress", "已突破": "broken through"}
BASIS_SOURCE = "三(一)"
BASIS_QUOTE = "梳理编制重点产业链“卡脖子”技术清单"
_STATUS_WORDS = {
    **{s: s for s in STATUSES},
    **{v: k for k, v in STATUS_EN.items()},
    "to tackle": "待攻关",
    "tackling": "攻关中",
    "under way": "攻关中",
    "solved": "已突破",
    "done": "已突破",
    "突破": "已突破",
}
StatusIn = Annotated[Status, BeforeValidator(word(_STATUS_WORDS))]


class ChokepointIn(RecordIn):
    """One 卡脖子 technology of a chain: what it is, the direction it belongs to, its status."""

    subject: ChainSubject
    item: str = Field(
        min_length=1,
        max_length=200,
        description="The technology (with the chain, what identifies the item).",
        examples=["钙钛矿叠层电池稳定性"],
    )
    description: str | None = Field(
        None, max_length=2000, description="What holds the chain back, and why."
    )
    direction: str | None = Field(
        None,
        max_length=200,
        description="The chain's focus direction it belongs to (an id or name), or words of "
        "one's own.",
        examples=["tech.perovskite_cell"],
    )
    status: StatusIn = Field(
        description="待攻关 (open), 攻关中 (in progress) or 已突破 (broken through).",
        examples=["攻关中"],
    )


def check_chokepoint(record: ChokepointIn, subject: Node, plan: PlanGraph) -> list[Problem]:
    """Return what is wrong with an item: a direction id that is not the chain's."""
    return id_problem(record.direction, focus_of(plan, subject.id), "direction")


CHOKEPOINTS = register(
    RecordKind(
        name="chokepoint",
        plural="chokepoints",
        model=ChokepointIn,
        subject_labels=("Chain",),
        key_fields=("subject", "item"),
        check=check_chokepoint,
        about="卡脖子技术清单: per chain, the technologies that hold it back (三(一)).",
        refers_to=("Technology",),
        history=("status",),
    )
)

CHOKEPOINT_SHEETS = (
    node_sheet(
        "chokepoints",
        "卡脖子技术清单（三(一)）：每行一项技术；同一产业链可有多行",
        "Chain",
        "产业链",
        (
            Column("item", "卡脖子技术（必填；与产业链一起确定一条记录）", "item", 26),
            Column("description", "说明：卡在哪里、为什么", "description", 36),
            Column("direction", "所属重点发展方向（编号或名称，可空）", "direction", 22),
            Column("status", "状态：待攻关、攻关中或已突破", "status", 10),
            Column("note", "备注（可空）", "note", 20),
            Column("source", "依据：引用的文件（必填）", "source", 22, required=True),
        ),
        ("item", "description", "direction", "status"),
    ),
)
"""The 卡脖子 workbook: the 30 chains, one row per item."""
