"""Saving and loading offline result bundles: file, date, the regional key or an explicit unsigned choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.bundle.format import regional_key
from digigram.core.coordination import BundleKeyRefused
from digigram.core.errors import Cancelled, DigigramError, os_reason
from digigram.core.i18n import N_, format_count
from digigram.ui.appearance import current_language
from digigram.ui.coordinator.files import Ask
from digigram.ui.errors import show_problem
from digigram.ui.widgets import WorkDialog, fit_dialog, show_dates

if TYPE_CHECKING:
    from digigram.core.coordination import BundleSummary, ImportReport
    from digigram.services.api import CoordinatorAPI

translate = QCoreApplication.translate


@dataclass(frozen=True)
class BundleChoice:
    path: str
    key: bytes | None  # None only together with unsigned=True
    unsigned: bool
    since: date | None = None


class BundleDialog(QDialog):
    """One form for both directions; `saving` picks the texts and whether a "since" date is offered.

    `hub`, when saving: the hub whose trainees the bundle holds (the trainee table's hub filter), or None
    for everyone; the form says which."""

    def __init__(self, parent: QWidget | None, *, saving: bool, hub: str | None = None) -> None:
        super().__init__(parent)
        self.saving = saving
        self.setWindowTitle(translate("Bundles", "Save a result bundle") if saving
                            else translate("Bundles", "Load a result bundle"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate(
            "Bundles", "A bundle carries results to the region on a USB stick. The regional key signs it, "
                       "so that changes made on the way are found.") if saving else translate(
            "Bundles", "Results from a bundle are added to this computer's data. A backup is made first; "
                       "loading the same bundle twice changes nothing."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # Whom the bundle holds: the trainee table's hub filter limited it, folded away or not, and the
        # form never said so; the table's group and dates do not limit it.
        self.scope = QLabel(bundle_scope(hub), self)
        self.scope.setWordWrap(True)
        self.scope.setVisible(saving)
        layout.addWidget(self.scope)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setAccessibleName(translate("Bundles", "Bundle file"))
        # Room for a file name and a short folder (30 characters): at 200 % text the field was left
        # with a dozen, and the chosen bundle's name could not be read.
        self.path.setMinimumWidth(30 * self.path.fontMetrics().averageCharWidth())
        self.browse = QPushButton(translate("Bundles", "Br&owse…"), self)
        self.browse.setAccessibleName(translate("Bundles", "Choose the bundle file"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        path_label = QLabel(translate("Bundles", "&File:"), self)
        path_label.setBuddy(self.path)
        form.addRow(path_label, row)
        self.use_since = QCheckBox(translate("Bundles", "Only checks &since:"), self)
        self.use_since.setAccessibleName(translate("Bundles", "Only checks since a date"))
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        show_dates(self.since, current_language())
        self.since.setDate(QDate.currentDate().addMonths(-3))
        self.since.setEnabled(False)
        self.since.setAccessibleName(translate("Bundles", "First day of checks in the bundle"))
        self.use_since.toggled.connect(self.since.setEnabled)
        if saving:
            form.addRow(self.use_since, self.since)
        else:
            self.use_since.hide()
            self.since.hide()
        self.signed = QRadioButton(translate("Bundles", "Use the regional &key:"), self)
        self.signed.setAccessibleName(translate("Bundles", "Use the regional key"))
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(translate("Bundles", "Regional key"))
        self.unsigned = QRadioButton(translate("Bundles", "&No key (unsigned)") if saving
                                     else translate("Bundles", "&Accept a bundle without a signature"), self)
        self.unsigned.setAccessibleName(self.unsigned.text().replace("&", ""))
        self.signed.setChecked(True)
        form.addRow(self.signed, self.key)
        form.addRow(self.unsigned)
        layout.addLayout(form)
        self.warning = QLabel("⚠ " + (translate(
            "Bundles", "Without a signature nobody can tell whether the results were changed on the way.")
            if saving else translate(
            "Bundles", "Without a signature you cannot tell whether the results were changed on the way. "
                       "Load it only if you know where it came from.")), self)
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browse.clicked.connect(self._browse)
        self.signed.toggled.connect(self._update)
        self._update()
        self.setMinimumWidth(560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt keeps a new dialog within two thirds of the screen's width (682 px on a netbook), narrower
        # than its fields at 200 %: the file field then ran under Browse. Sized to its content instead.
        fit_dialog(self)

    def _update(self) -> None:
        self.key.setEnabled(self.signed.isChecked())
        self.warning.setVisible(self.unsigned.isChecked())
        self._refit()

    def _refit(self) -> None:
        """The dialog grows for a text it comes to show (the unsigned warning, a problem): it kept its
        height, and the file and key fields were squeezed to slivers to make room for two lines."""
        if self.isVisible():
            fit_dialog(self)

    def _browse(self) -> None:
        if self.saving:
            chosen = Ask.save_path(self, title=self.windowTitle(),
                                   suggested=f"digigram-results-{date.today().isoformat()}.zip",
                                   pattern=translate("Bundles", "Result bundle (*.zip)"))
        else:
            chosen = Ask.open_path(self, title=self.windowTitle(),
                                   pattern=translate("Bundles", "Result bundle (*.zip)"))
        if chosen:
            self.path.setText(chosen)

    def choice(self) -> BundleChoice | str:
        """The choice, or why it cannot be used yet."""
        path = self.path.text().strip()
        if not path:
            return translate("Bundles", "Please choose the bundle file.")
        if self.signed.isChecked() and not self.key.text():
            return translate("Bundles", "Please enter the regional key, or choose the unsigned option.")
        key = None
        if self.signed.isChecked():
            # The key the command line derives from the same phrase (or 64 hex digits), so that a bundle
            # saved in the app loads with `digigram bundle import` and the other way round: the phrase's
            # own bytes signed here, and the region's computer said the signature did not match.
            try:
                key = regional_key(self.key.text())
            except DigigramError as exc:  # shorter than the rule: said here, before anything is written
                return exc.said_in_app(current_language())
        since = self.since.date().toPython() if self.saving and self.use_since.isChecked() else None
        return BundleChoice(path=path, key=key, unsigned=not self.signed.isChecked(),
                            since=since)  # type: ignore[arg-type]

    def _accept(self) -> None:
        choice = self.choice()
        if isinstance(choice, str):
            self.problem.setText(choice)
            self._refit()
        else:
            self.chosen = choice  # the key derived once (a deliberately slow step), not again by ask()
            self.accept()

    chosen: BundleChoice | None = None

    def key_refused(self, path: str, problem: str) -> None:
        """The form again after the key was refused: the file kept, the key cleared and focused, and
        why it was refused said above the buttons (the whole form had to be filled in again)."""
        self.path.setText(path)
        self.signed.setChecked(True)
        self.key.clear()
        self.problem.setText(problem)
        self._refit()
        self.key.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, *, saving: bool, hub: str | None = None,
            refused: tuple[str, str] | None = None) -> BundleChoice | None:
        """The coordinator's choice, or None when cancelled. `refused`: (the file, why its key was
        refused), to ask again for the key. Tests replace this."""
        dialog = cls(parent, saving=saving, hub=hub)
        if refused is not None:
            dialog.key_refused(*refused)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen


def bundle_scope(hub: str | None) -> str:
    """Whose results a saved bundle holds, in words."""
    if hub is None:
        return translate("Bundles", "The bundle holds the results of the trainees of all hubs; the trainee "
                                    "table's filters do not limit it.")
    return translate("Bundles", "The bundle holds the results of the trainees of the hub «%1» only, the hub "
                                "chosen above the trainee table; the group and dates chosen there do not "
                                "limit it.").replace("%1", hub)


# The progress kinds of records an SQLite import checks in a second process, and the records they count.
CHECKED_KINDS = {"answers_checked": "answers", "results_checked": "results"}


def record_name(kind: str) -> str:
    """A kind of record a bundle or a sync carries, as a coordinator reads it ("checks", not "attempts")."""
    names = {"people": translate("Bundles", "people"), "attempts": translate("Bundles", "checks"),
             "answers": translate("Bundles", "answers"), "plans": translate("Bundles", "plans"),
             "frameworks": translate("Bundles", "framework versions"),
             "results": translate("Bundles", "area results"),
             "plan_steps": translate("Bundles", "plan steps"),
             "recomputed": translate("Bundles", "check results")}
    return names.get(kind, kind)


def _counts(mapping: Any) -> str:
    lang = current_language()
    return ", ".join(f"{record_name(k)}: {format_count(v, lang)}" for k, v in mapping.items()) or "—"


def export_bundle(parent: QWidget, co: CoordinatorAPI, *, hub_id: str | None = None,
                  hub: str | None = None) -> BundleSummary | None:
    """`hub_id`: only that hub's trainees, named `hub` in the form and the confirmation."""
    if hub_id is None:
        hub = None
    elif hub is None:
        hub = hub_id
    choice = BundleDialog.ask(parent, saving=True, hub=hub)
    if choice is None:
        return None
    path = choice.path if choice.path.lower().endswith(".zip") else choice.path + ".zip"
    # A region's bundle takes minutes to write: say how far it is, as loading does. Cancel stops it
    # cleanly: the bundle is written to a temporary file that is removed, so no half bundle is left.
    waiting = WorkDialog(parent, title=translate("Bundles", "Save a result bundle"),
                         text=translate("Bundles", "Saving the bundle…"),
                         cancel=translate("Bundles", "Cancel"))

    def heard(kind: str, done: int, total: int) -> None:
        lang = current_language()
        text = (translate("Bundles", "Writing %1: %2 of %3").replace("%3", format_count(total, lang)) if total
                else translate("Bundles", "Writing %1: %2"))
        # 0: a busy bar, the number written so far in the text; answers, the longest part, have no total
        waiting.report(text.replace("%1", record_name(kind)).replace("%2", format_count(done, lang)),
                       min(done, total), total)

    try:
        summary = co.export_bundle(path, key=choice.key, since=choice.since, hub_id=hub_id,
                                   progress=heard, cancelled=waiting.wasCanceled)
    except (DigigramError, OSError) as exc:
        cancelled = waiting.wasCanceled()
        waiting.close()
        if cancelled:  # asked for: said quietly, not as a problem
            Ask.done(parent, text=translate("Bundles", "Saving was cancelled. No bundle file was written."))
            return None
        show_problem(parent, exc if isinstance(exc, DigigramError) else DigigramError(
            N_("Could not write the bundle {path}: {reason}. Nothing was exported.", path=path,
               reason=os_reason(exc))))
        return None
    finally:
        waiting.close()
        waiting.deleteLater()
    # Each line a sentence: the second began «people: 12, …» in lower case.
    text = translate("Bundles", "Bundle saved: %1\nIn it: people %2, checks %3, answers %4, plans %5.")
    lang = current_language()
    text = text.replace("%1", str(summary.path))
    for mark, count in (("%2", summary.people), ("%3", summary.attempts), ("%4", summary.answers),
                        ("%5", summary.plans)):
        text = text.replace(mark, format_count(count, lang))
    text += "\n" + bundle_scope(hub)
    if not summary.signed:
        text += "\n⚠ " + translate("Bundles", "The bundle is not signed.")
    Ask.done(parent, text=text)
    return summary


def import_bundle(parent: QWidget, co: CoordinatorAPI, *, lang: str) -> ImportReport | None:
    refused: tuple[str, str] | None = None
    while True:
        choice = BundleDialog.ask(parent, saving=False, refused=refused)
        if choice is None:
            return None
        try:
            return _load(parent, co, choice, lang=lang)
        except BundleKeyRefused as exc:  # asked again at once, the file kept: only the key is retyped
            refused = (choice.path, exc.said_in_app(current_language()))


def _load(parent: QWidget, co: CoordinatorAPI, choice: BundleChoice, *, lang: str) -> ImportReport | None:
    """Load the chosen bundle with a progress window; BundleKeyRefused when the key does not open it."""
    # A region's bundle takes a while to check and write: the window would look frozen without this.
    # Cancel stops it at its next step: the import is written in one transaction, rolled back then.
    waiting = WorkDialog(parent, title=translate("Bundles", "Load a result bundle"),
                         text=translate("Bundles", "Loading the bundle…"),
                         cancel=translate("Bundles", "Cancel"))

    def heard(kind: str, done: int, total: int) -> None:
        checked = CHECKED_KINDS.get(kind)
        if checked is not None:  # (SQLite) checked by a second process while they are loaded
            text = translate("Bundles", "Checking %1: %2 of %3").replace("%1", record_name(checked))
        else:
            text = translate("Bundles", "Checking and loading %1: %2 of %3").replace("%1", record_name(kind))
        waiting.report(text.replace("%2", format_count(done, lang)).replace("%3", format_count(total, lang)),
                       min(done, max(total, 1)), max(total, 1))

    try:
        report = co.import_bundle(choice.path, key=choice.key, allow_unsigned=choice.unsigned, lang=lang,
                                  progress=heard, cancelled=waiting.wasCanceled)
        # A press while the import committed waits in the queue: heard now, it is answered below. (Only
        # with the dialog up: it keeps the window behind from taking a click meant for after the import.)
        if waiting.isVisible():
            QCoreApplication.processEvents()
        late = waiting.wasCanceled()  # pressed once the import had nothing left to do but commit
    except BundleKeyRefused:
        waiting.close()
        raise
    except Cancelled:  # asked for: said quietly, not as a problem
        waiting.close()
        Ask.done(parent, text=translate("Bundles", "Loading was cancelled. Nothing was imported."))
        return None
    except DigigramError as exc:  # refused: the message says why, and nothing was written
        waiting.close()
        show_problem(parent, exc)
        return None
    finally:
        waiting.close()
        waiting.deleteLater()
    lines = [translate("Bundles", "Cancel came too late: the bundle had already been loaded.") if late
             else translate("Bundles", "Bundle loaded."),
             translate("Bundles", "Added: %1").replace("%1", _counts(report.added)),
             translate("Bundles", "Already here, unchanged: %1").replace("%1", _counts(report.unchanged))]
    # An unsigned bundle's warning comes with the report, worded in `lang`: saying it here too doubled it.
    lines += ["⚠ " + w for w in report.warnings]
    Ask.done(parent, text="\n".join(lines))
    return report
