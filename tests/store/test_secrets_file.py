"""The password file beside the database (digigram-secrets.sqlite3): damaged or emptied, it is said to be
damaged, in the reader's language, and never taken for "no coordinator password set yet"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digigram.core.errors import StorageError
from digigram.services.workspace import Workspace
from digigram.store.vault import VAULT_NAME
from tests.store.conftest import SMALL

PASSWORD = "coordinator-2024"


def _folder(data_dir: Path, vault: bytes | None) -> Path:
    """A data folder with a person and a coordinator password, whose password file then holds `vault`."""
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        ws.create_person("Олена")
        ws.set_coordinator_password(PASSWORD)
    path = data_dir / VAULT_NAME
    if vault is not None:
        path.write_bytes(vault)
    return path


@pytest.mark.parametrize("vault", [b"", b"these are not the secrets you are looking for" * 100],
                         ids=["emptied", "not SQLite"])
def test_a_damaged_password_file_is_said_to_be_damaged_and_no_new_password_can_be_set(
        data_dir: Path, vault: bytes) -> None:
    """Emptied, it was taken for "no password set yet": whoever stood at the PC could set a new
    coordinator password. Not SQLite, it said «(file is not a database). Check access to the data
    folder»: English words, and advice that cannot help."""
    path = _folder(data_dir, vault)
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        with pytest.raises(StorageError) as asked:
            ws.coordinator_password_set()
        with pytest.raises(StorageError):
            ws.set_coordinator_password("someone-else-2024")
        with pytest.raises(StorageError):
            ws.unlock_coordinator(PASSWORD)
    uk = asked.value.message("uk")
    assert f"Файл паролів {path} пошкоджено" in uk and "Нічого не змінено" in uk, uk
    for english in ("file is not a database", "Перевірте доступ"):
        assert english not in uk, uk
    assert "is damaged" in asked.value.message("en")
    assert path.read_bytes() == vault, "the damaged file was changed"
    done = subprocess.run([sys.executable, "-m", "digigram", "export", "--person", "Олена", "--coordinator",
                           "--data-dir", str(data_dir), "--framework", str(SMALL), "--lang", "uk"],
                          input=PASSWORD + "\n", capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert "пошкоджено" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert path.read_bytes() == vault


def test_a_password_file_never_made_is_made_whole_at_the_first_password(data_dir: Path) -> None:
    with Workspace.open(data_dir=data_dir, framework_path=SMALL) as ws:
        assert ws.coordinator_password_set() is False
        assert not (data_dir / VAULT_NAME).exists(), "asking made the file"
        ws.set_coordinator_password(PASSWORD)
        assert ws.coordinator_password_set() is True
        ws.unlock_coordinator(PASSWORD)
    assert (data_dir / VAULT_NAME).stat().st_size > 0
    assert not [p.name for p in data_dir.iterdir() if p.name.endswith(".part")]
