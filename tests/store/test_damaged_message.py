"""A damaged database is explained wholly in the reader's language, the reason in brackets included."""

from __future__ import annotations

from pathlib import Path

import pytest

from digigram.core.errors import DigigramError
from digigram.core.paths import database_path
from digigram.services.workspace import Workspace

SMALL = Path(__file__).resolve().parents[1] / "frameworks" / "minimal.yaml"


def _cut_off_header() -> bytes:
    """An SQLite header promising 64 pages of 4 KiB in a file of 100 bytes: a copy cut off early."""
    header = bytearray(100)
    header[:16] = b"SQLite format 3\x00"
    header[16:18] = (4096).to_bytes(2, "big")
    header[24:28] = header[92:96] = (1).to_bytes(4, "big")  # the change counter the size is valid for
    header[28:32] = (64).to_bytes(4, "big")
    return bytes(header)


@pytest.mark.parametrize(("content", "uk", "en"), [
    (b"this is not a database, it was cut off by a power failure" * 40,
     "не починається як файл SQLite", "does not begin as an SQLite file"),
    (_cut_off_header(), "коротший, ніж зазначено", "shorter than its header says"),
], ids=["not-sqlite", "cut-off"])
def test_a_damaged_database_says_why_in_the_readers_language(tmp_path: Path, content: bytes, uk: str,
                                                             en: str) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(content)
    with pytest.raises(DigigramError) as refused:
        Workspace.open(data_dir=data_dir, framework_path=SMALL)
    ukrainian = refused.value.message("uk")
    assert "пошкоджений" in ukrainian and uk in ukrainian, ukrainian
    assert "header" not in ukrainian, ukrainian
    assert en in refused.value.message("en")
    assert database_path(data_dir).read_bytes() == content, "the damaged file was changed"
