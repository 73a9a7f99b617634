"""A command's output sent to a file on a full disk: said in the reader's words, not as a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digigram.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "coordinator-2024"


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk", "Не вдалося записати вивід: на диску не залишилося місця. Те, що встигло записатися, неповне."),
    ("en", "Could not write the output: the drive is full. What was written of it is incomplete."),
])
def test_a_persons_data_sent_to_a_full_stick_is_refused_in_words(
        full: Path, tmp_path: Path, lang: str, expected: str) -> None:
    """`digigram export … > E:\\p.json` printed an OSError traceback from json.dump and ended with 1."""
    data = tmp_path / "data"
    with Workspace.open(data_dir=data) as ws:
        ws.set_coordinator_password(PASSWORD)
        ws.create_person("Person 1")
    with (full / "p.json").open("wb") as out:  # what the shell's `>` does: the file exists, empty
        done = subprocess.run([sys.executable, "-m", "digigram", "export", "--person", "Person 1",
                               "--coordinator", "--data-dir", str(data), "--lang", lang],
                              input=PASSWORD + "\n", stdout=out, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.rstrip().endswith(expected), done.stderr


def test_a_long_list_of_people_sent_to_a_full_stick_is_refused_in_words(full: Path, tmp_path: Path) -> None:
    """`digigram people > E:\\люди.txt` prints a line a person: the disk refused one in the middle of the
    list, and that print gave a traceback and status 1."""
    data = tmp_path / "data"
    with Workspace.open(data_dir=data) as ws:
        for n in range(400):  # more than Python's output buffer holds: the refusal comes mid-list
            ws.create_person(f"Людина {n} Костянтинівська-Ґудзь")
    with (full / "люди.txt").open("wb") as out:
        done = subprocess.run([sys.executable, "-m", "digigram", "people", "--data-dir", str(data),
                               "--lang", "uk"], stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.rstrip().endswith("Не вдалося записати вивід: на диску не залишилося місця. Те, що "
                                         "встигло записатися, неповне."), done.stderr
