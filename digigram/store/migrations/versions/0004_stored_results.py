"""Stored results are facts: the whole result at the finish, the question on screen, answer languages.

Revision ID: 0004
Revises: 0003

Finished attempts get their result computed once here, from their stored answers taken as given (no
selection re-run), by the release that brings this revision; from then on it is read, never recomputed.
Attempts whose framework snapshot cannot be read here keep an empty result and are computed when shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


class Pending(NamedTuple):
    """A finished attempt without a stored result, with its answers in order."""

    id: str
    framework_hash: str
    profile: str | None
    mode: str
    seed: int
    excluded: str | None
    answers: list[tuple[str, Any]]


def upgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("result", sa.Text(), nullable=True))
        batch.add_column(sa.Column("engine_version", sa.String(20), nullable=True))
        batch.add_column(sa.Column("params_source", sa.String(100), nullable=True))
        batch.add_column(sa.Column("pending_item", sa.String(100), nullable=True))
    with op.batch_alter_table("answer") as batch:
        batch.add_column(sa.Column("language", sa.String(10), nullable=True))
    with op.batch_alter_table("area_result") as batch:
        batch.add_column(sa.Column("level_probabilities", sa.Text(), nullable=True))
        batch.add_column(sa.Column("said_theta", sa.Float(), nullable=True))
        batch.add_column(sa.Column("said_sd", sa.Float(), nullable=True))
        batch.add_column(sa.Column("said_level", sa.String(20), nullable=True))
    store_results(op.get_bind())


# Attempts read, computed and written per batch: memory holds one batch (with its answers) and the parsed
# frameworks, whatever the number of checks (a national database has tens of thousands).
BATCH_SIZE = 300

_ANSWERS = sa.text(
    "SELECT attempt_id, item_id, choice FROM answer WHERE attempt_id IN :ids ORDER BY attempt_id, sequence"
).bindparams(sa.bindparam("ids", expanding=True))


def finished_batches(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> Iterator[list[Pending]]:
    """Finished attempts without a result, in id order, `batch_size` at a time, each with its answers.

    Keyset pagination (id > the last one seen), not OFFSET: each batch is found through the primary key
    however far in, and attempts left without a result (their framework unreadable) are not read again.
    A batch is fetched whole before it is yielded, so writing it needs no second open cursor.
    """
    last = ""
    while True:
        rows = conn.execute(sa.text(
            "SELECT id, framework_hash, profile_id, mode, seed, excluded FROM attempt "
            "WHERE status = 'finished' AND result IS NULL AND id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": batch_size}).all()
        if not rows:
            return
        answers: dict[str, list[tuple[str, Any]]] = {row[0]: [] for row in rows}
        for attempt_id, item_id, choice in conn.execute(_ANSWERS, {"ids": list(answers)}):
            answers[attempt_id].append((item_id, _choice(choice)))
        yield [Pending(row[0], row[1], row[2], row[3], row[4], row[5], answers[row[0]]) for row in rows]
        last = rows[-1][0]


def store_results(conn: sa.Connection, *, batch_size: int = BATCH_SIZE) -> int:
    """Compute and store the result of every finished attempt that has none; returns how many."""
    from competency_framework import shipped_framework_path
    from digigram.core.engine import Quiz
    from digigram.core.errors import DigigramError
    from digigram.core.loader import load_framework_text
    from digigram.core.result_record import result_to_record

    base_dir = shipped_framework_path().parent
    # Parsed frameworks by content hash (a database holds a handful); None when the snapshot is missing
    # or cannot be read here, and such attempts keep an empty result.
    frameworks: dict[str, Any] = {}

    def framework_for(fw_hash: str) -> Any:
        if fw_hash not in frameworks:
            snapshot = conn.execute(sa.text("SELECT file_name, text FROM framework_snapshot "
                                            "WHERE content_hash = :h"), {"h": fw_hash}).first()
            try:
                # Read as a stored framework: its handout files stayed beside the file it came from.
                frameworks[fw_hash] = None if snapshot is None else load_framework_text(
                    snapshot[1], name=snapshot[0] or "<stored>", base_dir=base_dir, files_required=False)
            except DigigramError:
                frameworks[fw_hash] = None
        return frameworks[fw_hash]

    done = 0
    for batch in finished_batches(conn, batch_size=batch_size):
        updates: list[dict[str, Any]] = []
        areas: list[dict[str, Any]] = []
        for attempt in batch:
            framework = framework_for(attempt.framework_hash)
            if framework is None:
                continue
            try:
                quiz = Quiz.restore(framework, profile=attempt.profile or None, mode=attempt.mode,
                                    seed=attempt.seed, exclude=json.loads(attempt.excluded or "[]"),
                                    answers=attempt.answers)
            except DigigramError:
                continue  # answers that no longer fit the stored framework: computed when shown, if ever
            result = quiz.result()
            record = result_to_record(result)
            updates.append({"r": json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                            "e": record["engine_version"], "p": record["params_source"], "a": attempt.id})
            for position, area in enumerate(result.areas.values()):
                areas.append(
                    {"a": attempt.id, "area": area.area_id, "pos": position, "theta": area.theta,
                     "sd": area.sd, "level": area.level, "band": json.dumps(list(area.band)),
                     "target": area.target, "pb": area.p_below_target, "gap": area.gap, "n": area.items,
                     "probs": json.dumps(dict(area.level_probabilities)),
                     "st": None if area.said is None else area.said.theta,
                     "ss": None if area.said is None else area.said.sd,
                     "sl": None if area.said is None else area.said.level})
        if not updates:
            continue
        ids = [{"a": row["a"]} for row in updates]
        conn.execute(sa.text(
            "UPDATE attempt SET result = :r, engine_version = :e, params_source = :p WHERE id = :a"), updates)
        conn.execute(sa.text("DELETE FROM area_result WHERE attempt_id = :a"), ids)
        if areas:
            conn.execute(sa.text(
                "INSERT INTO area_result (attempt_id, area_id, position, theta, sd, level, band, target, "
                "p_below_target, gap, n_items, level_probabilities, said_theta, said_sd, said_level) VALUES "
                "(:a, :area, :pos, :theta, :sd, :level, :band, :target, :pb, :gap, :n, :probs, :st, :ss, "
                ":sl)"), areas)
        # The dashboard's summary was derived from the old area rows: it is made again when needed.
        conn.execute(sa.text("DELETE FROM check_summary WHERE attempt_id = :a"), ids)
        done += len(updates)
    return done


def _choice(text: str) -> Any:
    value = json.loads(text)
    return tuple(int(v) for v in value) if isinstance(value, list) else value


def downgrade() -> None:
    with op.batch_alter_table("area_result") as batch:
        batch.drop_column("said_level")
        batch.drop_column("said_sd")
        batch.drop_column("said_theta")
        batch.drop_column("level_probabilities")
    with op.batch_alter_table("answer") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("pending_item")
        batch.drop_column("params_source")
        batch.drop_column("engine_version")
        batch.drop_column("result")
