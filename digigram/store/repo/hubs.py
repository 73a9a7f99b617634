"""Regions and hubs rows: the region list, the hub list, adding a hub, a typed name's hub; never commits."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
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


def hub_ids_for_names(session: Session, names: Iterable[str]) -> dict[str, str]:
    """hub_id_for_name for many names at once: one query per 500 names, the missing hubs added together."""
    wanted = sorted({name for name in names if name})
    chosen: dict[str, tuple[bool, str]] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(select(HubRow.name, HubRow.region_id, HubRow.id)
                               .where(HubRow.name.in_(wanted[start:start + 500])))
        for name, region_id, hub_id in rows:
            rank = (region_id is None, hub_id)  # the order hub_id_for_name takes: in a region first
            if name not in chosen or rank < chosen[name]:
                chosen[name] = rank
    found = {name: rank[1] for name, rank in chosen.items()}
    missing = {name: new_id() for name in wanted if name not in found}
    if missing:
        session.execute(insert(HubRow), [{"id": hub_id, "name": name, "region_id": None}
                                         for name, hub_id in missing.items()])
        found.update(missing)
    return found
