"""ORM tables in portable SQL: UUID text keys so records made on different PCs never collide."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class RegionRow(Base):
    """Revision 0005: a region of Ukraine, by its ISO 3166-2:UA code (digigram.core.regions)."""

    __tablename__ = "region"

    id: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_uk: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))


HUB_NAME_NO_REGION = "uq_hub_name_no_region"
NO_REGION = "region_id IS NULL"


class HubRow(Base):
    """Revision 0005: a Digital Education Hub, chosen from a list rather than typed on each PC. Hubs
    made from the free-text names of earlier versions have no region until a coordinator gives one."""

    __tablename__ = "hub"
    __table_args__ = (
        UniqueConstraint("region_id", "name", name="uq_hub_region_name"),
        # Revision 0006: a unique constraint lets NULLs differ, so hubs without a region need their own.
        # Its PostgreSQL form is added by postgresql_options, when a PostgreSQL engine is made.
        Index(HUB_NAME_NO_REGION, "name", unique=True, sqlite_where=text(NO_REGION)),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[str | None] = mapped_column(ForeignKey("region.id"), index=True)
    # Revision 0008: when the region was last chosen (naive UTC); NULL when unknown (chosen before 0008).
    region_set_at: Mapped[datetime | None] = mapped_column(DateTime)


# A key of core.names.name_key, compared by code point on PostgreSQL too ("C"), whatever the database's
# own collation: the key is already the order.
NAME_KEY = Text().with_variant(Text(collation="C"), "postgresql")


class PersonRow(Base):
    __tablename__ = "person"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), index=True)
    hub: Mapped[str] = mapped_column(String(200), default="", index=True)  # index: revision 0003
    # Revision 0005: the hub row; `hub` keeps its name as text for what reads it that way.
    hub_id: Mapped[str | None] = mapped_column(ForeignKey("hub.id", name="fk_person_hub_id"), index=True)
    group_tag: Mapped[str] = mapped_column(String(100), default="", index=True)
    profile_id: Mapped[str | None] = mapped_column(String(100))
    # Revision 0007: the name as core.names.sort_key orders it (Ukrainian alphabet, any case), so
    # the dashboard pages through people in SQL in the order a reader expects. Compared by code point
    # on PostgreSQL too ("C"), whatever the database's own collation: the key is already the order.
    sort_name: Mapped[str | None] = mapped_column(NAME_KEY, index=True)
    # Revision 0009: the hub's and the group's texts as sort_name keys the name, so the dashboard pages by
    # hub or group through an index instead of working a key out for every row of every page.
    sort_hub: Mapped[str | None] = mapped_column(NAME_KEY, index=True)
    sort_group: Mapped[str | None] = mapped_column(NAME_KEY, index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(300))
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class FrameworkSnapshotRow(Base):
    """The exact framework file text an attempt was taken on, kept by its SHA-256."""

    __tablename__ = "framework_snapshot"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class AttemptRow(Base):
    __tablename__ = "attempt"
    # Revision 0003: each person's finished checks in date order, for the coordinator dashboard.
    __table_args__ = (Index("ix_attempt_person_finished", "person_id", "status", "finished_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(100))
    framework_hash: Mapped[str] = mapped_column(ForeignKey("framework_snapshot.content_hash"))
    profile_id: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(50))
    seed: Mapped[int] = mapped_column(Integer)
    excluded: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of item ids
    status: Mapped[str] = mapped_column(String(20), default="in_progress", index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Added by revision 0002: the 1–10 self-rating asked before and after the check.
    rating_before: Mapped[int | None] = mapped_column(Integer)
    rating_after: Mapped[int | None] = mapped_column(Integer)
    # Added by revision 0004. The result as shown at the finish (core.result_record JSON), read back as
    # is; the engine and parameters it came from; the question on screen, so resume shows it again.
    result: Mapped[str | None] = mapped_column(Text)
    engine_version: Mapped[str | None] = mapped_column(String(20))
    params_source: Mapped[str | None] = mapped_column(String(100))
    pending_item: Mapped[str | None] = mapped_column(String(100))

    answers: Mapped[list[AnswerRow]] = relationship(
        order_by="AnswerRow.sequence", cascade="all, delete-orphan", passive_deletes=True
    )
    areas: Mapped[list[AreaResultRow]] = relationship(
        order_by="AreaResultRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class AnswerRow(Base):
    __tablename__ = "answer"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
    )
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str] = mapped_column(Text)  # JSON: null (I don't know), an int or a list of ints
    answered_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float | None] = mapped_column(Float)
    # Added by revision 0004: the language the question was shown in (calibration checks uk against en).
    language: Mapped[str | None] = mapped_column(String(10))


def _packed(element: Any) -> Any:
    """A column of one packed check: JSON array text on SQLite, a native array on PostgreSQL."""
    return Text().with_variant(ARRAY(element), "postgresql")


class CheckAnswersRow(Base):
    """A finished check's answers in one row (revision 0013), as an import into PostgreSQL writes them.

    Element i of every column is the check's i-th answer, in answer order. A check's answers are never
    changed once it is finished, and reading all of them is the only use, so a row per check spares the
    server a row, an index entry and a key check per answer (30 answers and more a check). The answers
    a person gives go one row each into `answer` (each committed before the next question), as do
    SQLite's imports; read both through ANSWERS.
    """

    __tablename__ = "check_answers"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
    )
    sequences: Mapped[Any] = mapped_column(_packed(Integer()))
    item_ids: Mapped[Any] = mapped_column(_packed(String(100)))
    choices: Mapped[Any] = mapped_column(_packed(Text()))  # each the JSON text `answer.choice` holds
    answered_at: Mapped[Any] = mapped_column(_packed(DateTime()))
    seconds: Mapped[Any] = mapped_column(_packed(Float()))
    languages: Mapped[Any] = mapped_column(_packed(String(10)))


# Every stored answer, one row each: `answer` and the packed `check_answers` unpacked (a view made by
# revision 0013, not a table: kept out of Base.metadata). Read answers from here, never from `answer`.
ANSWERS = Table(
    "answer_all", MetaData(),
    Column("attempt_id", String(36)), Column("sequence", Integer), Column("item_id", String(100)),
    Column("choice", Text), Column("answered_at", DateTime), Column("seconds", Float),
    Column("language", String(10)),
)


class AreaResultRow(Base):
    __tablename__ = "area_result"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    theta: Mapped[float] = mapped_column(Float)
    sd: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(20))
    band: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of level codes
    target: Mapped[str | None] = mapped_column(String(20))
    p_below_target: Mapped[float | None] = mapped_column(Float)
    gap: Mapped[int | None] = mapped_column(Integer)
    n_items: Mapped[int] = mapped_column(Integer, default=0)
    # Added by revision 0004: the level's probabilities (JSON {code: p}) and what the person said.
    level_probabilities: Mapped[str | None] = mapped_column(Text)
    said_theta: Mapped[float | None] = mapped_column(Float)
    said_sd: Mapped[float | None] = mapped_column(Float)
    said_level: Mapped[str | None] = mapped_column(String(20))


class PlanRow(Base):
    __tablename__ = "plan"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[str | None] = mapped_column(ForeignKey("attempt.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    steps: Mapped[list[PlanStepRow]] = relationship(
        order_by="PlanStepRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class PlanStepRow(Base):
    __tablename__ = "plan_step"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    competence_id: Mapped[str] = mapped_column(String(100))
    goal: Mapped[str] = mapped_column(Text, default="")
    resource_id: Mapped[str | None] = mapped_column(String(100))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    notes: Mapped[str] = mapped_column(Text, default="")
    coordinator_comment: Mapped[str] = mapped_column(Text, default="")


class SettingRow(Base):
    """Added by revision 0002: small app settings as JSON values."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


SUMMARY_NO_GAPS = "ix_check_summary_no_gaps"
NO_GAPS = "gaps IS NULL"


class CheckSummaryRow(Base):
    """Added by revision 0003, derived and rebuilt when missing: per finished check, one byte per
    framework item (0 not asked, 1 fully right, 2 not fully right) and the areas as
    "level|target|gap" joined by ";" in framework order, so the dashboard reads one row per check."""

    __tablename__ = "check_summary"
    # Revision 0010: the summaries still to be given their gaps, found at each finish or import without
    # reading every summary (empty once they are filled). PostgreSQL's form: postgresql_options.
    __table_args__ = (Index(SUMMARY_NO_GAPS, "framework_hash", sqlite_where=text(NO_GAPS)),)

    attempt_id: Mapped[str] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True)
    framework_hash: Mapped[str] = mapped_column(String(64))
    marks: Mapped[bytes] = mapped_column(LargeBinary)
    areas: Mapped[str] = mapped_column(Text)
    # Revision 0007: core.coordination.needs_help of the areas, so the dashboard counts it in SQL.
    needs_help: Mapped[bool | None] = mapped_column(Boolean)
    # Revision 0010: one byte per framework competence, in framework order, from the competences of the
    # check's stored result (0 no target, 1 at or above it, 2 below it), so the programme report counts
    # gaps per competence from one row per check. Empty when the result names a competence the framework
    # does not have (counted from the result instead); NULL until made (summaries made before 0010).
    gaps: Mapped[bytes | None] = mapped_column(LargeBinary)


def postgresql_options() -> None:
    """Give the tables their PostgreSQL-only options: called when a PostgreSQL engine is made.

    Naming a `postgresql_…` option where the tables are declared makes SQLAlchemy load its whole
    PostgreSQL dialect (every driver's module, about 2.5 MiB), into the library PCs' app as well, which
    only ever opens SQLite. A PostgreSQL engine has loaded that dialect already. Calling this again
    changes nothing.
    """
    for table_name, name, where in ((HubRow.__tablename__, HUB_NAME_NO_REGION, NO_REGION),
                                    (CheckSummaryRow.__tablename__, SUMMARY_NO_GAPS, NO_GAPS)):
        index = next(i for i in Base.metadata.tables[table_name].indexes if i.name == name)
        index.dialect_options["postgresql"]["where"] = text(where)
