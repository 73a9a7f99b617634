"""Texts of Qt's own dialogs that Qt's Ukrainian catalogue (qtbase_uk.qm) lacks; translated in ours."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Qt 6 gave these file-dialog labels mnemonics; its Ukrainian catalogue still has them without, so the
# save and open dialogs showed them in English. Our catalogue is searched after Qt's and fills them in.
FILE_DIALOG = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
