"""What PostgreSQL's per-row foreign-key check costs an import: the same answers copied with and without it.

A national import copies about 1.8 M answers, 1.6 M competence rows and 0.3 M area rows, each pointing
at its check. With a foreign key, PostgreSQL runs one lookup of the parent per inserted row (the RI
trigger), whatever the batch size. Here, in a throwaway cluster, tables shaped like `attempt` and
`answer` (the same columns, key and types) are filled: the checks first, then their answers by COPY in
one transaction, with the key `REFERENCES attempt ON DELETE CASCADE` and without it, alternately. The
server's own CPU time (all its processes, from /proc) is reported beside the wall time.
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
    from tests.pgcluster import running

    checks = [str(uuid.uuid4()) for _ in range(args.checks)]
    answers = [(check, n, f"AREA.{n % 12}-{n % 40:02d}", "1", "2026-03-14 10:00:00", 12.5, "uk")
               for check in checks for n in range(args.answers_each)]
    figures: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    with running() as cluster, cluster.admin(cluster.create_database()) as con:
        for _round in range(args.rounds):
            for keyed in (True, False):
                con.execute("DROP TABLE IF EXISTS answer; DROP TABLE IF EXISTS attempt")
                con.execute("CREATE TABLE attempt (id varchar(36) PRIMARY KEY)")
                with con.cursor().copy("COPY attempt (id) FROM STDIN") as copy:
                    for check in checks:
                        copy.write_row((check,))
                key = "REFERENCES attempt (id) ON DELETE CASCADE" if keyed else ""
                con.execute(f"CREATE TABLE answer (attempt_id varchar(36) {key}, sequence integer, "
                            "item_id varchar(100), choice text, answered_at timestamp, seconds float, "
                            "language varchar(10), PRIMARY KEY (attempt_id, sequence))")
                con.execute("CHECKPOINT")
                cpu, start = server_cpu(), time.perf_counter()
                with con.transaction(), con.cursor().copy("COPY answer FROM STDIN") as copy:
                    for row in answers:
                        copy.write_row(row)
                figures[keyed].append((time.perf_counter() - start, server_cpu() - cpu))
    print(f"{len(answers):,} answers of {args.checks:,} checks, COPY in one transaction, "
          f"medians of {args.rounds}:")
    for keyed, label in ((True, "with the foreign key"), (False, "without it")):
        wall = statistics.median(w for w, _ in figures[keyed])
        cpu = statistics.median(c for _, c in figures[keyed])
        print(f"  {label:<22} wall {wall:6.1f} s, server CPU {cpu:6.1f} s "
              f"({cpu / len(answers) * 1e6:.1f} µs per answer)")
    extra = statistics.median(c for _, c in figures[True]) - statistics.median(c for _, c in figures[False])
    print(f"the key's check: {extra:.1f} s of server CPU, {extra / len(answers) * 1e6:.1f} µs per answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
