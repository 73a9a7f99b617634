"""The terminal quiz on a framework whose area has only a self-rating: no level for what was never shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from digigram.cli.main import main

SAID_ONLY = Path(__file__).resolve().parents[1] / "frameworks" / "self-rated-area.yaml"


def test_an_area_without_shown_answers_is_reported_not_measured(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    # consent, the rating before, then the first option of every question, then no rating after
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n5\n" + "1\n" * 30 + "\n"))
    code = main(["quiz", "--person", "Test", "--framework", str(SAID_ONLY), "--data-dir", str(tmp_path),
                 "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    results = out[out.index("Results by area:"):]
    # Information was only self-rated: the prior's B1 read as "target B1, gap 0", a target met unshown
    assert "  INF Information: not measured; you said A1" in results
    assert "INF Information: level" not in results
    assert ("Not measured: “Information”. The check asked no question there that shows these skills, so it "
            "gives them no level.") in results
    assert "SAF Safety: level " in results  # the area its questions measured keeps its level and gap
