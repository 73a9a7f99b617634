"""Steps a person takes in the window, shared by the UI tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QTableWidget, QWidget


def create_person(qtbot: Any, win: Any) -> Any:
    qtbot.mouseClick(win.home.new_person, Qt.MouseButton.LeftButton)
    assert win.person is not None
    return win.person


def answer_current(qtbot: Any, win: Any, number: int = 1) -> None:
    """Answer the question on screen with the number key and Enter, as a keyboard user would."""
    quiz = win.quiz
    qtbot.keyClick(quiz.buttons[0], getattr(Qt.Key, f"Key_{number}"))
    qtbot.keyClick(quiz.buttons[0], Qt.Key.Key_Return)


def answer_to_the_end(qtbot: Any, win: Any, *, limit: int = 60) -> int:
    asked = 0
    while win.stack.currentWidget() is win.quiz and win.quiz.session is not None:
        answer_current(qtbot, win)
        asked += 1
        assert asked < limit, "the check never ended"
    return asked


def opened_on_screen(qtbot: Any, ws: Any) -> Any:
    """The window as the app opens it: on screen first, the data attached once it has painted."""
    from digigram.app import finish_opening, qapplication
    from digigram.ui.main_window import MainWindow
    from digigram.ui.settings_dialog import Settings

    qapplication()
    win = MainWindow(None, settings=Settings(language="en"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    finish_opening(win, ws, language="en")
    return win


def chosen_in_settings(monkeypatch: Any, win: Any, **chosen: Any) -> None:
    """Settings… in the menu, answered with OK after changing `chosen` (language, text_scale or
    high_contrast), as the dialog's OK stores them."""
    from dataclasses import replace

    from digigram.ui.settings_dialog import SettingsDialog

    answer = replace(win.settings, **chosen)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, current: answer))
    win.edit_settings()


def chosen_on_a_trainees_page(qtbot: Any, monkeypatch: Any, win: Any, view: Any, **chosen: Any) -> None:
    """From the dashboard `view`: the first trainee opened, `chosen` made in Settings on their page, and
    "Back to the dashboard" clicked, as a coordinator would."""
    from digigram.ui.coordinator.trainee import TraineeView

    view.tabs.setCurrentIndex(0)
    view.table.selectRow(0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    trainee = win.stack.currentWidget()
    assert isinstance(trainee, TraineeView)
    chosen_in_settings(monkeypatch, win, **chosen)
    qtbot.mouseClick(trainee.back, Qt.MouseButton.LeftButton)


def type_text(widget: Any, text: str) -> None:
    """Type any text, Cyrillic too (QTest's key clicks accept only ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def settle(rounds: int = 8) -> None:
    """Let wrapped labels, stacked rows and redrawn charts settle over a few layout passes."""
    for _ in range(rounds):
        QApplication.processEvents()


def picture_drawn(view: Any, *, seconds: float = 20.0) -> Any:
    """The dashboard's group picture page once its picture, drawn off the window's thread, is shown."""
    import time

    page = view.heatmap
    ends = time.monotonic() + seconds
    while page.busy() and time.monotonic() < ends:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not page.busy(), "the group picture was not drawn in time"
    settle()
    return page


def box_in(port: QWidget, widget: QWidget) -> QRect:
    """The widget's rectangle in `port`'s coordinates (a scroll area's viewport, say)."""
    return widget.rect().translated(widget.mapTo(port, widget.rect().topLeft()))


def whole_in(port: QWidget, widget: QWidget) -> bool:
    """Whether all of the widget is inside `port`'s rectangle: on screen, not cut or scrolled away."""
    return port.rect().contains(box_in(port, widget))


def cut_cells(table: QTableWidget) -> list[str]:
    """Cells and heads that are cut: past the table's view, or taller or wider than their cell."""
    cut = []
    port = table.viewport().rect()
    header = table.horizontalHeader()
    head_metrics = header.fontMetrics()
    head_inset = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in range(table.columnCount()):
        left, width = table.columnViewportPosition(column), table.columnWidth(column)
        head = table.horizontalHeaderItem(column)
        if left < 0 or left + width > port.width():
            cut.append(f"column {head.text() if head else column} is past the table's right edge")
            continue
        if head is not None:
            need = head_metrics.boundingRect(QRect(0, 0, width - head_inset, 10_000),
                                             int(Qt.TextFlag.TextWordWrap), head.text())
            if need.width() > width or need.height() > header.height():
                cut.append(f"head «{head.text()}» is cut")
    metrics = table.fontMetrics()
    # A cell's text sits inside the focus frame's margin, plus one pixel, on each side (as Qt draws it).
    inset = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None:
                continue
            rect = table.visualRect(table.model().index(row, column))
            need = metrics.boundingRect(QRect(0, 0, rect.width() - inset, 10_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text())
            if need.width() > rect.width() - inset or need.height() > rect.height():
                cut.append(f"«{item.text()[:40]}» is cut: {need.width()}×{need.height()} px in "
                           f"{rect.width()}×{rect.height()}")
    return cut


def show_figures_page(view: Any, page: Any, *, timeout: float = 20.0) -> None:
    """Turn the dashboard to its hard-questions or before/after page and wait for the figures, which are
    read off the window's thread, then for the page to be laid out."""
    import time

    view.tabs.setCurrentWidget(page)
    deadline = time.monotonic() + timeout
    while not view.figures_ready():
        assert time.monotonic() < deadline, "the figures never arrived"
        QApplication.processEvents()
        time.sleep(0.01)
    settle(16)


def turn_to(view: Any, index: int, *, timeout: float = 20.0) -> None:
    """Turn the dashboard to its page `index`, waiting for the figures on the pages that read them (the
    programme's too: on a busy machine its page was looked at while its figures were still on the way)."""
    import time

    page = view.tabs.widget(index)
    if page in (view.hard, view.before_after):
        show_figures_page(view, page)
        return
    view.tabs.setCurrentIndex(index)
    if page is view.programme:
        deadline = time.monotonic() + timeout
        while view.programme.picture is None:
            assert time.monotonic() < deadline, "the programme's figures never arrived"
            QApplication.processEvents()
            time.sleep(0.01)
        settle(16)


def when_dialog_opens(kind: type, act: Any, seen: list[Any]) -> None:
    """Run `act(dialog)` once a modal dialog of `kind` not in `seen` is open and shown, as a person
    answers it; the dialog is appended to `seen` first. Asked before the action that opens it (exec()
    blocks)."""
    from PySide6.QtCore import QTimer

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible() and dialog not in seen:
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
