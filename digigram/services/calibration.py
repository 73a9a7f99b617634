"""Calibration as a use case: read finished checks, fit, write NEW.yaml, its record and a report."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from digigram.core.calibration import CalibrationResult, Response, calibrate
from digigram.core.calibration.diagnostics import flag_words, option_numbers
from digigram.core.calibration.newversion import new_version_text, next_version
from digigram.core.errors import DigigramError, FrameworkError, os_reason
from digigram.core.files import held_partial
from digigram.core.framework import Framework
from digigram.core.i18n import N_, NP_, format_count
from digigram.core.irt import ItemParams
from digigram.core.loader import load_framework, load_framework_text
from digigram.services.coordinator.exports import list_separator
from digigram.store.db import transaction
from digigram.store.repo import calibration as rows
from digigram.store.startup import open_store

Progress = Callable[[str, int, int], None]  # (stage, done, total); total 0: a stage not counted in steps
RECORD_SUFFIX = ".calibration.json"
# The fewest answers an item may be calibrated on. Even an ideal item (slope 1, every answer given at
# its difficulty, no guessing) has a difficulty known only to ±2/√n: below 100 answers that is wider
# than the 0.2 the calibration is held to (docs/adaptive.md, "How to run it").
MIN_RESPONSES_FLOOR = 100


@dataclass(frozen=True)
class CalibrationRun:
    result: CalibrationResult
    new_version: str
    out: Path
    record: Path
    report: Path | None
    language_stored: bool


def record_path(framework_file: Path) -> Path:
    """Where the calibration record of a framework file lives: beside it, same name."""
    return framework_file.with_name(framework_file.stem + RECORD_SUFFIX)


def _writable_folder(target: Path, what: str) -> None:
    """Refuse, before anything is read, a file whose folder does not exist or cannot be written."""
    folder = target.resolve().parent
    if not folder.is_dir():
        raise DigigramError(N_("The folder {folder} for {what} does not exist: create it first, or write "
                               "elsewhere. Nothing was read or written.", folder=folder, what=what))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DigigramError(N_("The folder {folder} for {what} cannot be written to. Nothing was read or "
                               "written.", folder=folder, what=what))
    if target.is_dir():
        raise DigigramError(N_("{target} given with {what} is a folder, not a file: give a file name. "
                               "Nothing was read or written.", target=target, what=what))


class _Files:
    """The files of one calibration, each first written to a temporary file beside it, then all put in
    place together: interrupted before that (Ctrl+C while the PDF is drawn, a full disk), none appears
    and no temporary file stays. Each is held locked until then, as every partial file is (see
    core.files.remove_stale_partials): another writer never takes it for one left behind, and one a
    killed calibration left behind is removed by the next."""

    def __init__(self) -> None:
        self.staged: list[tuple[str, Path, BinaryIO]] = []

    def temporary(self, target: Path) -> BinaryIO:
        """A new partial file beside `target`, named for it (see core.files.partial_name), held open: its
        writer writes into this handle, never renames a file of its own over it (Windows refuses to replace
        a file that is open, and the lock would stay on the file replaced)."""
        try:
            tmp, handle = held_partial(target)
        except OSError as exc:
            raise _cannot_write(target, exc) from exc
        self.staged.append((str(tmp), target, handle))
        return handle

    def add(self, target: Path, data: bytes) -> None:
        handle = self.temporary(target)
        try:
            handle.write(data)
            handle.flush()
        except OSError as exc:
            raise _cannot_write(target, exc) from exc

    def put_in_place(self) -> None:
        while self.staged:
            tmp, target, handle = self.staged[0]
            handle.close()  # as core.files.partial_beside does: Windows renames no file that is open
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _cannot_write(target, exc) from exc
            self.staged.pop(0)

    def discard(self) -> None:
        for tmp, _, handle in self.staged:
            handle.close()  # first: Windows deletes no file that is open
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.staged.clear()


def _cannot_write(target: Path, exc: OSError) -> DigigramError:
    return DigigramError(N_("Could not write {target}: {reason}", target=target, reason=os_reason(exc)))


def read_responses(
    framework_id: str, *, data_dir: Path | None, database_url: str | None, progress: Progress | None = None
) -> tuple[list[Response], bool]:
    """All finished checks' answers on this framework, and whether the database stores languages."""
    # A mistyped --data-dir is refused as every reading command refuses it, and nothing is created.
    store = open_store(data_dir=data_dir, database_url=database_url, existing=True)
    try:
        with transaction(store.sessions) as session:
            total = rows.count_finished_answers(session, framework_id)
            if not total:
                raise _no_checks_on(framework_id, rows.finished_checks_by_framework(session))
            language = rows.has_language(session)
            out: list[Response] = []
            # One string per attempt and per item, not one per answer: 1.8 million answers are ~38 per
            # attempt and ~3,700 per item, and each answer row brings its own copies.
            same: dict[str, str] = {}
            for attempt, item_id, choice, lang in rows.finished_answers(session, framework_id):
                out.append(Response(same.setdefault(attempt, attempt), same.setdefault(item_id, item_id),
                                    choice, lang))
                if progress is not None and len(out) % 20_000 == 0:
                    progress("read", len(out), total)
            if progress is not None:
                progress("read", len(out), total)
    finally:
        store.close()
    return out, language


@dataclass(frozen=True)
class _Held:
    """The frameworks a database has finished checks on, worded in the reader's language."""

    held: tuple[tuple[str, str, int], ...]

    def render(self, lang: str | None = None) -> str:
        return ", ".join(N_("{id} {version} (finished checks: {count})", id=repr(fid), version=version,
                            count=format_count(n, lang)).render(lang) for fid, version, n in self.held)


def _no_checks_on(framework_id: str, held: list[tuple[str, str, int]]) -> DigigramError:
    """No finished check on FILE's framework: say which frameworks the checks were taken on, if any
    (most likely another profession's file was given with --framework)."""
    if not held:
        return DigigramError(N_("The database holds no finished check on framework {id}: nothing to "
                                "calibrate.", id=repr(framework_id)))
    return DigigramError(N_(
        "The database holds no finished check on framework {id}: nothing to calibrate. Its finished checks "
        "are on: {held}. Give the file of the framework they were taken on with --framework.",
        id=repr(framework_id), held=_Held(tuple(held))))


def run_calibration(
    framework_file: Path,
    *,
    out: Path,
    data_dir: Path | None = None,
    database_url: str | None = None,
    responses: list[Response] | None = None,
    min_responses: int = 200,
    report: Path | None = None,
    lang: str = "en",
    progress: Progress | None = None,
) -> CalibrationRun:
    """Calibrate FILE on the stored answers and write NEW.yaml, its record and the report (if asked).

    Everything that can be checked without the answers is checked before they are read (minutes on a
    region's database), and nothing is written unless NEW.yaml would validate where it is written.
    """
    if out.resolve() == framework_file.resolve():
        raise DigigramError(N_("--out must be a new file: FILE is never overwritten."))
    if report is not None and report.suffix.lower() not in (".pdf", ".csv"):
        raise DigigramError(N_("The report can be .pdf or .csv, not {suffix}.",
                               suffix=repr(report.suffix or report.name)))
    if min_responses < MIN_RESPONSES_FLOOR:
        raise DigigramError(N_("--min-responses must be at least {floor}, not {n}: on fewer answers not even "
                               "an ideal item's difficulty is known to within 0.2.",
                               floor=MIN_RESPONSES_FLOOR, n=min_responses))
    _writable_folder(out, "--out")
    if report is not None:
        _writable_folder(report, "--report")
    framework = load_framework(framework_file)
    version = next_version(framework.version)
    _check_files_beside(framework, framework_file, out, version)
    text = framework_file.read_text(encoding="utf-8-sig")
    language_stored = True
    if responses is None:
        responses, language_stored = read_responses(
            framework.id, data_dir=data_dir, database_url=database_url, progress=progress)
    if not responses:
        raise DigigramError(N_("The database holds no finished check on framework {id}: nothing to "
                               "calibrate.", id=repr(framework.id)))

    def step(done: int, total: int, _label: str) -> None:
        if progress is not None:
            progress("fit", done, total)

    result = calibrate(framework, responses, min_responses=min_responses, progress=step)
    if not result.calibrated and result.skipped > result.responses:
        # Most answers are to items FILE lacks: another file under the same id, not too few checks.
        raise DigigramError(N_(
            "{skipped} of the {total} answers of the finished checks on {id} are to items {file} does not "
            "have, or that no longer fit them, and no item has as many answers that fit as --min-responses "
            "asks ({min}): {file} does not look like the framework file the checks were taken on. Nothing "
            "calibrated, nothing written.",
            skipped=format_count(result.skipped, lang), total=format_count(result.skipped + result.responses,
                                                                           lang),
            id=repr(framework.id), file=framework_file, min=min_responses))
    if not result.calibrated:
        most = max(result.items, key=lambda r: r.n, default=None)
        raise DigigramError(N_("No item has as many answers as --min-responses asks ({min}) yet; the most "
                               "answered, {item}, has {n}. Nothing calibrated, nothing written: calibrate "
                               "again after more finished checks.", min=min_responses,
                               item=most.item_id if most else "—", n=most.n if most else 0))
    if progress is not None:  # rewriting the file with its layout kept and validating it take seconds
        progress("write", 0, 0)
    new_text = new_version_text(text, version=version, params=result.new_params())
    try:  # as `digigram validate` would, where it is written: resource files are looked up beside NEW.yaml
        load_framework_text(new_text, name=str(out), base_dir=out.resolve().parent)
    except FrameworkError as exc:
        raise DigigramError(N_("The new version failed validation: {problem}", problem=exc.text)) from exc
    record = record_path(out)
    files = _Files()
    try:
        files.add(out, new_text.encode("utf-8"))
        files.add(record, json.dumps(
            record_of(result, framework, version), ensure_ascii=False, indent=1).encode("utf-8"))
        if report is not None:
            if report.suffix.lower() == ".csv":
                files.add(report, report_csv(result, framework, lang).encode("utf-8-sig"))
            else:
                from digigram.charts.calibration import write_calibration_pdf

                write_calibration_pdf(report, into=files.temporary(report), result=result,
                                      framework=framework, new_version=version, lang=lang)
        files.put_in_place()
    finally:
        files.discard()
    return CalibrationRun(result, version, out, record, report, language_stored)


def _check_files_beside(framework: Framework, framework_file: Path, out: Path, version: str) -> None:
    """Refuse an --out whose folder lacks the handouts FILE refers to: NEW.yaml would not validate there.

    The paths stay as they are: a framework's `file:` is relative to the framework file and may not
    lead outside its folder (FRAMEWORK-FORMAT.md), so they cannot be pointed back at FILE's folder.
    """
    folder = out.resolve().parent
    missing = sorted({r.file for r in framework.resources if r.file and not (folder / r.file).is_file()})
    if not missing:
        return
    shown = ", ".join(missing[:5]) + (f" (+{len(missing) - 5})" if len(missing) > 5 else "")
    tops = sorted({Path(f).parts[0] + ("/" if len(Path(f).parts) > 1 else "") for f in missing})
    example = framework_file.parent / out.name
    if example.resolve() == framework_file.resolve():
        example = framework_file.with_name(f"{framework_file.stem}-{version}{framework_file.suffix}")
    raise DigigramError(NP_(
        "{out} would fail `digigram validate` there: {count} file the framework refers to is missing from "
        "{folder}: {files}. Nothing was written. Write the new version next to {framework} (for example "
        "--out {example}), or first copy {copy} from {source} to {folder}.",
        "{out} would fail `digigram validate` there: {count} files the framework refers to are missing "
        "from {folder}: {files}. Nothing was written. Write the new version next to {framework} (for "
        "example --out {example}), or first copy {copy} from {source} to {folder}.",
        len(missing), out=out, folder=folder, files=shown, framework=framework_file, example=example,
        copy=", ".join(tops), source=framework_file.resolve().parent))


# --- the record kept beside NEW.yaml ------------------------------------------------------------


def _params_json(p: ItemParams) -> dict[str, Any]:
    if p.thresholds is None:
        return {"a": round(p.a, 4), "b": round(p.b, 4), "c": round(p.c, 4)}
    return {"a": round(p.a, 4), "thresholds": [round(t, 4) for t in p.thresholds]}


def record_of(result: CalibrationResult, framework: Framework, new_version: str) -> dict[str, Any]:
    """What a later `digigram calibration NEW.yaml` shows: when, on how much, and each item's state."""
    items = {}
    for r in result.worst_first():
        entry: dict[str, Any] = {"n": r.n, "calibrated": r.calibrated, "kind": r.kind, "area": r.area_id}
        if r.calibrated:
            d = r.diagnostics
            assert d is not None
            entry.update({
                "old": _params_json(r.old), "new": _params_json(r.new),
                "se_a": None if r.se_a is None else round(r.se_a, 4),
                "se_b": None if r.se_b is None else [round(s, 4) for s in r.se_b],
                "infit": round(d.infit, 3), "outfit": round(d.outfit, 3), "rmsd": round(d.rmsd, 4),
                "dif": None if d.dif is None else round(d.dif, 4), "dif_note": d.dif_note,
                "unused": list(d.unused), "flags": list(d.flags),
            })
        items[r.item_id] = entry
    return {
        "framework": framework.id, "from_version": framework.version, "version": new_version,
        "date": dt.date.today().isoformat(), "attempts": result.attempts, "answers": result.responses,
        "skipped": result.skipped, "min_responses": result.min_responses, "languages": result.languages,
        "linking": [vars(link) for link in result.linking],
        "items": items,
    }


# --- the CSV report -----------------------------------------------------------------------------

def _loc(p: ItemParams, decimal: str = ".") -> str:
    text = f"{p.b:.3f}" if p.thresholds is None else " ".join(f"{t:.3f}" for t in p.thresholds)
    return text.replace(".", decimal)


def report_rows(result: CalibrationResult, lang: str, *, decimal: str = ".") -> list[list[str]]:
    """One row per item, worst first: id, kind, n, a old → new (SE), b or thresholds, fit, DIF, flags.

    `decimal`: the decimal separator of the numbers (a comma where the spreadsheet expects one)."""

    def num(value: float, spec: str) -> str:
        return format(value, spec).replace(".", decimal)

    out = []
    for r in result.worst_first():
        d = r.diagnostics
        out.append([
            r.item_id, r.kind, str(r.n),
            (N_("yes") if r.calibrated else N_("no")).render(lang),
            num(r.old.a, ".3f"), num(r.new.a, ".3f"), "" if r.se_a is None else num(r.se_a, ".3f"),
            _loc(r.old, decimal), _loc(r.new, decimal),
            "" if r.se_b is None else " ".join(num(s, ".3f") for s in r.se_b),
            "" if d is None else num(d.infit, ".2f"), "" if d is None else num(d.outfit, ".2f"),
            "" if d is None else num(d.rmsd, ".3f"),
            "" if d is None or d.dif is None else num(d.dif, "+.3f"),
            "" if d is None else option_numbers(d.unused),
            "" if d is None else flag_words(d.flags, lang, d.unused),
        ])
    return out


CSV_HEADERS = (
    N_("item"), N_("kind"), N_("answers"), N_("calibrated"), N_("a old"), N_("a new"), N_("SE a"),
    N_("b/thresholds old"), N_("b/thresholds new"), N_("SE b"), N_("infit"), N_("outfit"), N_("RMSD"),
    N_("DIF en−uk"), N_("unused options"), N_("flags"),
)


def report_csv(result: CalibrationResult, _framework: Framework, lang: str) -> str:
    """The report as CSV with the list separator and decimal mark a spreadsheet expects on a
    double-click with the language's regional settings (';' and 0,42 in Ukrainian), as every other
    CSV export writes them: with a comma, Ukrainian Excel put every row in column A."""
    sep = list_separator(lang)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow([h.render(lang) for h in CSV_HEADERS])
    writer.writerows(report_rows(result, lang, decimal="," if sep == ";" else "."))
    return buf.getvalue()


# --- the state of a framework file's calibration -------------------------------------------------


@dataclass(frozen=True)
class ItemState:
    item_id: str
    kind: str
    calibrated: bool  # the file gives the item its own `irt`
    n: int | None  # answers it was calibrated on (from the record), None when unknown
    flags: tuple[str, ...]
    unused: tuple[str, ...] = ()  # the options nobody chooses, from 0 (from the record)


@dataclass(frozen=True)
class CalibrationState:
    framework: Framework
    record: dict[str, Any] | None
    items: tuple[ItemState, ...]

    @property
    def calibrated(self) -> list[ItemState]:
        return [i for i in self.items if i.calibrated]

    @property
    def flagged(self) -> list[ItemState]:
        return [i for i in self.items if i.flags]


def calibration_state(framework_file: Path) -> CalibrationState:
    """Which items of FILE carry calibrated parameters, on how many answers, which are flagged."""
    framework = load_framework(framework_file)
    record: dict[str, Any] | None = None
    path = record_path(framework_file)
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DigigramError(N_("The calibration record {path} cannot be read: {reason}", path=path,
                                   reason=exc)) from exc
        if loaded.get("framework") == framework.id and loaded.get("version") == framework.version:
            record = loaded
    entries = record["items"] if record else {}
    items = []
    for item in framework.items:
        if not item.scored:
            continue
        entry = entries.get(item.id, {})
        items.append(ItemState(item.id, item.kind, item.irt is not None, entry.get("n"),
                               tuple(entry.get("flags", ())), tuple(entry.get("unused", ()))))
    # Flagged first, most flags first; otherwise the file's order (the sort is stable).
    return CalibrationState(framework, record, tuple(sorted(items, key=lambda s: -len(s.flags))))
