"""Regions and hubs rows: the region list, the hub list, adding a hub or giving it a region; never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from digigram.core.regions import Hub, Region
from digigram.store.clock import now as clock_now
from digigram.store.models import HubRow, PersonRow, RegionRow, new_id
from digigram.store.repo import insert_if_new


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


def add_hub(session: Session, *, name: str, region_id: str | None, hub_id: str | None = None,
            region_set_at: datetime | None = None) -> Hub | None:
    """A new hub row; None when the region (or, with no region, the no-region list) has that name already.
    `region_set_at`: when its region was chosen (now, for a coordinator's new hub; a bundle's date).

    INSERT … ON CONFLICT DO NOTHING against the unique (region, name) constraint and, for hubs without
    a region, the partial unique index of revision 0006: two processes adding the same hub at once end
    with one row, the later one waiting for the first to commit instead of failing or doubling it.
    """
    new = hub_id or new_id()
    table: Any = HubRow.__table__
    if not insert_if_new(session, table, table.c.id, id=new, name=name, region_id=region_id,
                         region_set_at=region_set_at if region_id is not None else None):
        return None
    return Hub(new, name, region_id)


def hub_id_for_name(session: Session, name: str) -> str | None:
    """The hub a typed name stands for: one with that name (in a region first), else a new one without
    a region; None for no name. Keeps people entered by name linked to a hub row."""
    if not name:
        return None
    row = session.execute(select(HubRow.id).where(HubRow.name == name)
                          .order_by(HubRow.region_id.is_(None), HubRow.id).limit(1)).scalar_one_or_none()
    if row is not None:
        return row
    added = add_hub(session, name=name, region_id=None)
    if added is not None:
        return added.id
    found = find_hub(session, name, None)  # another process added it between the look and the insert
    assert found is not None
    return found.id


def hub(session: Session, hub_id: str) -> Hub | None:
    row = session.get(HubRow, hub_id)
    return None if row is None else Hub(row.id, row.name, row.region_id)


def hubs_named(session: Session, name: str) -> list[Hub]:
    rows = session.execute(select(HubRow).where(HubRow.name == name).order_by(HubRow.region_id, HubRow.id))
    return [Hub(r.id, r.name, r.region_id) for r in rows.scalars()]


def resolve(session: Session, name: str, region_id: str | None, at: datetime | None = None) -> str:
    """The id of the hub a bundle's person names by (name, region), added when this database lacks it.

    A hub's id is this database's own; what travels between databases is its name and region, which the
    unique constraints make a key. A record without a region (an older bundle) goes by name alone.
    `at` is when the bundle's computer chose that region: the hub keeps the latest such date it was
    given, which is what an older bundle's region is later measured against (see `takes_region`).
    """
    if region_id is None:
        found = hub_id_for_name(session, name)
        assert found is not None
        return found
    def look() -> Any:
        return session.execute(select(HubRow.id, HubRow.region_set_at).where(
            HubRow.name == name, HubRow.region_id == region_id)).first()

    found = look()
    if found is None:
        added = add_hub(session, name=name, region_id=region_id, region_set_at=at)
        if added is not None:
            return added.id
        found = look()  # another process added it between the look and the insert
    assert found is not None
    hub_id, known = found
    if at is not None and (known is None or known < at):
        # Only then an UPDATE (the usual sync of the same hub writes nothing to it); the condition is
        # repeated in SQL so that of two imports at once the later date stays.
        session.execute(update(HubRow).where(
            HubRow.id == hub_id, or_(HubRow.region_set_at.is_(None), HubRow.region_set_at < at))
            .values(region_set_at=at))
    return str(hub_id)


@dataclass(frozen=True)
class PersonHub:
    """A stored person's hub as a bundle's region correction is judged against."""

    hub_id: str
    name: str
    region_id: str | None
    region_set_at: datetime | None


def people_hubs(session: Session, person_ids: Iterable[str]) -> dict[str, PersonHub]:
    """The hubs of those of `person_ids` that are stored with one, by person id."""
    ids = sorted(set(person_ids))
    found: dict[str, PersonHub] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(PersonRow.id, HubRow.id, HubRow.name, HubRow.region_id, HubRow.region_set_at)
            .join(HubRow, HubRow.id == PersonRow.hub_id).where(PersonRow.id.in_(ids[start:start + 500])))
        for pid, hub_id, name, region_id, region_set_at in rows:
            found[pid] = PersonHub(hub_id, name, region_id, region_set_at)
    return found


def move_people(session: Session, person_ids: Iterable[str], *, source: str, target: str) -> int:
    """People of hub `source` moved to hub `target`; those no longer in `source` stay where they are
    (another import or a coordinator moved them meanwhile). Returns how many moved."""
    ids = sorted(set(person_ids))
    moved = 0
    for start in range(0, len(ids), 500):
        result: Any = session.execute(update(PersonRow).where(
            PersonRow.id.in_(ids[start:start + 500]), PersonRow.hub_id == source).values(hub_id=target))
        moved += max(int(result.rowcount), 0)
    return moved


def set_region(session: Session, hub_id: str, region_id: str) -> bool:
    """Give the hub a region (or another one); False, with nothing changed, when the region already has a
    hub of that name.

    The unique (region, name) constraint decides, not the look beforehand: a second coordinator giving a
    same-named hub that region at the same moment waits for the first to commit, then hits the
    constraint. The UPDATE runs in a savepoint so that refusal leaves the caller's transaction usable.
    """
    try:
        with session.begin_nested():
            session.execute(update(HubRow).where(HubRow.id == hub_id).values(region_id=region_id,
                                                                             region_set_at=clock_now()))
    except IntegrityError:
        return False
    session.expire_all()  # rows loaded before the UPDATE show the new region
    return True
