"""Settings: interface language, text size and high contrast; the main window applies and stores them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digigram.ui.appearance import SCALE_MAX, SCALE_MIN

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Settings:
    language: str = "uk"
    text_scale: int = 100
    high_contrast: bool = False


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, current: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(self)
        # Each language is named in itself, so a person who cannot read the current one still finds theirs.
        self.language.addItem("Українська", "uk")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.language.setAccessibleName(translate("SettingsDialog", "Interface language"))
        self.scale = QSpinBox(self)
        self.scale.setRange(SCALE_MIN, SCALE_MAX)
        self.scale.setSingleStep(10)
        # As format_percent writes it: "150%" in English, «150 %» (a no-break space) in Ukrainian.
        self.scale.setSuffix(translate("SettingsDialog", "%", "after the text size in per cent"))
        self.scale.setValue(current.text_scale)
        self.scale.setAccessibleName(translate("SettingsDialog", "Text size in per cent"))
        self.contrast = QCheckBox(translate("SettingsDialog", "&High contrast (light text on black)"), self)
        self.contrast.setChecked(current.high_contrast)
        self.contrast.setAccessibleName(translate("SettingsDialog", "High contrast"))
        for text, field in (
            (translate("SettingsDialog", "&Language:"), self.language),
            (translate("SettingsDialog", "&Text size:"), self.scale),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.contrast)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> Settings:
        return Settings(
            language=self.language.currentData(),
            text_scale=self.scale.value(),
            high_contrast=self.contrast.isChecked(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, *, current: Settings) -> Settings | None:
        dialog = cls(parent, current=current)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
