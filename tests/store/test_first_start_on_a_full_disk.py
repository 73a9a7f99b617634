"""A first start (no database yet) on a disk with no room: said in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from digigram.core.errors import StorageError
from digigram.store.startup import open_store


@pytest.mark.parametrize(("lang", "reason"), [("uk", "на диску не залишилося місця"),
                                              ("en", "the disk is full")])
def test_a_new_database_on_a_full_disk_is_refused_in_the_readers_words(full: Path, lang: str,
                                                                      reason: str) -> None:
    """It said «Не вдалося відкрити базу даних …: database or disk is full. …»: SQLite's English in the
    middle of the Ukrainian sentence."""
    folder = full / "data"
    with pytest.raises(StorageError) as caught:
        open_store(data_dir=folder)
    said = caught.value.said_in_app(lang)
    assert reason in said, said
    assert "database or disk is full" not in said
    assert not (folder / "digigram.sqlite3").exists() or (folder / "digigram.sqlite3").stat().st_size == 0
