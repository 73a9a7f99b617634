"""People rows: add, find, list and delete people; PIN hashes and consent; never commits."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session, sessionmaker

from digigram.core.names import name_key
from digigram.core.records import Person
from digigram.store import light
from digigram.store.clock import aware, now
from digigram.store.db import transaction
from digigram.store.models import HubRow, PersonRow, new_id
from digigram.store.repo.hubs import hub_id_for_name


def _person(row: PersonRow) -> Person:
    created = aware(row.created_at)
    assert created is not None
    return Person(
        id=row.id,
        name=row.name,
        hub=row.hub,
        profile_id=row.profile_id,
        has_pin=row.pin_hash is not None,
        consent_at=aware(row.consent_at),
        created_at=created,
        group=row.group_tag,
        hub_id=row.hub_id,
    )


def add_person(
    session: Session,
    *,
    name: str,
    hub: str = "",
    profile_id: str | None = None,
    pin_hash: str | None = None,
    consent_at: datetime | None = None,
    group: str = "",
    hub_id: str | None = None,
) -> Person:
    """With `hub_id` the person joins that hub row (its name is kept as `hub` too); else a typed `hub`
    name is linked to the hub of that name (hub_id_for_name)."""
    if hub_id is not None:
        hub = session.get_one(HubRow, hub_id).name
    else:
        hub_id = hub_id_for_name(session, hub)
    row = PersonRow(
        id=new_id(), name=name, sort_name=name_key(name), hub=hub, sort_hub=name_key(hub), hub_id=hub_id,
        profile_id=profile_id, pin_hash=pin_hash,
        consent_at=None if consent_at is None else consent_at.astimezone(UTC).replace(tzinfo=None),
        created_at=now(), group_tag=group, sort_group=name_key(group),
    )
    session.add(row)
    session.flush()
    return _person(row)


def get_person(session: Session, person_id: str) -> Person | None:
    row = session.get(PersonRow, person_id)
    return None if row is None else _person(row)


def find_person(session: Session, name: str) -> Person | None:
    """The person with exactly this name (ignoring surrounding spaces), the earliest if several."""
    stmt = select(PersonRow).where(PersonRow.name == name.strip()).order_by(PersonRow.created_at)
    row = session.scalars(stmt).first()
    return None if row is None else _person(row)


def list_people(session: Session) -> list[Person]:
    # Columns, not ORM objects: a coordinator's PC may hold a whole region (25,000 people), and building
    # an identity-mapped row per person took most of the home screen's half second.
    # Names by code point after their key, as Python compares them, whatever PostgreSQL's collation.
    name = PersonRow.name.collate("C") if session.get_bind().dialect.name == "postgresql" else PersonRow.name
    rows = session.execute(select(
        PersonRow.id, PersonRow.name, PersonRow.hub, PersonRow.profile_id, PersonRow.pin_hash.is_not(None),
        PersonRow.consent_at, PersonRow.created_at, PersonRow.group_tag, PersonRow.hub_id,
        PersonRow.sort_name,
    ).order_by(PersonRow.sort_name, name, PersonRow.created_at))
    return light.people_of(rows, aware)


def anyone_with_pin(session: Session) -> bool:
    found = session.execute(select(PersonRow.id).where(PersonRow.pin_hash.is_not(None)).limit(1)).first()
    return found is not None


def pin_hash(session: Session, person_id: str) -> str | None:
    row = session.get(PersonRow, person_id)
    return None if row is None else row.pin_hash


def set_consent(session: Session, person_id: str, when: datetime | None) -> None:
    row = session.get_one(PersonRow, person_id)
    row.consent_at = None if when is None else when.astimezone(UTC).replace(tzinfo=None)


def person_name(session: Session, person_id: str) -> str | None:
    return session.scalar(select(PersonRow.name).where(PersonRow.id == person_id))


def delete_person(
    engine: Engine, sessions: sessionmaker[Session], person_id: str, *, db_path: Path | None
) -> bool:
    """Delete the person and everything hanging off them, overwriting the freed bytes.

    Attempts, answers, area results, plans and plan steps go by ON DELETE CASCADE. With
    secure_delete the freed space is zeroed; the log is then checkpointed into the file and
    truncated. Older copies of the name can survive in page space freed earlier without zeroing,
    so if the name's bytes are still in the file the whole file is rebuilt with VACUUM.
    Returns False when there was no such person.
    """
    with transaction(sessions) as session:
        name = person_name(session, person_id)
        if name is None:
            return False
        # secure_delete is SQLite's; on a server the freed space is the server's (VACUUM, its backups).
        sqlite = session.connection().dialect.name == "sqlite"
        if sqlite:
            session.execute(text("PRAGMA secure_delete=ON"))
        session.execute(delete(PersonRow).where(PersonRow.id == person_id))
        if sqlite:
            # The zeroing happens as rows are deleted, so the pooled connection can go back to normal.
            session.execute(text("PRAGMA secure_delete=OFF"))
    if db_path is None:
        return True
    raw = engine.raw_connection()
    try:
        con = cast(sqlite3.Connection, raw.driver_connection)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if _file_holds(db_path, name.encode("utf-8")):
            con.execute("VACUUM")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return True


def _file_holds(path: Path, needle: bytes, *, block: int = 1 << 22) -> bool:
    """Whether `needle` occurs in the file (or its write-ahead log), read in blocks that overlap."""
    for candidate in (path, path.with_name(path.name + "-wal")):
        if not candidate.exists():
            continue
        with candidate.open("rb") as handle:
            tail = b""
            while chunk := handle.read(block):
                if needle in tail + chunk:
                    return True
                tail = chunk[-len(needle):]
    return False
