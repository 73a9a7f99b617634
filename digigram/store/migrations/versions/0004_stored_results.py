"""Stored results are facts: the whole result at the finish, the question on screen, answer languages.

Revision ID: 0004
Revises: 0003

Finished attempts get their result computed once here, from their stored answers taken as given (no
selection re-run), by the release that brings this revision; from then on it is read, never recomputed.
Attempts whose framework snapshot cannot be read here keep an empty result and are computed when shown.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


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


def store_results(conn: sa.Connection) -> int:
    """Compute and store the result of every finished attempt that has none; returns how many."""
    from competency_framework import shipped_framework_path
    from digigram.core.engine import Quiz
    from digigram.core.errors import DigigramError
    from digigram.core.loader import load_framework_text
    from digigram.core.result_record import result_to_record

    base_dir = shipped_framework_path().parent
    frameworks: dict[str, Any] = {}
    done = 0
    attempts = conn.execute(sa.text(
        "SELECT a.id, a.framework_hash, a.profile_id, a.mode, a.seed, a.excluded, s.file_name, s.text "
        "FROM attempt a JOIN framework_snapshot s ON s.content_hash = a.framework_hash "
        "WHERE a.status = 'finished' AND a.result IS NULL ORDER BY a.started_at")).all()
    for attempt_id, fw_hash, profile, mode, seed, excluded, file_name, text in attempts:
        if fw_hash not in frameworks:
            try:
                frameworks[fw_hash] = load_framework_text(text, name=file_name or "<stored>",
                                                          base_dir=base_dir)
            except DigigramError:
                frameworks[fw_hash] = None
        framework = frameworks[fw_hash]
        if framework is None:
            continue
        answers = [(item_id, _choice(choice)) for item_id, choice in conn.execute(sa.text(
            "SELECT item_id, choice FROM answer WHERE attempt_id = :a ORDER BY sequence"), {"a": attempt_id})]
        try:
            quiz = Quiz.restore(framework, profile=profile or None, mode=mode, seed=seed,
                                exclude=json.loads(excluded or "[]"), answers=answers)
        except DigigramError:
            continue  # answers that no longer fit the stored framework: computed when shown, if ever
        result = quiz.result()
        record = result_to_record(result)
        conn.execute(sa.text(
            "UPDATE attempt SET result = :r, engine_version = :e, params_source = :p WHERE id = :a"),
            {"r": json.dumps(record, ensure_ascii=False, separators=(",", ":")),
             "e": record["engine_version"], "p": record["params_source"], "a": attempt_id})
        conn.execute(sa.text("DELETE FROM area_result WHERE attempt_id = :a"), {"a": attempt_id})
        for position, area in enumerate(result.areas.values()):
            conn.execute(sa.text(
                "INSERT INTO area_result (attempt_id, area_id, position, theta, sd, level, band, target, "
                "p_below_target, gap, n_items, level_probabilities, said_theta, said_sd, said_level) VALUES "
                "(:a, :area, :pos, :theta, :sd, :level, :band, :target, :pb, :gap, :n, :probs, :st, :ss, "
                ":sl)"),
                {"a": attempt_id, "area": area.area_id, "pos": position, "theta": area.theta, "sd": area.sd,
                 "level": area.level, "band": json.dumps(list(area.band)), "target": area.target,
                 "pb": area.p_below_target, "gap": area.gap, "n": area.items,
                 "probs": json.dumps(dict(area.level_probabilities)),
                 "st": None if area.said is None else area.said.theta,
                 "ss": None if area.said is None else area.said.sd,
                 "sl": None if area.said is None else area.said.level})
        # The dashboard's summary was derived from the old area rows: it is made again when needed.
        conn.execute(sa.text("DELETE FROM check_summary WHERE attempt_id = :a"), {"a": attempt_id})
        done += 1
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
