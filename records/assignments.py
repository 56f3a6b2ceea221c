"""挂钩 assignments (四(一)): for a chain, park, project or enterprise, the city leader who
is linked to it (挂钩市领导), the department that leads it (牵头部门) and the task force that
serves it (专班).

四(一): “实施市领导挂钩联系重点产业链、重点园区、重大项目、重点企业制度，构建‘一名市领导挂钩、
一个部门牵头、一张图谱指引、一套方案实施、一个专班服务’工作机制”.  One assignment per subject
(a second write replaces it); a part not known yet is left empty.

>>> a = AssignmentIn(subject="chain.pv", leader="张三", leader_title="副市长", source="文件")
>>> ASSIGNMENTS.key(a), ASSIGNMENTS.fields(a)["leader"]
('chain.pv', '张三')
"""

from __future__ import annotations

from pydantic import Field

from chainkg.graph_loader.graph import Node, PlanGraph
from chainkg.records.excel import Column, Sheet, node_sheet
from chainkg.records.kinds import Problem, RecordIn, RecordKind, register
from chainkg.records.refs import reference_problem, resolved

SUBJECT_LABELS = ("Chain", "Park", "Project", "Enterprise")
BASIS_SOURCE = "四(一)"
BASIS_QUOTE = "一名市领导挂钩、一个部门牵头、一张图谱指引、一套方案实施、一个专班服务"
"""The plan's sentence the assignments record (cited by the answers built on them)."""
PARTS = ("leader", "leader_title", "department", "task_force", "task_force_contact")
"""The assignment's own fields (what a row of the workbook fills in)."""


class AssignmentIn(RecordIn):
    """The 挂钩 assignment of one chain, park, project or enterprise: its city leader, lead
    department and task force (at least one of the three)."""

    subject: str = Field(
        min_length=1,
        max_length=200,
        description="A chain, park, project or enterprise id.",
        examples=["chain.pv"],
    )
    leader: str | None = Field(
        None, max_length=50, description="挂钩市领导: the city leader's name.", examples=["张三"]
    )
    leader_title: str | None = Field(
        None, max_length=100, description="The leader's title (副市长 …).", examples=["副市长"]
    )
    department: str | None = Field(
        None,
        max_length=100,
        description="牵头部门: a department id or name (stored as the id).",
        examples=["dept.miit"],
    )
    task_force: str | None = Field(
        None, max_length=100, description="专班: the task force's name.", examples=["光伏产业专班"]
    )
    task_force_contact: str | None = Field(
        None,
        max_length=200,
        description="How to reach the task force (person, phone, mail).",
        examples=["李四 0523-86000000"],
    )


def check_assignment(record: AssignmentIn, subject: Node, plan: PlanGraph) -> list[Problem]:
    """Return what is wrong with an assignment: none of its three parts, a title without a
    leader, a contact without a task force, a department that is not one."""
    problems: list[Problem] = []
    if not (record.leader or record.department or record.task_force):
        problems.append(("leader", "give a leader, a lead department or a task force"))
    if record.leader_title and not record.leader:
        problems.append(("leader", "a title is given: give the leader's name too"))
    if record.task_force_contact and not record.task_force:
        problems.append(("task_force", "a contact is given: give the task force's name too"))
    problems += reference_problem(plan, "Department", record.department, "department", "department")
    return problems


def normalize_assignment(record: AssignmentIn, plan: PlanGraph) -> AssignmentIn:
    """Return the assignment with its department given by id."""
    result: AssignmentIn = resolved(record, plan, [("department", "Department")])
    return result


ASSIGNMENTS = register(
    RecordKind(
        name="assignment",
        plural="assignments",
        model=AssignmentIn,
        subject_labels=SUBJECT_LABELS,
        key_fields=("subject",),
        check=check_assignment,
        about="挂钩 assignments: the city leader, lead department and task force of a chain, "
        "park, project or enterprise (四(一)).",
        refers_to=("Department",),
        normalize=normalize_assignment,
    )
)

ENTRY_COLUMNS = (
    Column("leader", "挂钩市领导姓名", "leader", 10),
    Column("leader_title", "挂钩市领导职务（如 副市长）", "leader_title", 12),
    Column(
        "department", "牵头部门：部门编号或名称（如 dept.miit、市工业和信息化局）", "department", 22
    ),
    Column("task_force", "服务专班名称", "task_force", 20),
    Column("task_force_contact", "专班联系人及方式", "task_force_contact", 22),
    Column("note", "备注（可空）", "note", 20),
    Column(
        "source", "依据：引用的文件（必填，如 市政府办公室通知文号）", "source", 26, required=True
    ),
)
"""What staff fill in, on every sheet."""


def _sheet(name: str, zh: str, label: str, id_zh: str) -> Sheet:
    return node_sheet(name, zh, label, id_zh, ENTRY_COLUMNS, PARTS, english=True)


ASSIGNMENT_SHEETS = (
    _sheet("chains", "重点产业链的挂钩市领导、牵头部门和服务专班（四(一)）", "Chain", "产业链"),
    _sheet("parks", "重点园区的挂钩市领导、牵头部门和服务专班", "Park", "园区"),
    _sheet("projects", "重大项目的挂钩市领导、牵头部门和服务专班", "Project", "项目"),
    _sheet("enterprises", "重点企业的挂钩市领导、牵头部门和服务专班", "Enterprise", "企业"),
)
"""The assignments workbook: one sheet per kind of subject, in the plan's order."""
