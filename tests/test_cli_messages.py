"""A mistyped command line is told in the user's language, and a closed pipe ends a command quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digigram.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = str(ROOT / "tests" / "frameworks" / "minimal.yaml")

MISTAKES = [
    (["quiz"], "--person"),
    (["validate", MINIMAL, "--lang", "de"], "'de'"),
    (["restore", "x"], "'x'"),
    (["simulate", "--rho", "much"], "'much'"),
    (["people", "--bogus"], "--bogus"),
    (["nothing"], "'nothing'"),
    (["simulate", "--examinees"], "--examinees"),
]


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(("argv", "named"), MISTAKES, ids=[" ".join(m[0][:2]) for m in MISTAKES])
def test_a_mistyped_command_line_is_explained_in_ukrainian(
    argv: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _fails(["--lang", "uk", *argv], capsys)
    last = err.strip().splitlines()[-2:]
    assert "помилка:" in last[0] and named in last[0], err
    assert "неправильні аргументи" not in last[0], "an argparse message with no Ukrainian wording"
    assert last[1].startswith("Довідка: digigram")
    assert "error:" not in err and "Traceback" not in err


def test_the_language_may_follow_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["quiz", "--lang=uk"], capsys)
    assert "бракує обовʼязкових аргументів: --person" in err


def test_english_keeps_argparse_wording(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["--lang", "en", "quiz"], capsys)
    assert "error: the following arguments are required: --person" in err


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--help"])
    assert info.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_help_offers_the_data_folder_only_to_commands_that_read_it(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`calibration --help` offered --data-dir and --database, which it ignores (it reads a file and the
    record beside it): a methodologist would look for the database option that changes nothing."""
    for command in ("calibration", "validate", "lint", "simulate"):
        shown = _help([command, "--lang", lang], capsys)
        assert "--lang" in shown and "--data-dir" not in shown and "--database" not in shown, shown
    for command in ("calibrate", "quiz", "people", "restore"):
        shown = _help([command, "--lang", lang], capsys)
        assert "--data-dir" in shown and "--database" in shown, shown
    # Given anyway, it is refused rather than silently ignored.
    assert "--data-dir" in _fails(["calibration", MINIMAL, "--data-dir", "x", "--lang", lang], capsys)


def test_simulate_refuses_a_correlation_outside_0_to_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--framework", MINIMAL, "--rho", "2", "--lang", "uk"]) == 2
    assert "--rho має бути від 0 до 1" in capsys.readouterr().err


def test_a_reader_that_goes_away_ends_the_command_without_a_traceback() -> None:
    # Standard output is a pipe nobody reads from, as in `digigram validate … | head -0`.
    code = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "from digigram.cli.main import main\n"
        f"rc = main(['validate', {MINIMAL!r}])\n"
        "sys.stderr.write(f'rc={rc}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stderr == "rc=141", out.stderr
    assert out.returncode == 0
