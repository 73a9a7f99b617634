"""'How do you rate your digital skills, 1–10?', asked at the start and at the end of each check."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget

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
        self.spin = QSpinBox(self)
        self.spin.setRange(1, 10)
        self.spin.setValue(5)
        self.spin.setAccessibleName(translate("RatingDialog", "Your rating of your digital skills, 1 to 10"))
        label.setBuddy(self.spin)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        skip = buttons.addButton(translate("RatingDialog", "S&kip"), QDialogButtonBox.ButtonRole.RejectRole)
        skip.setAccessibleName(translate("RatingDialog", "Skip this question"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.spin.setFocus()
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget | None, *, after: bool = False) -> int | None:
        """The rating, or None when skipped. Tests replace this."""
        dialog = cls(parent, after=after)
        return dialog.spin.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
