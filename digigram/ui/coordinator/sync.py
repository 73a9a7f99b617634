"""Sync with the region: push this computer's results to the regional database, in a worker thread."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.errors import DigigramError
from digigram.core.i18n import format_count
from digigram.ui.coordinator.bundles import record_name
from digigram.ui.widgets import TextLabel, fit_dialog, percent_format

if TYPE_CHECKING:
    from digigram.services.api import CoordinatorAPI, WorkspaceAPI

translate = QCoreApplication.translate
# The regional database's address, without credentials (those live in a service file or PGPASSFILE).
URL_SETTING = "regional_database_url"


class SyncWorker(QThread):
    """Runs CoordinatorAPI.sync_to off the event loop; progress and the outcome come back as signals,
    which Qt delivers in the window's thread."""

    progressed = Signal(str, int, int)
    succeeded = Signal(object)  # the ImportReport
    failed = Signal(object)  # the DigigramError

    def __init__(self, co: CoordinatorAPI, url: str, lang: str) -> None:
        super().__init__()
        self.co, self.url, self.lang = co, url, lang
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            report = self.co.sync_to(self.url, lang=self.lang, progress=self.progressed.emit,
                                     cancelled=self.stop.is_set)
        except DigigramError as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(report)


SERVICE_EXAMPLE = "postgresql+psycopg:///?service=rivne-import"
# How long closing the dialog mid-sync waits for the worker before leaving it to finish in the background.
CLOSE_WAIT_MS = 1000
# What the dialog says at the sync's stages before the records' counts (digigram.services.sync).
STAGES = {"connect": lambda: translate("Sync", "Connecting to the regional database…"),
          "prepare": lambda: translate("Sync", "Preparing what to send…")}


class _Background(QObject):
    """Sync workers whose dialog closed before they ended. A QThread must not be destroyed while it
    runs: each is kept until it ends, and the app waits for the rest when it quits, so that a rollback
    is never cut short."""

    def __init__(self) -> None:
        super().__init__()
        self.workers: set[SyncWorker] = set()

    def keep(self, worker: SyncWorker) -> None:
        self.workers.add(worker)
        worker.finished.connect(self.release)  # a slot of an object in the window's thread: run there

    @Slot()
    def release(self) -> None:
        for worker in [w for w in self.workers if w.isFinished() or w.wait(100)]:
            self.workers.discard(worker)
            worker.deleteLater()

    @Slot()
    def wait_for_all(self) -> None:
        for worker in list(self.workers):
            worker.wait()
        self.workers.clear()


_BACKGROUND: list[_Background] = []


def background() -> _Background:
    """The one keeper of the workers left running, made (and tied to the app's quitting) on first use."""
    if not _BACKGROUND:
        keeper = _Background()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(keeper.wait_for_all)
        _BACKGROUND.append(keeper)
    return _BACKGROUND[0]


class SyncDialog(QDialog):
    """The address (stored, without credentials), a progress bar, Sync and Cancel, and what was sent."""

    def __init__(self, parent: QWidget | None, *, ws: WorkspaceAPI, co: CoordinatorAPI, lang: str) -> None:
        super().__init__(parent)
        self.ws, self.co, self.lang = ws, co, lang
        self.worker: SyncWorker | None = None
        self._url = ""
        self.setWindowTitle(translate("Sync", "Sync with the region"))
        layout = QVBoxLayout(self)
        intro = TextLabel(self)  # wraps, and keeps the height its lines need at 200 % text
        intro.setText(translate(
            "Sync", "Sends the finished checks and plans on this computer that the regional database does "
            "not have yet. The password is not typed here: it is kept in a PostgreSQL service file or a "
            "PGPASSFILE, which the region's administrator sets up."))
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setAccessibleName(translate("Sync", "Address of the regional database"))
        self.url.setPlaceholderText("postgresql+psycopg://digigram@/digigram?service=region")
        # Room for a service address as docs/regional.md writes it: at 200 % text the field showed
        # about a dozen letters of the address.
        self.url.setMinimumWidth(self.url.fontMetrics().horizontalAdvance(SERVICE_EXAMPLE) + 16)
        self.url.setText(str(ws.setting(URL_SETTING, "") or ""))
        self.url.setCursorPosition(0)  # a long address shows its start (driver, server), not its last options
        label = QLabel(translate("Sync", "&Regional database:"), self)
        label.setBuddy(self.url)
        form.addRow(label, self.url)
        layout.addLayout(form)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(translate("Sync", "Sync progress"))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        percent_format(self.bar)
        layout.addWidget(self.bar)
        self.status = TextLabel(self)
        self.status.hide()  # until there is something to say
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.start = QPushButton(translate("Sync", "&Sync"), self)
        self.start.setAccessibleName(translate("Sync", "Start the sync"))
        self.cancel = QPushButton(translate("Sync", "&Cancel"), self)
        self.cancel.setAccessibleName(translate("Sync", "Cancel the sync"))
        self.buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.start.clicked.connect(self.begin)
        self.cancel.clicked.connect(self.stop_or_close)
        # Room the dialog has beyond its content (it grew for a long message, then a shorter one came)
        # goes above the buttons, not into a blank band between the address and the progress bar.
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_dialog(self)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    @property
    def running(self) -> bool:
        return self.worker is not None

    def begin(self) -> None:
        if self.running:
            return
        url = self.url.text().strip()
        if not url:
            self._say(translate("Sync", "Give the address of the regional database first."))
            return
        self._say(translate("Sync", "Connecting to the regional database…"))
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.start.setEnabled(False)
        self.url.setEnabled(False)
        self.cancel.setText(translate("Sync", "&Cancel"))  # "Close" after an earlier run; now it cancels
        self._url = url
        worker = SyncWorker(self.co, url, self.lang)
        worker.progressed.connect(self._progress)
        # Bound methods of this dialog, never lambdas: Qt then runs them in the window's thread.
        worker.succeeded.connect(self._done)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._ended)
        self.worker = worker
        worker.start()

    def stop_or_close(self) -> None:
        if self.worker is None:
            self.reject()
            return
        self.worker.stop.set()
        self.cancel.setEnabled(False)
        self._say(translate("Sync", "Cancelling… nothing is kept from this sync."))

    def _progress(self, kind: str, done: int, total: int) -> None:
        if self.worker is not None and self.worker.stop.is_set():
            return  # the "cancelling" text stays
        if kind in STAGES:
            self.bar.setRange(0, 0)
            self._say(STAGES[kind]())
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self._say(translate("Sync", "%1: %2 of %3").replace("%1", record_name(kind))
                            .replace("%2", format_count(done, self.lang))
                            .replace("%3", format_count(total, self.lang)))

    def _done(self, report: Any) -> None:
        self.ws.set_setting(URL_SETTING, self._url)  # the address only: it holds no password (checked)
        lines = [translate("Sync", "Sent to the regional database:")]
        for kind in ("people", "attempts", "answers", "plans"):
            lines.append(translate("Sync", "%1: %2 new, %3 already there").replace("%1", record_name(kind))
                         .replace("%2", format_count(report.added.get(kind, 0), self.lang))
                         .replace("%3", format_count(report.unchanged.get(kind, 0), self.lang)))
        lines += list(report.warnings)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._say("\n".join(lines))
        fit_dialog(self)  # the report is longer than what the dialog opened with

    def _failed(self, exc: DigigramError) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self._say(exc.said_in_app(self.lang))
        fit_dialog(self)

    def _ended(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self.start.setEnabled(True)
        self.url.setEnabled(True)
        self.cancel.setEnabled(True)
        self.cancel.setText(translate("Sync", "&Close"))
        self.start.setText(translate("Sync", "&Sync again"))

    def closeEvent(self, event: QCloseEvent) -> None:
        worker = self.worker
        if worker is not None:
            # A cancel takes effect at the next step (at once while connecting). One that waits on the
            # server longer finishes in the background, rollback included, without holding the window.
            worker.stop.set()
            if not worker.wait(CLOSE_WAIT_MS):
                for signal, slot in ((worker.progressed, self._progress), (worker.succeeded, self._done),
                                     (worker.failed, self._failed), (worker.finished, self._ended)):
                    signal.disconnect(slot)
                self.worker = None
                background().keep(worker)
            self._ended()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.worker is not None:
            self.stop_or_close()
            return
        super().reject()

    @classmethod
    def open_for(cls, parent: QWidget | None, *, ws: WorkspaceAPI, co: CoordinatorAPI, lang: str) -> None:
        """Show the dialog until closed. Tests replace this."""
        cls(parent, ws=ws, co=co, lang=lang).exec()
