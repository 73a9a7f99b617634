"""The lines `bundle import` and `sync` print as records are checked and then written."""

from __future__ import annotations

import pytest

from digigram.cli.bundle import progress_lines


def test_a_count_that_ends_a_batch_is_not_taken_for_the_start_of_the_write(
        capsys: pytest.CaptureFixture[str]) -> None:
    """10,000 people are told done at their last batch and again at the end of the file: «Writing to the
    database…» had come after them, while the answers were still being checked."""
    heard = progress_lines("en")
    for call in [("people", 10_000, 10_000), ("people", 10_000, 10_000), ("answers", 50_000, 60_000),
                 ("answers", 60_000, 60_000), ("plans", 0, 0),
                 ("people", 10_000, 10_000), ("answers", 60_000, 60_000)]:
        heard(*call)
    assert capsys.readouterr().err.splitlines() == [
        "Checking the bundle…", "  people: 10,000 of 10,000", "  answers: 50,000 of 60,000",
        "  answers: 60,000 of 60,000",
        "Writing to the database…", "  people: 10,000 of 10,000", "  answers: 60,000 of 60,000"]


def test_checks_whose_results_are_worked_out_are_counted_every_five_thousand(
        capsys: pytest.CaptureFixture[str]) -> None:
    """While an import waits for the results of an older Digigram's checks to be worked out (a region's
    take half a minute), their count is said every 5,000, in Ukrainian too."""
    for lang in ("en", "uk"):
        heard = progress_lines(lang)
        heard("attempts", 12_000, 12_000)
        for done in (1_200, 5_600, 9_000, 11_000, 12_000):
            heard("recomputed", done, 12_000)
    en, uk = capsys.readouterr().err.split("Перевіряємо")
    assert en.splitlines()[2:] == ["  check results: 5,600 of 12,000", "  check results: 11,000 of 12,000",
                                   "  check results: 12,000 of 12,000"]
    assert "  результати перевірок: 12" in uk


def test_answers_checked_beside_their_writing_are_counted_apart_in_both_languages(
        capsys: pytest.CaptureFixture[str]) -> None:
    """An SQLite import's answers are checked by a second process while they are written: its count,
    heard while the import waits for it, was lower than the written count already said, and so was
    left unsaid; the command sat silent, and never said the answers had been checked."""
    for lang in ("en", "uk"):
        heard = progress_lines(lang)
        for call in [("people", 3, 3), ("plans", 1, 1), ("people", 3, 3), ("answers", 120_000, 120_000),
                     ("answers_checked", 40_000, 120_000), ("answers_checked", 95_000, 120_000),
                     ("answers_checked", 120_000, 120_000), ("results_checked", 9_000, 9_000)]:
            heard(*call)
    en, uk = capsys.readouterr().err.split("Перевіряємо")
    assert en.splitlines()[3:] == ["Writing to the database…",
        "  people: 3 of 3", "  answers: 120,000 of 120,000", "  answers checked: 95,000 of 120,000",
        "  answers checked: 120,000 of 120,000", "  area results checked: 9,000 of 9,000"], en
    assert "  перевірено відповідей: 120 000 з 120 000" in uk.replace("\u202f", " "), uk
