"""What PostgreSQL's per-row foreign-key check costs an import: the same answers copied with and without it.

A national import copies about 1.8 M answers and 0.3 M area rows (and, until revision 0012, 1.6 M
competence rows), each pointing at its check. With a foreign key, PostgreSQL runs one lookup of the
parent per inserted row (the RI trigger), whatever the batch size. Here, in a throwaway cluster, tables
shaped like `attempt` and `answer` (the same columns, key and types) are filled: the checks first, then
their answers by COPY in one transaction, in turn with the key `REFERENCES attempt ON DELETE CASCADE`,
without any check, and with the check made once per statement instead (an AFTER STATEMENT trigger over
the rows the COPY added: their checks locked FOR KEY SHARE as the key's own check locks them, then one
anti-join; an answer without its check is refused, which the run confirms), and, for comparison, with
the key but a check's answers stored as one row of arrays (`packed`: one row, and one key check, per
check rather than per answer). The server's own CPU time (all its processes, from /proc) is reported
beside the wall time.
Run: python -m benchmarks.pg_foreign_keys [--checks N] [--answers-each K] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("key", "none", "statement", "packed")
LABELS = {"key": "with the foreign key", "none": "without a check", "statement": "checked per statement",
          "packed": "one row per check, key"}
# The key's check made once per COPY or INSERT, over the rows it added (a transition table).
STATEMENT_CHECK = """
CREATE FUNCTION answer_has_its_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM attempt WHERE id IN (SELECT DISTINCT attempt_id FROM added) FOR KEY SHARE;
    IF EXISTS (SELECT 1 FROM added LEFT JOIN attempt ON attempt.id = added.attempt_id
               WHERE attempt.id IS NULL) THEN
        RAISE foreign_key_violation USING MESSAGE = 'an answer without its check';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER answer_has_its_check AFTER INSERT ON answer REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION answer_has_its_check();
"""


def server_cpu() -> float:
    """CPU seconds used so far by every process named postgres (the server and its backends)."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() != "postgres":
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a backend that ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=47_000)  # a programme year: 46,956 checks
    parser.add_argument("--answers-each", type=int, default=38)  # 1,804,140 answers / 46,956 checks
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import psycopg

    from tests.pgcluster import running

    checks = [str(uuid.uuid4()) for _ in range(args.checks)]
    answers = [(check, n, f"AREA.{n % 12}-{n % 40:02d}", "1", "2026-03-14 10:00:00", 12.5, "uk")
               for check in checks for n in range(args.answers_each)]
    # The same answers, each check's as one row: its answers' fields as arrays in answer order.
    packed = [(check, *(list(column) for column in zip(*(row[2:] for row in answers[i:i + args.answers_each]),
                                                          strict=True)))
              for i, check in zip(range(0, len(answers), args.answers_each), checks, strict=True)]
    figures: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    with running() as cluster, cluster.admin(cluster.create_database()) as con:
        for _round in range(args.rounds):
            for kind in KINDS:
                con.execute("DROP TABLE IF EXISTS answer; DROP TABLE IF EXISTS attempt; "
                            "DROP FUNCTION IF EXISTS answer_has_its_check")
                con.execute("CREATE TABLE attempt (id varchar(36) PRIMARY KEY)")
                with con.cursor().copy("COPY attempt (id) FROM STDIN") as copy:
                    for check in checks:
                        copy.write_row((check,))
                key = "REFERENCES attempt (id) ON DELETE CASCADE" if kind in ("key", "packed") else ""
                if kind == "packed":
                    con.execute(f"CREATE TABLE answer (attempt_id varchar(36) PRIMARY KEY {key}, "
                                "item_ids varchar(100)[], choices text[], answered_at timestamp[], "
                                "seconds float[], languages varchar(10)[])")
                else:
                    con.execute(f"CREATE TABLE answer (attempt_id varchar(36) {key}, sequence integer, "
                                "item_id varchar(100), choice text, answered_at timestamp, seconds float, "
                                "language varchar(10), PRIMARY KEY (attempt_id, sequence))")
                if kind == "statement":
                    con.execute(STATEMENT_CHECK)
                con.execute("CHECKPOINT")
                cpu, start = server_cpu(), time.perf_counter()
                with con.transaction(), con.cursor().copy("COPY answer FROM STDIN") as copy:
                    for row in (packed if kind == "packed" else answers):
                        copy.write_row(row)
                figures[kind].append((time.perf_counter() - start, server_cpu() - cpu))
                if kind != "none":
                    try:
                        con.execute("INSERT INTO answer VALUES ('no such check', '{x}', '{1}', "
                                    "ARRAY[now()::timestamp], '{1}', '{uk}')" if kind == "packed" else
                                    "INSERT INTO answer VALUES ('no such check', 0, 'x', '1', now(), 1, "
                                    "'uk')")
                    except psycopg.errors.ForeignKeyViolation:
                        pass
                    else:
                        raise SystemExit(f"{LABELS[kind]}: an answer without its check was stored")
    print(f"{len(answers):,} answers of {args.checks:,} checks, COPY in one transaction, "
          f"medians of {args.rounds}:")
    cpus = {}
    for kind in KINDS:
        wall = statistics.median(w for w, _ in figures[kind])
        cpus[kind] = cpu = statistics.median(c for _, c in figures[kind])
        print(f"  {LABELS[kind]:<24} wall {wall:6.1f} s, server CPU {cpu:6.1f} s "
              f"({cpu / len(answers) * 1e6:.1f} µs per answer)")
    for kind in ("key", "statement"):
        extra = cpus[kind] - cpus["none"]
        print(f"{LABELS[kind]}: the check costs {extra:.1f} s of server CPU, "
              f"{extra / len(answers) * 1e6:.1f} µs per answer")
    print(f"{LABELS['packed']}: {cpus['packed']:.1f} s of server CPU with its key against "
          f"{cpus['key']:.1f} s for one row per answer with it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
