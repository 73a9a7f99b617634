"""`digigram --self-test`: all checks pass on a sound install; a broken piece is reported, not raised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import competency_framework
from digigram.charts import report
from digigram.cli import selftest
from digigram.cli.main import main
from digigram.core import i18n
from digigram.core.i18n import NP_

CHECKS_EN = ("Program", "Competence framework", "Handouts", "Temporary database",
             "Full check (simulated answers)", "Stored answers", "Development plan", "PDF report", "Backup",
             "Qt libraries and interface translation")


def test_passes_on_this_install_and_leaves_user_data_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = tmp_path / "real-data"
    monkeypatch.setenv("DIGIGRAM_DATA_DIR", str(real))
    code = main(["--self-test", "--lang", "en"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert code == 0, out
    assert lines[0].startswith("Digigram ") and "self-test" in lines[0]
    assert [line.split("]", 1)[0] for line in lines[1:-1]] == ["[ok"] * len(CHECKS_EN)
    assert [line.split("] ", 1)[1].split(":", 1)[0] for line in lines[1:-1]] == list(CHECKS_EN)
    assert lines[-1].startswith(f"All good: {len(CHECKS_EN)} checks passed")
    assert not real.exists()


def test_speaks_ukrainian(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--self-test", "--lang", "uk"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "самоперевірка" in out.splitlines()[0]
    assert "[ok] Звіт PDF:" in out
    assert out.splitlines()[-1].startswith("Усе гаразд")
    # Seconds with the Ukrainian decimal comma, as everywhere else in the app ("0.3 с" before).
    assert re.search(r"КБ за \d+,\d с", out) and re.search(r"за \d+,\d с\.$", out.splitlines()[-1])


def test_missing_framework_is_reported_with_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(competency_framework, "shipped_framework_path", lambda: tmp_path / "gone.yaml")
    code = selftest.run("en")
    out = capsys.readouterr().out
    assert code == 1
    assert "[FAILED] Competence framework:" in out
    assert "[FAILED] Handouts: skipped: an earlier check failed" in out
    assert "Traceback" not in out
    assert out.splitlines()[-1].startswith("8 of 10 checks failed")


def test_a_broken_pdf_is_caught(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def truncated(path: Path, **_: object) -> Path:
        Path(path).write_bytes(b"%PDF-1.4\n")
        return Path(path)

    monkeypatch.setattr(report, "write_report_pdf", truncated)
    code = selftest.run("uk")
    out = capsys.readouterr().out
    assert code == 1
    assert "[ПОМИЛКА] Звіт PDF: файл підозріло малий" in out
    assert "[ok] Резервна копія:" in out


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "крок"), (2, "кроки"), (4, "кроки"), (5, "кроків"), (11, "кроків"), (12, "кроків"), (14, "кроків"),
     (21, "крок"), (22, "кроки"), (25, "кроків"), (111, "кроків"), (234, "кроки")],
)
def test_ukrainian_counts_take_the_right_plural_form(n: int, expected: str) -> None:
    said = NP_("{count} step saved", "{count} steps saved", n)
    assert said.render("uk") == f"збережено {n} {expected}"
    assert said.render("en") == (f"{n} step saved" if n == 1 else f"{n} steps saved")


def test_a_missing_message_catalogue_is_caught(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A built program once shipped without digigram.mo: its notices and this very report were English
    # for a Ukrainian user, and every check still said ok.
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    code = selftest.run("en")
    out = capsys.readouterr().out
    assert code == 1
    assert ("[FAILED] Qt libraries and interface translation: could not read the translation uk/digigram.mo"
            in out)
    assert out.splitlines()[-1].startswith("1 of 10 checks failed")
