"""'How do you rate your digital skills, 1–10?', asked at the start and at the end of each check."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget

translate = QCoreApplication.translate


class RatingDialog(QDialog):
    """A 1–10 self-rating; "Skip" leaves it unanswered."""

    def __init__(self, parent: QWidget | None, *, after: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RatingDialog", "Your own view"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate("RatingDialog", "Now that the check is over:")
            if after
            else translate("RatingDialog", "Before we begin:"),
            self,
        )
        layout.addWidget(intro)
        label = QLabel(
            translate(
                "RatingDialog", "How do you rate your &digital skills, from 1 (very low) to 10 (excellent)?"
            ),
            self,
        )
        label.setWordWrap(True)
        # No number is chosen at first: a preset 5 was recorded for anyone who pressed Enter straight
        # away, a rating they never gave, in the figure the programme reports (the share rating 7–10).
        # 0 is «—», not a rating: OK waits for a number from 1 to 10; Skip leaves it unanswered.
        self.spin = QSpinBox(self)
        self.spin.setRange(0, 10)
        self.spin.setSpecialValueText("—")
        self.spin.setValue(0)
        self.spin.setAccessibleName(translate("RatingDialog", "Your rating of your digital skills, 1 to 10"))
        label.setBuddy(self.spin)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        self.hint = QLabel(translate("RatingDialog", "Type a number from 1 to 10, or press Skip."), self)
        self.hint.setWordWrap(True)
        self.spin.setAccessibleDescription(self.hint.text())  # read out with the box, where focus is
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        skip = buttons.addButton(translate("RatingDialog", "S&kip"), QDialogButtonBox.ButtonRole.RejectRole)
        skip.setAccessibleName(translate("RatingDialog", "Skip this question"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.spin.valueChanged.connect(self._chosen)
        self._chosen(0)
        self.spin.setFocus()
        self.spin.selectAll()  # a digit typed replaces «—»
        self.setMinimumWidth(420)

    def _chosen(self, value: int) -> None:
        self.ok.setEnabled(value >= 1)
        self.hint.setVisible(value < 1)

    def accept(self) -> None:
        if self.spin.value() >= 1:
            super().accept()
        else:  # Enter on «—» records nothing: a sound says so, the hint says what to do
            QApplication.beep()

    @classmethod
    def ask(cls, parent: QWidget | None, *, after: bool = False) -> int | None:
        """The rating, or None when skipped. Tests replace this."""
        dialog = cls(parent, after=after)
        return dialog.spin.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
