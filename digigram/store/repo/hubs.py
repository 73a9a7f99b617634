"""Regions and hubs rows: the region list, the hub list, adding a hub, a typed name's hub; never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from digigram.core.regions import Hub, Region
from digigram.store.models import HubRow, RegionRow, new_id


def regions(session: Session) -> list[Region]:
    rows = session.execute(select(RegionRow).order_by(RegionRow.id)).scalars()
    return [Region(r.id, r.name_uk, r.name_en) for r in rows]


def hubs(session: Session) -> list[Hub]:
    rows = session.execute(select(HubRow).order_by(HubRow.name, HubRow.id)).scalars()
    return [Hub(r.id, r.name, r.region_id) for r in rows]


def region_exists(session: Session, region_id: str) -> bool:
    return session.get(RegionRow, region_id) is not None


def find_hub(session: Session, name: str, region_id: str | None) -> Hub | None:
    row = session.execute(select(HubRow).where(HubRow.name == name, HubRow.region_id.is_(None)
                                               if region_id is None else HubRow.region_id == region_id)
                          .order_by(HubRow.id).limit(1)).scalar_one_or_none()
    return None if row is None else Hub(row.id, row.name, row.region_id)


def add_hub(session: Session, *, name: str, region_id: str | None) -> Hub:
    row = HubRow(id=new_id(), name=name, region_id=region_id)
    session.add(row)
    session.flush()
    return Hub(row.id, row.name, row.region_id)


def hub_id_for_name(session: Session, name: str) -> str | None:
    """The hub a typed name stands for: one with that name (in a region first), else a new one without
    a region; None for no name. Keeps people entered by name linked to a hub row."""
    if not name:
        return None
    row = session.execute(select(HubRow.id).where(HubRow.name == name)
                          .order_by(HubRow.region_id.is_(None), HubRow.id).limit(1)).scalar_one_or_none()
    return row if row is not None else add_hub(session, name=name, region_id=None).id
