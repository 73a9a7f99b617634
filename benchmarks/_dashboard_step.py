"""One side of the dashboard benchmark in its own interpreter: `python benchmarks/_dashboard_step.py JSON`.

A fresh interpreter whose PYTHONPATH puts one Digigram source tree first (this one or a baseline's), so
each version runs its own code on its own copy of the same PostgreSQL database. It opens the database
(a version with a newer schema migrates it: timed), makes the check summaries a version without them at
import makes on first opening (timed, once), then times each case: the median of `runs` after one warm-up.
Prints one JSON line: the figures and where the Digigram it ran came from.
"""

from __future__ import annotations

import inspect
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

PASSWORD = "benchmark-password"


def median_seconds(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median wall time of `runs` calls after one warm-up call (caches, a first opening's one-off
    work), and the last call's result. The programme benchmark times with it too."""
    result = action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(url: str, framework: str, runs: int) -> dict[str, Any]:
    import digigram
    from digigram.core.coordination import DashboardFilter
    from digigram.services.coordinator.dashboard import refresh_summaries
    from digigram.services.workspace import Workspace
    from digigram.store.repo.dashboard import _fetch

    out: dict[str, Any] = {"code": str(digigram.__file__).rsplit("/digigram/", 1)[0]}
    started = time.perf_counter()
    with Workspace.open(database_url=url, framework_path=framework) as ws:
        out["open_s"] = time.perf_counter() - started  # with a migration, when this version has one
        started = time.perf_counter()
        out["summarised"] = len(refresh_summaries(ws._sessions, ws.framework)[0])
        out["summaries_s"] = time.perf_counter() - started
        if not ws.coordinator_password_set():
            ws.set_coordinator_password(PASSWORD)
        co = ws.unlock_coordinator(PASSWORD)
        with ws._sessions() as session:
            busiest = str(_fetch(session, "SELECT hub_id, count(*) FROM person WHERE hub_id IS NOT NULL "
                                          "GROUP BY hub_id ORDER BY 2 DESC LIMIT 1")[0][0])

        from sqlalchemy import inspect as inspect_db

        def scan() -> object:
            with ws._sessions() as session:
                # Every answer: the view of both answer tables from revision 0013, else the table.
                source = "answer_all" if "answer_all" in inspect_db(session.get_bind()).get_view_names() \
                    else "answer"
                return _fetch(session, f"SELECT count(*), count(DISTINCT item_id) FROM {source}")

        cases: dict[str, Callable[[], Any]] = {"scan of all answers": scan}
        paged = "limit" in inspect.signature(co.dashboard).parameters
        if paged:
            from digigram.core.coordination import TraineeOrder
            from digigram.ui.coordinator.table import PAGE

            everyone = DashboardFilter()
            first = co.dashboard(everyone, limit=PAGE, figures=False)
            counted, area = (first.total, first.needing_help), ws.framework.areas[0].id
            cases.update({
                "first screen, everyone": lambda: co.dashboard(everyone, limit=PAGE, figures=False),
                "first screen, busiest hub": lambda: co.dashboard(DashboardFilter(hub_id=busiest), limit=PAGE,
                                                                  figures=False),
                "a page deep in (row 20,000)": lambda: co.dashboard(everyone, offset=20_000, limit=PAGE,
                                                                    figures=False),
                "first page by last check": lambda: co.dashboard(
                    everyone, order=TraineeOrder("last_check", True), limit=PAGE, figures=False),
                "first page by hub": lambda: co.dashboard(
                    everyone, order=TraineeOrder("hub"), limit=PAGE, figures=False),
                # A click on a column's title: the counts of the first page kept, the page chosen anew.
                "sort by needs help (counts kept)": lambda: co.dashboard(
                    everyone, order=TraineeOrder("needs_help", True), limit=PAGE, figures=False,
                    counted=counted),
                f"sort by area {area} (counts kept)": lambda: co.dashboard(
                    everyone, order=TraineeOrder(f"area:{area}", True), limit=PAGE, figures=False,
                    counted=counted),
                "hard questions + before/after": lambda: co.dashboard_figures(everyone),
                "everyone whole (exports)": lambda: co.dashboard(everyone),
            })
        else:  # this version shows everything at once: that is its first screen
            cases.update({
                "first screen, everyone": lambda: co.dashboard(DashboardFilter()),
                "first screen, busiest hub": lambda: co.dashboard(DashboardFilter(hub_id=busiest)),
                "everyone whole (exports)": lambda: co.dashboard(DashboardFilter()),
            })
        cases["national programme figures"] = ws.programme
        times: dict[str, float] = {}
        details: dict[str, str] = {}
        for label, action in cases.items():
            seconds, found = median_seconds(action, runs)
            times[label] = seconds
            rows = getattr(found, "rows", None)
            if rows is not None:
                details[label] = f"{len(rows)} rows of {getattr(found, 'total', len(rows))}"
        screen = _screen_case(ws)
        if screen is not None:  # after one warm-up, as the cases above
            enter, close = screen
            label = "the screen: coordinator mode opened"
            try:
                openings = [enter() for _ in range(runs + 1)]
            finally:
                close()
            # The first opening also builds the screen; later ones in the session find it built.
            times[label + " (first)"], times[label] = openings[0], statistics.median(openings[1:])
            details[label] = f"{PAGE} rows shown" if paged else "every row shown"
            details[label + " (first)"] = "once, the screen built"
        out["times"], out["details"] = times, details
    return out


def _screen_case(ws: Any) -> tuple[Callable[[], float], Callable[[], None]] | None:
    """Seconds to open coordinator mode as a coordinator does, from Home (Qt offscreen, 1366×768): the
    password checked, the first page read, shown and its columns fitted. Going back to Home, which
    lists everyone, is not counted. Returned with the window's closing, which must come before the
    workspace closes. None for a version whose screen cannot be driven so."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        import digigram.ui  # noqa: F401  (first, as the app imports it)
        from digigram.app import build_window, qapplication
        from digigram.ui.coordinator import mode
    except ImportError:
        return None
    app = qapplication()
    win = build_window(ws, language="uk")
    win.resize(1366, 768)
    win.show()
    app.processEvents()

    def enter() -> float:
        win.go_home()
        QApplication.processEvents()
        started = time.perf_counter()
        win.coordinator = ws.unlock_coordinator(PASSWORD)
        mode.enter(win)
        for _ in range(3):
            QApplication.processEvents()  # shown: the fit the screen makes once it is on screen
        return time.perf_counter() - started

    def close() -> None:
        win.close()
        win.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()

    return enter, close

if __name__ == "__main__":
    args = json.loads(sys.argv[1])
    print(json.dumps(run(args["url"], args["framework"], int(args["runs"]))))
