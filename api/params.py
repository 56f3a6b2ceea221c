"""Annotated parameter aliases shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 200

NodeId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID,
        description="A node id, e.g. chain.pv.",
        examples=["chain.pv"],
    ),
]
ChainId = Annotated[
    str, Path(min_length=1, max_length=MAX_ID, description="A chain id.", examples=["chain.pv"])
]
ParkId = Annotated[
    str,
    Path(min_length=1, max_length=MAX_ID, description="A park id.", examples=["park.taixing_edz"]),
]
GroupId = Annotated[
    str, Path(min_length=1, max_length=MAX_ID, description="A group id.", examples=["group.health"])
]
EnterpriseId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID,
        description="An enterprise id.",
        examples=["ent.great_wall_motor"],
    ),
]
ProjectId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID,
        description="A project id.",
        examples=["proj.great_wall_taizhou_base"],
    ),
]
TechnologyId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID,
        description="A technology id.",
        examples=["tech.perovskite_cell"],
    ),
]
ActionId = Annotated[
    str,
    Path(
        min_length=1, max_length=MAX_ID, description="An action id.", examples=["action.innovation"]
    ),
]
DepartmentId = Annotated[
    str,
    Path(min_length=1, max_length=MAX_ID, description="A department id.", examples=["dept.miit"]),
]
