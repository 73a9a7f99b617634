"""Coordinator exports: the group table as CSV for Excel, the group and the individual PDF reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from digigram.core.coordination import Dashboard, DashboardFilter, TraineeDetail, told_apart
from digigram.core.errors import Cancelled, DigigramError
from digigram.core.files import save_whole
from digigram.core.framework import Framework
from digigram.core.i18n import N_, NOT_MEASURED, format_date, rendered
from digigram.core.regions import Hub, region_name
from digigram.core.when import local_day

# At most this many trainees go into the group PDF's heatmap (those needing help first); the CSV has all.
HEATMAP_MAX = 600

WORDS = {
    "name": N_("Name"),
    "hub": N_("Hub"),
    "region": N_("Region"),
    "group": N_("Group"),
    "profile": N_("Role"),  # the profile is called the role on every screen
    "checks": N_("Checks"),
    "last": N_("Last check"),
    "level": N_("level"),
    "target": N_("target"),
    "gap": N_("levels to target"),
    "help": N_("Needs help"),
    "yes": N_("yes"),
    "no": N_("no"),
    "from": N_("from"),
    "to": N_("to"),
    "name_has": N_("Name contains"),
}


def _words(lang: str) -> dict[str, str]:
    return rendered(WORDS, lang)


def _safe_cell(value: str) -> str:
    """A typed-in text that a spreadsheet would run as a formula is kept as text by a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _profile_name(framework: Framework, profile_id: str | None, lang: str) -> str:
    if profile_id is None:
        return ""
    if profile_id in {p.id for p in framework.profiles}:
        return framework.profile(profile_id).name.get(lang)
    return profile_id


def _area_name(framework: Framework, area_id: str, lang: str) -> str:
    return framework.area(area_id).name.get(lang) if area_id in {a.id for a in framework.areas} else area_id


def _local_day(when: dt.datetime | None) -> dt.date | None:
    return None if when is None else local_day(when)


# The list separator a spreadsheet expects on double-click: Excel takes it from the regional
# settings, and with Ukrainian ones (decimal comma) that is ';' — a comma put every row in column A.
LIST_SEPARATOR = {"uk": ";", "en": ","}


def list_separator(lang: str) -> str:
    return LIST_SEPARATOR.get(lang, ",")


def csv_text(dashboard: Dashboard, framework: Framework, *, lang: str, separator: str | None = None) -> str:
    """The group table as CSV text: a header line, then one line per trainee.

    `separator` defaults to the one spreadsheets expect with the language's regional settings.
    """
    if separator is not None and (len(separator) != 1 or separator in "\"\r\n"):
        raise DigigramError(N_("The separator must be one character, not “{separator}”.",
                               separator=separator))
    w = _words(lang)
    # A framework without roles sets no targets: its columns of roles, targets, gaps and "needs help"
    # would stand empty or say "no" for everyone, so the table has the levels alone, as the screen does.
    roles = bool(framework.profiles)
    header = [w["name"], w["hub"], w["region"], w["group"], *([w["profile"]] if roles else []), w["checks"],
              w["last"]]
    for area_id in dashboard.area_ids:
        name = _area_name(framework, area_id, lang)
        header += ([f"{name}: {w['level']}", f"{name}: {w['target']}", f"{name}: {w['gap']}"] if roles
                   else [f"{name}: {w['level']}"])
    if roles:
        header.append(w["help"])
    lines: list[list[str]] = [header]
    for row in dashboard.rows:
        day = _local_day(row.last_check)
        # The region beside the hub's name: two hubs of one name in different regions stay apart.
        line = [_safe_cell(row.name), _safe_cell(row.hub), region_name(row.region_id, lang),
                _safe_cell(row.group),
                *([_profile_name(framework, row.profile_id, lang)] if roles else []), str(row.checks),
                "" if day is None else day.isoformat()]
        for area_id in dashboard.area_ids:
            status = row.areas.get(area_id)
            if status is None:
                cells = ["", "", ""]
            elif not status.measured:  # no shown answer there: no level, and no gap to read as found
                cells = [NOT_MEASURED.render(lang), status.target or "", ""]
            else:
                gap = "" if status.gap is None else str(status.gap)
                cells = [status.level or "", status.target or "", gap]
            line += cells if roles else cells[:1]
        # A person without a finished check has no answer to "needs help" (the table leaves it blank);
        # "no" read as "checked and doing fine".
        if roles:
            line.append("" if not row.checks else w["yes"] if row.needs_help else w["no"])
        lines.append(line)
    out = io.StringIO()
    # CRLF and minimal quoting are what Excel itself writes; a name with a comma or quote stays one cell.
    csv.writer(out, delimiter=separator or list_separator(lang), quoting=csv.QUOTE_MINIMAL,
               lineterminator="\r\n").writerows(lines)
    return out.getvalue()


def group_csv(path: Path, dashboard: Dashboard, framework: Framework, *, lang: str,
              separator: str | None = None) -> Path:
    """UTF-8 with a byte-order mark, which is how Excel knows the file is not in the local code page."""
    text = csv_text(dashboard, framework, lang=lang, separator=separator)
    return save_whole(path, "\ufeff".encode() + text.encode("utf-8"))


def describe(filters: DashboardFilter, framework: Framework, *, lang: str, hub: Hub | None = None) -> str:
    """The selection in words; `hub` is the row of filters.hub_id (its name and region are shown)."""
    w = _words(lang)
    parts = []
    if filters.region_id is not None:
        parts.append(f"{w['region']}: {region_name(filters.region_id, lang)}")
    if filters.hub_id is not None:
        parts.append(f"{w['hub']}: {hub.label(lang) if hub is not None else filters.hub_id}")
    if filters.group is not None:
        parts.append(f"{w['group']}: {filters.group}")
    if filters.profile_id is not None:
        parts.append(f"{w['profile']}: {_profile_name(framework, filters.profile_id, lang)}")
    if filters.date_from is not None:
        parts.append(f"{w['from']} {format_date(filters.date_from, lang)}")
    if filters.date_to is not None:
        parts.append(f"{w['to']} {format_date(filters.date_to, lang)}")
    if filters.name is not None and filters.name.strip():
        parts.append(f"{w['name_has']}: «{filters.name.strip()}»")
    return "; ".join(parts)


# A file export the coordinator stopped: nothing was written (the PDF's temporary file is removed).
STOPPED_SAVING = N_("Stopped. No file was written.")

Progress = Callable[[str, int, int], None]


def pacer(progress: Progress | None, cancelled: Callable[[], bool] | None) -> Progress:
    """What an export calls at each step: (step, done, total; 0 when not counted) for `progress`, and
    Cancelled (before anything is written) once `cancelled` says yes."""

    def heard(step: str, done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(STOPPED_SAVING)
        if progress is not None:
            progress(step, done, total)

    return heard


def group_pdf(path: Path, dashboard: Dashboard, framework: Framework, *, filters: DashboardFilter,
              lang: str, hub: Hub | None = None, progress: Progress | None = None) -> Path:
    """`progress` hears ("drawing", the page begun, 0), then ("pages", written, in all)."""
    from digigram.charts.group_report import GroupReport, write_group_pdf

    rows = dashboard.rows
    weak = []
    for area_id in dashboard.area_ids:
        gaps = [r.areas[area_id].gap for r in rows if area_id in r.areas]
        known = [g for g in gaps if g is not None]
        weak.append((_area_name(framework, area_id, lang), sum(g > 0 for g in known), len(known)))
    weak.sort(key=lambda t: (-(t[1] / t[2]) if t[2] else 0.0, t[0]))
    # Areas some trainee's check gave no level (core.records.measured): the report says which, and why.
    unmeasured = [_area_name(framework, a, lang) for a in dashboard.area_ids
                  if any(not r.areas[a].measured for r in rows if a in r.areas)]
    hard = [(f"{s.item_id}: {framework.item(s.item_id).stem.get(lang)}", s.asked, s.wrong)
            for s in dashboard.hard_questions]
    picked = sorted(rows, key=lambda r: not r.needs_help)[:HEATMAP_MAX]
    ba = dashboard.before_after
    report = GroupReport(
        date=dt.date.today(), framework_title=framework.title.get(lang),
        selection=describe(filters, framework, lang=lang, hub=hub), trainees=len(rows),
        checked=sum(r.checks > 0 for r in rows), need_help=sum(r.needs_help for r in rows),
        weak_areas=weak, hard=hard, ba_people=ba.people, share_high_first=ba.share_high_first,
        share_high_latest=ba.share_high_latest, ba_high_first=(ba.high_first, ba.rated_first),
        ba_high_latest=(ba.high_latest, ba.rated_latest),
        level_change=[(_area_name(framework, a, lang), v) for a, v in ba.level_change.items()],
        columns=[(a, _area_name(framework, a, lang)) for a in dashboard.area_ids],
        names=told_apart(picked, lang),  # namesakes followed by their hub: the report has no hub column
        gaps=[[r.areas[a].gap if a in r.areas else None for a in dashboard.area_ids] for r in picked],
        flags=[r.needs_help for r in picked], total_rows=len(rows), unmeasured=unmeasured,
        targets=bool(framework.profiles),
    )
    return write_group_pdf(path, report, lang=lang, progress=progress)


def person_pdf(path: Path, detail: TraineeDetail, framework: Framework, *, lang: str) -> Path:
    """The individual report (charts.person_report) on the trainee's latest finished check and plan."""
    from digigram.charts.person_report import write_person_report

    finished = [a for a in detail.attempts if a.status == "finished" and a.finished_at is not None]
    day = _local_day(max(a.finished_at for a in finished if a.finished_at)) if finished else dt.date.today()
    steps = detail.plan.steps if detail.plan is not None else ()
    return write_person_report(path, detail.person, detail.latest_result, steps, framework,
                               day=day or dt.date.today(), lang=lang)
