"""How long each coordinator action takes at a region's size, and how long the window cannot repaint then.

The real window over a copy of the 25,391-trainee data folder (benchmarks/coordinator_dataset.py), at
1366×768, in coordinator mode; meant for a real X server (xvfb-run, QT_QPA_PLATFORM=xcb), offscreen works
too. Each action a coordinator takes is started from the event loop, and two figures are printed:
"shown", the seconds until its result is on screen (the table's rows, the tab's figures, the dialog),
and "longest gap", the longest time between two ticks of a 50 ms timer in the window's thread, i.e. the
longest time the window could not repaint or take a key. A gap over 0.5 s reads as a frozen window.

The data folder is copied first (never written into); `--data` names a copy already made, which is
then used as it is (the coordinator password is set in it).
Run: `xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python -m benchmarks coordinator_freezes
[--data FOLDER] [--only WORD]`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

PASSWORD = "coordinator-2024"
TICK_MS = 50
FREEZE_S = 0.5
TYPED = "Петр"  # part of a name, typed letter by letter
TYPING_MS = 150  # between the letters


class Meter:
    """A 50 ms timer's ticks in the window's thread; each action is timed between its start and shown."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.timer.start()
        self.rows: list[tuple[str, float, float]] = []

    def settle(self, seconds: float = 0.4) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def measure(self, label: str, start: Callable[[], Any], shown: Callable[[], bool], *,
                after: Callable[[], Any] | None = None, timeout: float = 60.0) -> None:
        """`start` runs from the event loop; `shown` is polled every 10 ms (and right after `start`);
        `after` runs once it is shown (closing a dialog)."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.settle()
        loop = QEventLoop()
        began: list[float] = []
        ended: list[float] = []
        poll = QTimer()
        poll.setInterval(10)

        def check() -> None:
            if ended or not began:
                return
            if shown() or time.perf_counter() - began[0] > timeout:
                ended.append(time.perf_counter())
                poll.stop()
                if after is not None:
                    QTimer.singleShot(0, after)
                QTimer.singleShot(3 * TICK_MS, loop.quit)

        def go() -> None:
            began.append(time.perf_counter())
            start()
            check()

        poll.timeout.connect(check)
        poll.start()
        QTimer.singleShot(0, go)
        profile = os.environ.get("FREEZES_PROFILE")
        if profile and profile.lower() in label.lower():
            import cProfile
            import pstats

            with cProfile.Profile() as prof:
                loop.exec()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
        else:
            loop.exec()
        poll.stop()
        t0, t1 = began[0], ended[0]
        if t1 - t0 > timeout:
            label += " (TIMED OUT)"
        around = [t for t in self.ticks if t0 - 2 * TICK_MS / 1000 <= t] + [time.perf_counter()]
        around = [t for t in around if t <= t1 + 3 * TICK_MS / 1000] or [t0, t1]
        gap = max((b - a for a, b in itertools.pairwise(around)), default=0.0)
        gap = max(gap, min((t for t in self.ticks if t >= t0), default=t1) - t0)
        self.rows.append((label, t1 - t0, gap))
        flag = "  FROZEN" if gap > FREEZE_S else ""
        print(f"{label:<58} {t1 - t0:7.2f} s {gap:7.2f} s{flag}", flush=True)


def run(folder: Path, only: str | None) -> list[tuple[str, float, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    import digigram.ui  # noqa: F401  (first, as the app imports it)
    from competency_framework import shipped_framework_path
    from digigram.services.workspace import Workspace

    ws = Workspace.open(data_dir=folder, framework_path=shipped_framework_path())
    if not ws.coordinator_password_set():
        ws.set_coordinator_password(PASSWORD)
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QApplication

    from digigram.app import build_window, qapplication
    from digigram.ui.coordinator import login
    from digigram.ui.coordinator.hubs import HubsDialog

    qapplication()
    def unlocked(parent: Any, ws: Any) -> Any:
        return ws.unlock_coordinator(PASSWORD)  # the password typed

    login.unlock = unlocked
    win = build_window(ws, language="uk")
    win.resize(1366, 768)
    win.show()
    win.coordinator_idle.setInterval(24 * 3600 * 1000)  # no locking for idleness while measured
    meter = Meter()
    meter.settle(1.0)
    print(f"{'action':<58} {'shown':>9} {'longest gap':>11}", flush=True)

    def wanted(label: str) -> bool:
        return only is None or only.lower() in label.lower()

    def view() -> Any:
        return win.coordinator_screens["dashboard"]

    def board_changed(start: Callable[[], Any]) -> tuple[Callable[[], Any], Callable[[], bool]]:
        before: list[Any] = []

        def go() -> None:
            before.append(view().dashboard)
            start()

        return go, lambda: bool(before) and view().dashboard is not before[0] and view().dashboard is not None

    meter.measure("entering coordinator mode", win.open_coordinator,
                  lambda: "dashboard" in win.coordinator_screens
                  and win.stack.currentWidget() is view() and bool(view().model.rows))
    v = view()
    tabs = v.tabs

    def tab_shown(i: int) -> Callable[[], bool]:
        page = tabs.widget(i)
        if page is v.heatmap:  # drawn off the window's thread: shown once the picture has arrived
            return lambda: v._heatmap_drawn and not v.heatmap.busy()
        if page in (v.hard, v.before_after):
            return lambda: bool(v.figures_ready())
        if page is v.programme:
            return lambda: v.programme.picture is not None and not v.programme._working
        return lambda: True

    names = ["Trainees", "Group picture", "Hard questions", "Before/after", "Programme"]
    for time_ in ("first", "second"):
        for i in (1, 2, 3, 4, 0):
            label = f"tab {names[i]}, {time_} time"
            if wanted(label):
                meter.measure(label, partial(tabs.setCurrentIndex, i), tab_shown(i))
    tabs.setCurrentIndex(0)
    if not v.filters_toggle.isChecked():
        v.filters_toggle.setChecked(True)

    def filtered(label: str, change: Callable[[], Any]) -> None:
        if wanted(label):
            go, shown = board_changed(change)
            meter.measure(label, go, shown)
        else:
            change()
            meter.settle(0.1)
            while v.dashboard is None:
                meter.settle(0.1)

    # The region with the most hubs, then its first hub.
    filtered("filter: a region", lambda: v.region.setCurrentIndex(1))
    filtered("filter: a hub of that region", lambda: v.hub.setCurrentIndex(1))
    filtered("filter: all hubs again", lambda: v.hub.setCurrentIndex(0))
    filtered("filter: all regions again", lambda: v.region.setCurrentIndex(0))
    filtered("filter: a role", lambda: v.profile.setCurrentIndex(1))
    filtered("filter: all roles again", lambda: v.profile.setCurrentIndex(0))
    filtered("filter: checked from (box ticked)", lambda: v.use_from.setChecked(True))
    filtered("filter: checked from, another day",
             lambda: v.date_from.setDate(v.date_from.date().addMonths(-2)))
    filtered("filter: checked until (box ticked)", lambda: v.use_to.setChecked(True))
    filtered("filter: no dates again", lambda: (v.use_to.setChecked(False), v.use_from.setChecked(False)))

    label = f"filter: name typed letter by letter («{TYPED}»)"
    if wanted(label):
        from PySide6.QtCore import QTimer

        typed: list[str] = []

        def type_letter(letter: str) -> None:
            v.name.insert(letter)
            typed.append(letter)

        def type_name() -> None:
            v.name.setFocus()
            for n, letter in enumerate(TYPED):
                QTimer.singleShot(n * TYPING_MS, partial(type_letter, letter))

        meter.measure(label, type_name, lambda: len(typed) == len(TYPED) and v._filters is not None
                      and v._filters.name == TYPED and not v._name_pause.isActive())
        filtered("filter: name cleared", v.name.clear)

    # Sorting by each column, everyone shown; then the name again.
    header = v.table.horizontalHeader()

    def sorted_by(col: int) -> bool:
        return bool(v.model.order[0] == v.model.order_column(col))

    for col in [*range(1, v.model.columnCount()), 0]:
        name = v.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        label = f"sort by column {col} ({str(name).splitlines()[0][:20]})"
        if wanted(label):
            meter.measure(label, partial(header.setSortIndicator, col, Qt.SortOrder.AscendingOrder),
                          partial(sorted_by, col))
    label = "sort by name, descending"
    if wanted(label):
        meter.measure(label, lambda: header.setSortIndicator(0, Qt.SortOrder.DescendingOrder),
                      lambda: v.model.order == ("name", True))
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        meter.settle()

    label = "next page of rows (scrolled to the end)"
    if wanted(label):
        meter.measure(label, v.table.scrollToBottom, lambda: len(v.model.rows) > 200)

    label = "open a trainee's page"
    if wanted(label):
        v.table.setCurrentIndex(v.model.index(0, 0, QModelIndex()))
        meter.measure(label, v.open_selected, lambda: win.stack.currentWidget() is
                      win.coordinator_screens.get("trainee") and win.coordinator_screens["trainee"].person_id)
        trainee = win.coordinator_screens["trainee"]
        meter.measure("back to the dashboard", trainee.back_to_dashboard,
                      lambda: win.stack.currentWidget() is v and bool(v.model.rows))

    p = v.programme
    if wanted("programme"):
        tabs.setCurrentIndex(4)
        meter.settle(0.2)
        while p._working:
            meter.settle(0.2)

        def programme_for(region: int) -> Callable[[], bool]:
            return lambda: (not p._working and p.picture is not None
                            and p.picture.filter.region_id == p.region.itemData(region))

        meter.measure("programme: a region chosen, shown", lambda: (p.region.setCurrentIndex(1), p.load()),
                      programme_for(1))
        meter.measure("programme: all regions again, shown", lambda: (p.region.setCurrentIndex(0), p.load()),
                      programme_for(0))
        tabs.setCurrentIndex(0)

    label = "hubs dialog opened"
    if wanted(label):
        def dialog() -> Any:
            modal = QApplication.activeModalWidget()
            return modal if isinstance(modal, HubsDialog) and modal.isVisible() else None

        meter.measure(label, v.open_hubs, lambda: dialog() is not None, after=lambda: dialog().reject())
        meter.settle()

    def switch(lang: str) -> None:
        win.apply_settings(replace(win.settings, language=lang), store=False)

    def worded(lang: str) -> bool:
        return bool(v.model.lang == lang)

    for lang in ("en", "uk"):
        label = f"language switched to {lang} on the dashboard"
        if wanted(label):
            # Shown once the table is worded in it (whether read again or not).
            meter.measure(label, partial(switch, lang), partial(worded, lang))

    label = "leaving coordinator mode"
    if wanted(label) or only is None:
        meter.measure(label, win.go_home, lambda: win.stack.currentWidget() is win.home)
    win.close()
    ws.close()
    return meter.rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="a copy of the data folder to use as it is")
    parser.add_argument("--only", help="only the actions whose name holds this (and entering the mode)")
    args = parser.parse_args()
    if args.data is not None:
        run(args.data, args.only)
        return 0
    from benchmarks.coordinator_dataset import ensure_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(ensure_dataset(), folder)
        run(folder, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
