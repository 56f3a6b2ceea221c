"""Annotated parameter aliases shared by the routers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path

MAX_ID = 200


def id_path(description: str, example: str) -> Any:
    """Return the path parameter of a node id (1 to :data:`MAX_ID` characters)."""
    return Path(min_length=1, max_length=MAX_ID, description=description, examples=[example])


NodeId = Annotated[str, id_path("A node id, e.g. chain.pv.", "chain.pv")]
ChainId = Annotated[str, id_path("A chain id.", "chain.pv")]
ParkId = Annotated[str, id_path("A park id.", "park.taixing_edz")]
GroupId = Annotated[str, id_path("A group id.", "group.health")]
EnterpriseId = Annotated[str, id_path("An enterprise id.", "ent.great_wall_motor")]
ProjectId = Annotated[str, id_path("A project id.", "proj.great_wall_taizhou_base")]
TechnologyId = Annotated[str, id_path("A technology id.", "tech.perovskite_cell")]
ActionId = Annotated[str, id_path("An action id.", "action.innovation")]
DepartmentId = Annotated[str, id_path("A department id.", "dept.miit")]
