"""The progress chart: a panel per area with a point per check, dates on x, targets where given."""

from __future__ import annotations

from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg

from digigram.charts.history import history_figure
from digigram.charts.model import HistoryPoint, HistorySeries
from tests.charts.conftest import AREA_NAMES, LEVELS

DATES = [date(2025, 5, 14), date(2024, 10, 3), date(2025, 1, 20)]  # deliberately out of order


def _series(with_target: bool = True) -> list[HistorySeries]:
    return [
        HistorySeries(
            f"area{i}",
            name,
            [HistoryPoint(d, min(i % 3 + k, 5), max(i % 3 + k - 1, 0), min(i % 3 + k + 1, 5))
             for k, d in enumerate(DATES)],
            target_index=3 if with_target and i != 1 else None,
        )
        for i, name in enumerate(AREA_NAMES[:3])
    ]


def _by_gid(fig):
    return {a.get_gid(): a for a in fig.findobj() if a.get_gid()}


def test_a_line_per_area_with_a_marker_per_check_in_date_order():
    series = _series()
    fig = history_figure(series, levels=LEVELS, lang="uk")
    gids = _by_gid(fig)
    for one in series:
        line = gids[f"history:{one.area_id}"]
        assert line.get_marker() == "o"
        xs = list(line.get_xdata())
        assert len(xs) == len(DATES) and xs == sorted(xs)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(series)


def test_targets_only_where_given():
    fig = history_figure(_series(), levels=LEVELS, lang="en")
    targets = {g.split(":", 1)[1] for g in _by_gid(fig) if g.startswith("target:")}
    assert targets == {"area0", "area2"}


def test_bands_can_be_switched_off():
    with_bands = history_figure(_series(), levels=LEVELS, lang="en")
    without = history_figure(_series(), levels=LEVELS, lang="en", show_bands=False)
    assert any(g.startswith("band:") for g in _by_gid(with_bands))
    assert not any(g.startswith("band:") for g in _by_gid(without))


def test_dates_are_written_the_ukrainian_way():
    fig = history_figure(_series(), levels=LEVELS, lang="uk")
    FigureCanvasAgg(fig).draw()
    labels = {t.get_text() for ax in fig.axes for t in ax.get_xticklabels()}
    assert {"03.10.2024", "20.01.2025", "14.05.2025"} <= labels


def test_dates_are_written_the_english_way_as_in_every_list_and_report():
    fig = history_figure(_series(), levels=LEVELS, lang="en")
    FigureCanvasAgg(fig).draw()
    labels = {t.get_text() for ax in fig.axes for t in ax.get_xticklabels()}
    assert {"3 Oct 2024", "20 Jan 2025", "14 May 2025"} <= labels, labels  # not 2024-10-03


def test_no_checks_says_so():
    fig = history_figure([], levels=LEVELS, lang="uk")
    assert "Ще немає перевірок" in [t.get_text() for t in fig.texts]


def test_checks_on_the_same_day_stand_apart_with_their_times():
    """A before-and-after pair in one training day was drawn in one column, the points on one vertical,
    with no telling which was which."""
    from datetime import datetime

    day = date(2026, 12, 1)
    times = [datetime(2026, 10, 3, 9, 0), datetime(2026, 12, 1, 10, 15), datetime(2026, 12, 1, 15, 40)]
    series = [HistorySeries("area0", AREA_NAMES[0], [
        HistoryPoint(t.date(), k + 1, k, k + 2, at=t) for k, t in enumerate(times)])]
    fig = history_figure(series, levels=LEVELS, lang="uk")
    FigureCanvasAgg(fig).draw()
    xs = list(_by_gid(fig)["history:area0"].get_xdata())
    assert len(set(xs)) == 3 and xs == sorted(xs)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels == ["03.10.2026", f"{day:%d.%m.%Y} 10:15", f"{day:%d.%m.%Y} 15:40"], labels
