"""Small widgets shared by the screens: wrapping labels that keep their height, rows that wrap or stack,
and a status bar whose notices wrap."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QEventLoop,
    QLocale,
    QObject,
    QRect,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QDateEdit,
    QFrame,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QStatusBar,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import StorageError
from digigram.core.i18n import N_, date_pattern
from digigram.ui.appearance import follows_app_font
from digigram.ui.errors import database_failed

QWIDGETSIZE_MAX = 16777215  # Qt's "no limit" for a widget's size (not exported by PySide6)


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor over the whole app while work that can take seconds runs on the window's thread
    (the window cannot repaint meanwhile, so the cursor is the only sign it is working)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def percent_format(bar: QProgressBar | None) -> None:
    """A progress bar's share as format_percent writes it: «40 %» (a no-break space) in Ukrainian, "40%"
    in English. Qt's own "%p%" wrote «40%» on a Ukrainian screen."""
    if bar is not None:
        bar.setFormat(QCoreApplication.translate("Progress", "%p%", "a progress bar's share; %p: the number"))


# Work for WorkDialog.run: given where to say how far it is (done, in all) and what says Cancel was
# pressed, its outcome.
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class Worker(QThread):
    """Runs a Job off the window's thread. Progress comes back as a signal, which Qt delivers in the
    window's thread; what the job raised is kept, to be raised again there."""

    progressed = Signal(int, int)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.stop = threading.Event()
        self.outcome: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.outcome = self.job(self.progressed.emit, self.stop.is_set)
        except Exception as exc:  # raised again in the window's thread, as if it had run there
            self.error = exc


class WorkDialog(QProgressDialog):
    """Progress of work that takes seconds: what is being done, how far, and Cancel.

    Window-modal, so the window behind starts nothing else meanwhile. It appears once the work has
    taken SHOWN_AFTER_MS (quick work never flashes a dialog). Work on the window's thread calls
    report() as it goes, which handles the window's events: QProgressDialog does that only when its
    value changes, which a busy bar's never does, so the dialog would stay unpainted and its Cancel
    unheard. Work that cannot report often (a database read) goes to run(), off the window's thread.
    While run() works the dialog cannot be sent away: Esc or closing it is Cancel where there is one
    (it then says it is stopping until the work has), and nothing where the work cannot stop.
    """

    SHOWN_AFTER_MS = 300

    def __init__(self, parent: QWidget | None, *, title: str, text: str, cancel: str | None) -> None:
        super().__init__(text, cancel or "", 0, 0, parent)
        # Wrapped, so that a long name (or 200 % text on a netbook) does not widen it past the screen; a
        # short text keeps a line of about 48 characters rather than wrapping in a narrow box.
        label = QLabel(text)
        label.setWordWrap(True)
        screen = screen_of(parent) if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry().width() if screen is not None else 800
        label.setMinimumWidth(min(label.fontMetrics().averageCharWidth() * 48, room * 4 // 5))
        self.setLabel(label)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if cancel is None:
            self.setCancelButton(None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(self.SHOWN_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        percent_format(self.findChild(QProgressBar))
        self._started = QElapsedTimer()
        self._started.start()
        self.worker: Worker | None = None
        self.stopped = False  # whether Cancel was pressed while run() worked (the work may have ended first)
        self._cancellable = cancel is not None
        self._reporting = False  # cancellable work on the window's thread under way (report())
        # After QProgressDialog's own cancel(), connected first, which hides it.
        self.canceled.connect(self._stopping)

    def _stopping(self) -> None:
        """Cancel pressed while the work goes on (in run(), or on the window's thread between two
        report()s): the work stops at its next step, and until it has, the dialog stays over the window
        saying so. Hidden, it left the window open to clicks while run()'s work went on; on the window's
        thread, the window looked frozen with no word of why."""
        if self.worker is None and not self._reporting:
            return
        self.setLabelText(QCoreApplication.translate("WorkDialog", "Stopping…"))
        button = self.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)
        self.show()

    def reject(self) -> None:
        """Esc: Cancel where the work can stop; nothing where it cannot (it hid the dialog, and the window
        behind took clicks while the work went on)."""
        if self._cancellable:
            self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None or self._reporting:  # closing it does not end the work, at most stops it
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def close(self) -> bool:
        """The work on the window's thread is over (or never began): closed, not cancelled."""
        self._reporting = False
        return super().close()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if QApplication.overrideCursor() is not None:  # busy(): working, yet Cancel can be pressed
            QApplication.changeOverrideCursor(Qt.CursorShape.BusyCursor)

    def report(self, text: str, done: int = 0, total: int = 0) -> None:
        """What is being done, and how far (a busy bar while `total` is 0). Once Cancel is pressed, the
        dialog goes on saying that the work is stopping."""
        if self.wasCanceled():
            if self.isVisible():  # hidden, the window behind would take clicks while the work went on
                QCoreApplication.processEvents()
            return
        self._reporting = self._cancellable  # Cancel, or closing it, now stops the work at its next report
        self.setLabelText(text)
        self.setMaximum(total)
        self.setValue(min(done, total))
        if self._started.elapsed() >= self.SHOWN_AFTER_MS:
            self._appear()
        if self.isVisible():
            QCoreApplication.processEvents()

    def _appear(self) -> None:
        if not self.isVisible() and not self.wasCanceled():
            self.show()

    def run(self, job: Job, *, counted: Callable[[int, int], None] | None = None, keep: bool = False) -> Any:
        """`job`'s outcome, run in a Worker while the window's events go on (it repaints, the dialog
        appears, Cancel is heard); `counted` hears its progress. Raises what the job raised. The dialog
        is then hidden, unless `keep`: more of the same work follows on the window's thread."""
        worker = Worker(job)
        if counted is not None:
            worker.progressed.connect(counted)  # heard in the window's thread, where the Worker object is
        self.canceled.connect(worker.stop.set)  # a threading.Event: set from any thread
        waiting = QEventLoop()
        ended = False

        def finished() -> None:
            nonlocal ended
            ended = True
            waiting.quit()

        worker.finished.connect(finished)
        # QProgressDialog shows itself only from setValue(), which a job that cannot count never calls
        appear = QTimer(self)
        appear.setSingleShot(True)
        appear.timeout.connect(self._appear)
        appear.timeout.connect(waiting.quit)
        appear.start(max(0, self.SHOWN_AFTER_MS - self._started.elapsed()))
        self.worker = worker
        worker.start()
        if self.wasCanceled():  # cancelled before this work began: it stops at once, said as stopping
            worker.stop.set()
            self._stopping()
        try:
            if not self.isVisible():
                # Until the dialog is up the window repaints but takes no clicks or keys: they wait, and
                # then meet the dialog, instead of starting something beside the work.
                waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            appear.stop()  # its work is done: it must not end the wait below before the worker has
            if not ended:
                waiting.exec()  # the window repaints and Cancel is heard while the worker runs
        finally:
            appear.deleteLater()
            if not worker.isFinished():  # the loop was ended from outside (the app quitting): stop too
                worker.stop.set()
            worker.wait()
            self.worker = None
            self.stopped = self.wasCanceled()
            if not keep:
                self.reset()  # else its timer shows it once the minimum duration is over, work done or not
                self.hide()  # not close(): a closed progress dialog counts as cancelled
        # Taken off the worker: its traceback holds the worker, and the cycle left the thread object to
        # the garbage collector, which could then destroy it in the middle of Qt's event delivery.
        error, worker.error = worker.error, None
        if error is not None:
            if database_failed(error):  # a timeout, a lock, a failing disk: said, not a crash
                # Not in the driver's own English words: a lost connection came as ConnectionLost, in the
                # user's language, and what is left says nothing a user can act on.
                raise StorageError(N_("The database could not finish this. Try again; if it happens again, "
                                      "check the connection to the database.")) from error
            raise error
        return worker.outcome


class FocusRing(QWidget):
    """A ring over a scroll area's edges while it has the keyboard, so its Tab stop is seen.

    A frameless scroll area takes a Tab stop (its arrow keys scroll what it holds, a chart taller than
    the window) but draws no focus mark: a Tab press onto it seemed to go nowhere. The ring is a child
    drawn above the area's view, passes every click through, and shows only while the area has focus.
    """

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        area.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setGeometry(self.area.rect())
            self.setVisible(kind == QEvent.Type.FocusIn)
            self.raise_()
        elif kind == QEvent.Type.Resize:
            self.setGeometry(self.area.rect())
        return False

    WIDTH = 2

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), self.WIDTH))
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))


def scroll_page(parent: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless area that scrolls what is taller than the room, and the column to fill it: a screen's
    content above commands that must stay at the window's foot. The column keeps only the room of the
    area's focus ring and a gap: with none, the ring drawn over the page touched the title, the buttons
    and the table, which seemed to have no margin at the window's frame."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    FocusRing(area)
    inner = QWidget(area)
    column = QVBoxLayout(inner)
    gap = 2 * FocusRing.WIDTH
    column.setContentsMargins(gap, gap, gap, gap)
    area.setWidget(inner)
    return area, column


def wrap_lines(view: QListView) -> None:
    """Long lines wrap at the list's width and wrap again when it changes, so each line is read whole:
    no sideways scroll that cuts them, and no line cut at the list's edge."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)


def bring_into_view(widget: QWidget) -> None:
    """Scroll the nearest scroll area holding `widget` so that as much of it as fits is in view."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget, 0, 0)


class TextLabel(QLabel):
    """Plain text that wraps; `scale` and `bold` are relative to the app font, so text-size changes apply.

    Inside a QStackedWidget a word-wrapped label is not asked for its height for a width, so long text
    was cut off; the label sets its own minimum height from its width instead.

    The height for a width is remembered until the text, the font or the style changes: Qt's layouts
    ask for it many times in one pass, and QLabel lays the whole text out again each time (about 130
    text layouts per question on the check's screen).
    """

    _CHANGES_SIZE = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange,
                               QEvent.Type.ContentsRectChange, QEvent.Type.LayoutDirectionChange})

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0, bold: bool = False) -> None:
        super().__init__(parent)
        self._scale, self._bold = scale, bold
        # (width, minimum height, minimum width) -> height, for the current text, font and style
        self._heights: dict[tuple[int, int, int], int] = {}
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        app = QApplication.instance()
        if isinstance(app, QApplication) and (scale != 1.0 or bold):
            # Qt sends ApplicationFontChange only while the event loop runs; the text size is also set
            # before that, at start-up, so the label follows the signal, which always comes.
            app.fontChanged.connect(self._app_font_changed)
            follows_app_font(self)  # and again once a high-contrast sheet is on
        self._apply_font()

    def _apply_font(self) -> None:
        app = QApplication.instance()
        if (self._scale == 1.0 and not self._bold) or not isinstance(app, QApplication):
            return
        font = app.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(self._bold)
        self.setFont(font)

    def _app_font_changed(self, _font: QFont) -> None:
        self._apply_font()

    def follow_app_font(self) -> None:
        """Take the size relative to the app font again (appearance calls this after a style change)."""
        self._apply_font()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in self._CHANGES_SIZE:
            self._heights.clear()
        super().changeEvent(event)
        if kind == QEvent.Type.FontChange:
            # Larger text wraps onto more lines: take the new height, or the last lines are cut off.
            self._fit()

    def setText(self, text: str) -> None:
        if text == self.text():
            return  # the height already fits this text at this width; measuring it again costs a layout
        self._heights.clear()
        super().setText(text)
        self._fit()

    def heightForWidth(self, width: int) -> int:
        if width < 0:
            return super().heightForWidth(width)
        # QLabel's answer never goes below the label's minimum size (its fixed height, once fitted), so
        # the minimum is part of what is remembered.
        key = (width, self.minimumHeight(), self.minimumWidth())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 32:
                self._heights.clear()  # a window resized through many widths keeps only the recent ones
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # Exactly as tall as the text at this width: neither cut off nor padded with empty space.
        if self.width() <= 0:
            return
        width, height = self.width(), 0
        if self.text():
            natural = self._heights.get((width, 0, self.minimumWidth()))
            if natural is None:
                # QLabel's height for a width never goes below its minimum height, so lift the limits
                # first (each change of them makes the layouts above work again, so only when needed).
                self.setMinimumHeight(0)
                self.setMaximumHeight(QWIDGETSIZE_MAX)
                natural = self.heightForWidth(width)
            height = max(natural, 0)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)


class FixedTextLabel(TextLabel):
    """A TextLabel that sets its height from its width and answers no height for a width: asked, a tab
    page answered the tallest page's height for the window's width, and the screen outgrew a netbook's.

    On a tab not shown it holds no height at all: its width there is a stale one (a narrow default),
    the height wrapped to it was 448 px at 200 % text, and the tabs are as tall as their tallest page."""

    def hasHeightForWidth(self) -> bool:
        return False

    def _fit(self) -> None:
        if self.isVisible():
            super()._fit()
        elif self.minimumHeight() or self.maximumHeight() != QWIDGETSIZE_MAX:
            self.setMinimumHeight(0)
            self.setMaximumHeight(QWIDGETSIZE_MAX)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()


def arrange(layout: QBoxLayout, available: int) -> None:
    """Parts side by side when they fit in `available` px, else one above the other.

    Large text on a small screen would otherwise make a screen wider than the window; stacked, the
    screen only grows taller, and the window scrolls.
    """
    parts = [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
    margins = layout.contentsMargins()
    spacing = max(layout.spacing(), 0)
    needed = (sum(p.minimumSize().width() for p in parts) + spacing * max(len(parts) - 1, 0)
              + margins.left() + margins.right())
    wanted = QBoxLayout.Direction.LeftToRight if needed <= available else QBoxLayout.Direction.TopToBottom
    if layout.direction() != wanted:
        layout.setDirection(wanted)


class StackingScreen(QWidget):
    """A screen whose main row (`stacking`) goes side by side or stacked to fit the width it is given.

    The window calls fit_width with the width it can give; the screen checks again whenever its
    layout changes (larger text, new content), because sizes are only known once Qt has laid it out.
    """

    stacking: QBoxLayout | None = None
    _available = 0
    _refit_pending = False

    def fit_width(self, available: int) -> None:
        self._available = available
        layout = self.layout()
        if self.stacking is None or layout is None:
            return
        margins = layout.contentsMargins()
        arrange(self.stacking, available - margins.left() - margins.right())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self._available and not self._refit_pending:
            self._refit_pending = True
            QTimer.singleShot(0, self, self._refit)  # dropped if the screen is deleted first
        return super().event(event)

    def _refit(self) -> None:
        self._refit_pending = False
        self.fit_width(self._available)


class ButtonRow(QWidget):
    """Buttons on one line while they fit; otherwise they wrap onto further lines (large text).

    Buttons added with `end=True` sit at the right end of the line when everything fits on one.
    The row sets its own height for its width, as TextLabel does, because a QStackedWidget does not
    ask its pages' layouts for a height for a width.
    """

    SPACING = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start: list[QWidget] = []
        self._end: list[QWidget] = []

    def add(self, widget: QWidget, *, end: bool = False) -> None:
        widget.setParent(self)
        (self._end if end else self._start).append(widget)
        self._place()

    def _shown(self) -> list[QWidget]:
        return [w for w in self._start + self._end if not w.isHidden()]

    def minimumSizeHint(self) -> QSize:
        shown = self._shown()
        width = max((w.sizeHint().width() for w in shown), default=0)
        return QSize(width, self._lines_height(self.width() or width))

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(w.sizeHint().width() for w in shown) + self.SPACING * max(len(shown) - 1, 0)
        return QSize(width, self._lines_height(self.width() or width))

    def _lines(self, width: int) -> list[list[QWidget]]:
        lines: list[list[QWidget]] = [[]]
        used = 0
        for widget in self._shown():
            w = widget.sizeHint().width()
            if lines[-1] and used + self.SPACING + w > width:
                lines.append([])
                used = 0
            used += (self.SPACING if lines[-1] else 0) + w
            lines[-1].append(widget)
        return lines

    def _lines_height(self, width: int) -> int:
        lines = [line for line in self._lines(width) if line]
        heights = [max(w.sizeHint().height() for w in line) for line in lines]
        return sum(heights) + self.SPACING * max(len(heights) - 1, 0)

    def _place(self) -> None:
        width = self.width()
        lines = [line for line in self._lines(width) if line]
        one_line = len(lines) == 1
        y = 0
        for line in lines:
            height = max(w.sizeHint().height() for w in line)
            x = 0
            for widget in line:
                hint = widget.sizeHint()
                if one_line and widget is (self._end[0] if self._end else None):
                    # Push the end group to the right edge.
                    rest = sum(w.sizeHint().width() for w in line[line.index(widget):])
                    rest += self.SPACING * (len(line) - line.index(widget) - 1)
                    x = max(x, width - rest)
                widget.setGeometry(x, y, min(hint.width(), width), height)
                x += hint.width() + self.SPACING
            y += height + self.SPACING
        needed = self._lines_height(width)
        if self.minimumHeight() != needed or self.maximumHeight() != needed:
            self.setFixedHeight(needed)
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LayoutRequest:
            self._place()  # a button's text or font changed
        elif kind in (QEvent.Type.Show, QEvent.Type.FontChange):
            # Qt tells a hidden row nothing when its buttons grow (the text size changed while another
            # screen was shown): placed with the old sizes, the buttons were cut off. Placed again when
            # shown, and once the buttons have their new font.
            self._place()
            QTimer.singleShot(0, self, self._place)
        return super().event(event)


class ButtonText(TextLabel):
    """The wrapping text of a check box or radio button placed beside it (a button's own text never
    wraps); a click on the text works as a click on the button."""

    def __init__(self, button: QAbstractButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class DialogBody(QScrollArea):
    """A dialog's fields and texts above its buttons, scrolled when the screen is too short for them.

    On a 1024×600 netbook at 200 % text the new-person form is taller than the screen: kept to the
    screen by fit_dialog, its layout laid the consent text over the OK button. Here the dialog still
    asks for the body's whole height, and what the screen cannot hold scrolls; the buttons stay shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, which it scrolls into view
        self.setWidget(QWidget(self))

    def inner(self) -> QWidget:
        widget = self.widget()
        assert widget is not None
        return widget

    def sizeHint(self) -> QSize:
        # QScrollArea caps its hint at 24 lines; the whole content, at the width it is shown at, instead.
        hint = self.inner().sizeHint()
        width = max(self.viewport().width(), hint.width()) if self.isVisible() else hint.width()
        height = self.inner().heightForWidth(width) if self.inner().hasHeightForWidth() else -1
        return QSize(hint.width() + self._bar_room(), max(height, hint.height()))

    def minimumSizeHint(self) -> QSize:
        # As narrow as its content allows, but free to be shorter: the rest scrolls.
        width = self.inner().minimumSizeHint().width() + self._bar_room()
        return QSize(width, 3 * self.fontMetrics().height())

    def _bar_room(self) -> int:
        """Room for the vertical scroll bar, asked for whether or not it shows: a form cut to a short
        screen gets the bar, and without its width the fields' right ends were cut behind a sideways
        scroll bar (1024×600 at 200 %)."""
        return self.verticalScrollBar().sizeHint().width()


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen `widget`'s window is on (the one holding the window's centre), else the primary one.

    Use this, never widget.screen(): PySide6 makes the QScreen's Python wrapper a child of the widget
    it was asked of. A dialog belongs to Python once exec() has returned and Python's garbage collector
    frees it; collected together with that wrapper, the QScreen itself was deleted while Qt still listed
    it, and the next paint of the window crashed the app (after the first person was added).
    With several screens, the window's centre decides (a window straddling two may be sized for the
    other one); where a window has no known position (Wayland), the screen under (0, 0) or the primary.
    """
    centre = widget.window().frameGeometry().center()
    return QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()


def fit_dialog(dialog: QWidget) -> None:
    """Size a just-shown dialog to its settled content, within the screen.

    Wrapped texts take their height from their width, which is only known after the first layout
    pass; without this the dialog kept the height the text needed at a narrower width.
    """

    def fit(again: bool) -> None:
        # A scroll area is a layout boundary: what its content came to need once shown (a combo box
        # widened to its longest entry) reaches the dialog's layout only when asked for again.
        for body in dialog.findChildren(DialogBody):
            body.updateGeometry()
        layout = dialog.layout()
        if layout is not None:
            layout.activate()
        dialog.adjustSize()
        # adjustSize() keeps a window within 2/3 of the screen's width too: narrower than its layout's
        # minimum (a long role name in a combo box at 200 %), a dialog squeezed or cut its fields.
        if layout is not None and dialog.width() < layout.totalMinimumSize().width():
            dialog.resize(layout.totalMinimumSize().width(), dialog.height())
        # adjustSize() keeps a window within 2/3 of the screen; at large text sizes a dialog needs more,
        # and would squeeze its fields and lay its wrapped texts over its buttons.
        wanted = (dialog.heightForWidth(dialog.width()) if dialog.hasHeightForWidth()
                  else dialog.sizeHint().height())
        if wanted > dialog.height():
            dialog.resize(dialog.width(), wanted)
        screen = screen_of(dialog)
        if screen is not None:
            room = screen.availableGeometry()
            frame = dialog.frameGeometry()  # a window manager adds a title bar and borders
            extra_w, extra_h = frame.width() - dialog.width(), frame.height() - dialog.height()
            if frame.width() > room.width() and dialog.minimumWidth() > room.width() - extra_w:
                # A dialog's own minimum (520 pixels, say) is wider than a netbook at Qt's 200 %
                # scaling (512): its right edge, buttons and fields' ends, was past the screen's.
                dialog.setMinimumWidth(room.width() - extra_w)
            if frame.height() > room.height() or frame.width() > room.width():
                dialog.resize(min(dialog.width(), room.width() - extra_w),
                              min(dialog.height(), room.height() - extra_h))
            # Grown after it was placed, a dialog could reach past the screen's edge with its buttons.
            frame = dialog.frameGeometry()
            x = max(room.left(), min(frame.left(), room.right() + 1 - frame.width()))
            y = max(room.top(), min(frame.top(), room.bottom() + 1 - frame.height()))
            if (x, y) != (frame.left(), frame.top()):
                dialog.move(x, y)
        if again:
            # The new width re-wraps the texts once more; a second pass takes their final height.
            QTimer.singleShot(0, dialog, lambda: fit(False))

    QTimer.singleShot(0, dialog, lambda: fit(True))


# A run of letters with no space or hyphen longer than this is given places to break (see breakable).
_LONGEST_UNBROKEN = 20
_UNBROKEN_RUN = re.compile(rf"[^\s-]{{{_LONGEST_UNBROKEN + 1},}}")


def breakable(text: str) -> str:
    """`text` with a zero-width space every few letters of a run too long to wrap (a name of 200 letters
    typed without a space): a wrapping label breaks a line only between words, and one such "word" made
    Home and the plan's heading wider than the screen. Real names and ordinary words are left as they are."""
    def split(found: re.Match[str]) -> str:
        run = found.group()
        return "\u200b".join(run[i:i + _LONGEST_UNBROKEN] for i in range(0, len(run), _LONGEST_UNBROKEN))

    return _UNBROKEN_RUN.sub(split, text)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" where the room ends, whole in its tooltip and accessible name.

    For a person's name in the status bar: a 200-character name asked for 1,650 px there and pushed the
    window past the screen's edge. text() is the whole text; only what is drawn is shortened.
    """

    # Never narrower than this many average characters, unless the text itself is shorter.
    SHORTEST = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)
        self._tip()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        shortest = min(metrics.horizontalAdvance(self.text()),
                       metrics.averageCharWidth() * self.SHORTEST) + margins.left() + margins.right()
        return QSize(min(hint.width(), shortest), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def shown_text(self) -> str:
        """What is drawn: the text, or its start and "…" when it does not fit."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._tip()

    def _tip(self) -> None:
        self.setToolTip(self.text() if self.text() and self.is_elided() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.is_elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())


class NoticeBar(QStatusBar):
    """The window's status bar, whose notices wrap onto more lines.

    QStatusBar draws a notice (showMessage) on one line and cuts it where the permanent widgets begin:
    at 200 % text "Coordinator mode is open…" stopped at the person's name. Here the notice is a
    wrapping label, the bar's ordinary widget, so it takes the lines it needs; the calls are QStatusBar's.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = TextLabel(self)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.addWidget(self.note, 1)
        self.note.hide()
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.clearMessage)
        self._words: Callable[[], str] | None = None

    def say(self, words: Callable[[], str], timeout: int = 0) -> None:
        """A notice worded by `words`, worded again when the language changes, so that it always
        reads in the language the app is shown in."""
        self.showMessage(words(), timeout)
        self._words = words

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._words is not None and self.currentMessage():
            text = self._words()
            self.note.setText(text)
            self.note.setAccessibleName(text)
            self.messageChanged.emit(text)
        super().changeEvent(event)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        self._words = None
        self.note.setText(text)
        self.note.setAccessibleName(text)
        self.note.setVisible(bool(text))  # an empty label would still ask for a line's height
        if timeout:
            self._expiry.start(timeout)
        else:
            self._expiry.stop()
        self.messageChanged.emit(text)

    def clearMessage(self) -> None:
        self._words = None
        self._expiry.stop()
        self.note.setText("")
        self.note.setAccessibleName("")
        self.note.hide()
        self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self.note.text()


def show_dates(edit: QDateEdit, lang: str) -> None:
    """A date field written as every list and report writes dates (14.03.2026, 14 Mar 2026).

    Qt's own short format (15.12.26, 15/12/2026) would differ from the dates beside the field.
    """
    edit.setLocale(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Ukrainian))
    edit.setDisplayFormat(date_pattern(lang))


class FittedTable(QTableWidget):
    """A table whose columns fit its width, their text and heads wrapping rather than cut or hidden.

    The columns take their text's width while all fit; when they do not (a netbook, 200 % text) they
    share the width and their text and heads wrap, rather than hide behind a scroll bar of the table's
    own that covered all but one row and cut the last head. Only when not even each column's longest
    word fits do the columns keep those widths and the table scroll sideways: a word is never cut.

    With `all_rows` (the results' levels per area) the table is as tall as its rows and the page around
    it scrolls as a whole, never a box inside it; without, it scrolls its rows in the room it is given
    (the dashboard's pages), and that scroll bar's room is kept free for it.
    """

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None, *,
                 all_rows: bool = True, stretch: int | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.all_rows = all_rows
        # The column that takes the room the others leave: by default the last; a table of names and
        # counts gives it to the names, so each count stays under its own head.
        self.stretch = stretch
        # Read, not edited: whole rows are chosen, and the row numbers say nothing.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab and Shift+Tab leave the table (arrows move inside it), and Ctrl+Tab reaches the tabs around
        # it: Qt's tables keep Tab for moving cell to cell, and the keyboard never left a table read only.
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        if all_rows:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            # A row by the pixel, not by the row: a wrapped row taller than the view is read to its end.
            self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._fitting = False

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True  # setting the height below resizes the table, which would fit it again
        try:
            header = self.horizontalHeader()
            room = self.width() - 2 * self.frameWidth()
            if not self.all_rows:
                room -= self.verticalScrollBar().sizeHint().width()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            natural = [header.sectionSize(c) for c in range(self.columnCount())]
            sideways = False
            if sum(natural) > room > 0:
                sideways = self._share(room, natural)
            elif self.stretch is None:
                header.setStretchLastSection(True)
            else:
                header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
            self.setHorizontalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAlwaysOn if sideways else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            if not self.all_rows:
                self._align_tops()
            self.resizeRowsToContents()
            heads = self._heads_height()
            header.setFixedHeight(heads)  # a wrapped head is shown whole
            bar = self.horizontalScrollBar().sizeHint().height() if sideways else 0
            if self.all_rows:
                rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
                self.setFixedHeight(heads + rows + bar + 2 * self.frameWidth())
            else:
                # The wrapped heads take room from the rows: ask for enough to read two lines of the
                # first row (at 200 % text on a netbook the heads alone filled the table's share of the
                # screen). Not the whole row: six areas' levels on a netbook are taller than the window.
                lines = 2 * self.fontMetrics().lineSpacing() + 8
                first = min(self.rowHeight(0), lines) if self.rowCount() else 0
                self.setMinimumHeight(heads + first + bar + 2 * self.frameWidth())
                # Never taller than its rows: the room a short table leaves goes to what is beside it
                # (the history's chart), not to empty rows.
                rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
                self.setMaximumHeight(max(self.minimumHeight(), heads + rows + bar + 2 * self.frameWidth()))
        finally:
            self._fitting = False

    def _align_tops(self) -> None:
        """Cells start at their row's top: in a row taller than the view, centred short cells (the
        date, the kind) were below the part in view and the row looked empty."""
        horizontal, top = Qt.AlignmentFlag.AlignHorizontal_Mask, Qt.AlignmentFlag.AlignTop
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None:
                    across = Qt.AlignmentFlag(int(item.textAlignment())) & horizontal
                    item.setTextAlignment((across or Qt.AlignmentFlag.AlignLeading) | top)

    def _share(self, room: int, natural: list[int]) -> bool:
        """Columns narrower than their text: each keeps its longest word (a word is never cut, as
        «Інформа…» was), and what room is left goes to each as far as its text is longer than that.
        True when not even the longest words fit: the columns then keep them and the table scrolls."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics, head_metrics = self.fontMetrics(), header.fontMetrics()
        pad = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 8
        # A head's text sits inside the header's own margins (wider than a cell's at any text size).
        head_pad = max(pad, 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
                       + 8)
        words = []
        for column in range(self.columnCount()):
            texts = [(head_metrics, head_pad, self.horizontalHeaderItem(column))] + [
                (metrics, pad, self.item(row, column)) for row in range(self.rowCount())]
            widest = max((m.horizontalAdvance(word) + extra for m, extra, item in texts if item is not None
                          for word in _unbroken(item.text())), default=0)
            words.append(min(widest, natural[column]))
        # Where the room allows, a head takes at most two lines: at 200 % text a narrow column's head
        # («Власна оцінка до → після») stood four lines tall and left the rows below it no room.
        heads = [max(word, min(_two_lines(head_metrics, self.horizontalHeaderItem(column)) + head_pad,
                               natural[column]))
                 for column, word in enumerate(words)]
        if sum(heads) <= room:
            words = heads
        if sum(words) > room:
            # Not even every longest word fits (200 % text on a netbook): squeezed, the words would end
            # in "…" («Серед…», «Найімовірніш»); whole, the last columns are a sideways scroll away.
            for column, word in enumerate(words):
                header.resizeSection(column, word)
            return True
        spare = max(room - sum(words), 0)
        longer = [n - w for n, w in zip(natural, words, strict=True)]
        total = sum(longer) or 1
        for column, (word, more) in enumerate(zip(words, longer, strict=True)):
            header.resizeSection(column, word + spare * more // total)
        return False

    def _heads_height(self) -> int:
        """The tallest column head, its text wrapped in its column (QHeaderView measures one line)."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        tallest = header.sizeHint().height()
        for column in range(self.columnCount()):
            item = self.horizontalHeaderItem(column)
            width = max(header.sectionSize(column) - 2 * margin, 1)
            if item is not None:
                text = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, item.text())
                tallest = max(tallest, text.height() + 2 * margin + 2)
        return tallest

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self, self.fit)  # a new width wraps the text onto other lines

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self.fit)  # larger text: taller rows and heads

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Widths and row heights measured on a hidden page (a tab not yet shown) cut text short.
        QTimer.singleShot(0, self, self.fit)


def _two_lines(metrics: QFontMetrics, item: QTableWidgetItem | None) -> int:
    """The narrowest width at which `item`'s text wraps onto two lines at most (split between words)."""
    if item is None:
        return 0
    words = item.text().split()
    space = metrics.horizontalAdvance(" ")
    if len(words) < 2:
        return metrics.horizontalAdvance(item.text())
    widths = [metrics.horizontalAdvance(word) for word in words]
    return min(max(sum(widths[:cut]) + space * (cut - 1), sum(widths[cut:]) + space * (len(words) - cut - 1))
               for cut in range(1, len(words)))


def _unbroken(text: str) -> list[str]:
    """The pieces a line of `text` is never broken within: words, and the parts of a hyphenated word
    (Qt breaks «застосунком-автентифікатором» after its hyphen, as Unicode's line breaking allows)."""
    return [piece for piece in re.split(r"\s+|(?<=\w-)(?=\w)", text) if piece]
