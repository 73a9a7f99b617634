"""A data folder that cannot be made where it is asked for (on a write-protected stick, below a folder
that can only be read): said in the reader's language, without the system's English."""

from __future__ import annotations

from pathlib import Path

import pytest

from digigram.core.errors import StorageError
from digigram.store.startup import open_store


@pytest.mark.parametrize(("lang", "reason", "in_app"), [
    ("uk", "диск або теку захищено від запису", "Попросіть того, хто налаштовував цей компʼютер"),
    ("en", "the drive or folder is write-protected", "Ask the person who set up this computer"),
])
def test_a_data_folder_on_a_write_protected_stick_is_said_to_be_unmakeable_in_words(
        protected: Path, lang: str, reason: str, in_app: str) -> None:
    """It said «Could not open the database …/Digigram: [Errno 30] Read-only file system: '…'. Check the
    folder is writable, the disk has free space and Digigram is not already open in another window»:
    the system's English in a Ukrainian sentence, and a guess about another window."""
    folder = protected / "Digigram"
    with pytest.raises(StorageError) as caught:
        open_store(data_dir=folder)
    said, said_in_app = caught.value.text.render(lang), caught.value.said_in_app(lang)
    for text in (said, said_in_app):
        assert str(folder) in text and reason in text
        assert "Errno" not in text and "Read-only file system" not in text
        assert "another window" not in text and "іншому вікні" not in text
    assert "--data-dir" in said
    assert in_app in said_in_app.replace("’", "ʼ") and "--data-dir" not in said_in_app
    assert not folder.exists()
