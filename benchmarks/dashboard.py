"""Coordinator dashboard on 25,391 trainees: opening, re-filtering, CSV export, database size.

Run: `python -m benchmarks dashboard` (or `python benchmarks/dashboard.py [--trainees N] [--runs N]`).
The data set is built on first use by benchmarks/coordinator_dataset.py and cached in benchmarks/out/.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from benchmarks.coordinator_dataset import TRAINEES, ensure_dataset
from competency_framework import shipped_framework_path
from digigram.core import paths
from digigram.core.coordination import DashboardFilter
from digigram.services.coordinator.dashboard import refresh_summaries
from digigram.services.workspace import Workspace

PASSWORD = "benchmark-password"


def _median(action: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=TRAINEES)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    built = time.perf_counter()
    folder = ensure_dataset(args.trainees)
    print(f"data set ready in {time.perf_counter() - built:.1f} s: {(folder / 'complete.json').read_text()}")
    db = paths.database_path(folder)
    print(f"database {db.stat().st_size / 1e6:.1f} MB")
    with Workspace.open(data_dir=folder, framework_path=shipped_framework_path()) as ws:
        if not ws.coordinator_password_set():
            ws.set_coordinator_password(PASSWORD)
        co = ws.unlock_coordinator(PASSWORD)
        started = time.perf_counter()
        done = len(refresh_summaries(ws._sessions, ws.framework)[0])
        print(f"check summaries made once for {done} checks not yet summarised: "
              f"{time.perf_counter() - started:.1f} s")
        options = co.filter_options()
        hub = options.hubs[len(options.hubs) // 2].id
        cases = {
            "open (everyone)": DashboardFilter(),
            "one hub": DashboardFilter(hub_id=hub),
            "one group": DashboardFilter(group=options.groups[0]),
            "profile": DashboardFilter(profile_id=options.profiles[0]),
            "date range": DashboardFilter(date_from=date(2024, 9, 1), date_to=date(2025, 2, 28)),
            "hub + group + dates": DashboardFilter(hub_id=hub, group=options.groups[0],
                                                   date_from=date(2024, 1, 1)),
        }
        for label, filters in cases.items():
            seconds, board = _median(partial(co.dashboard, filters), args.runs)
            rows = board.rows  # type: ignore[attr-defined]
            print(f"dashboard {label}: median {seconds * 1000:.0f} ms over {args.runs} runs, "
                  f"{len(rows)} rows, {sum(r.needs_help for r in rows)} need help")
        seconds, _ = _median(co.filter_options, args.runs)
        print(f"filter options: median {seconds * 1000:.0f} ms ({len(options.hubs)} hubs)")
        with tempfile.TemporaryDirectory() as out:
            target = Path(out) / "group.csv"
            seconds, _ = _median(lambda: co.export_group_csv(target, DashboardFilter(), lang="uk"), 3)
            print(f"CSV export of everyone: median {seconds:.2f} s, {target.stat().st_size / 1e6:.1f} MB")
            pdf = Path(out) / "hub.pdf"
            seconds, _ = _median(lambda: co.export_group_pdf(pdf, DashboardFilter(hub_id=hub), lang="uk"), 1)
            print(f"group PDF of one hub: {seconds:.2f} s, {pdf.stat().st_size / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
