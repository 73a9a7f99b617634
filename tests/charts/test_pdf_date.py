"""The creation moment a PDF carries is the moment it was made, in Kyiv's winter and summer alike."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from matplotlib.figure import Figure

from digigram.charts import report


@pytest.mark.parametrize("made", [None, dt.datetime(2026, 7, 2, 16, 9, 6, tzinfo=dt.UTC)])
def test_the_pdf_creation_date_is_the_moment_it_was_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: dt.datetime | None) -> None:
    """A plan made at 16:09 UTC in December said 18:09+03'00' (Kyiv is +02:00 in winter): 15:09 UTC in
    any reader, an hour off. `made`: a summer moment (+03:00); None, now."""
    from pypdf import PdfReader

    monkeypatch.setenv("TZ", "Europe/Kyiv")
    time.tzset()
    if made is not None:
        clock = SimpleNamespace(now=lambda tz=None: made.astimezone(tz))
        monkeypatch.setattr(report, "dt", SimpleNamespace(datetime=clock, UTC=dt.UTC))
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    target = tmp_path / "plan.pdf"
    try:
        report.save_pdf_pages(target, [Figure()], metadata={"Title": "План"})
    finally:
        monkeypatch.undo()
        time.tzset()
    after = dt.datetime.now(dt.UTC)
    said = PdfReader(target).metadata.creation_date
    assert said is not None
    if made is None:
        assert before <= said.astimezone(dt.UTC) <= after, (before, said)
    else:
        assert said.astimezone(dt.UTC) == made
