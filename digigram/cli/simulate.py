"""`digigram simulate`: simulated people take the adaptive quiz and a fixed form; the gain, measured."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from competency_framework import shipped_framework_path
from digigram.core.errors import DigigramError
from digigram.core.i18n import N_, format_percent
from digigram.core.loader import load_framework

if TYPE_CHECKING:
    from digigram.core.simulation import FormFigures, SimulationReport

HELP = "measure the adaptive quiz against a fixed 90-question form with simulated people"
USES_DATABASE = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", metavar="PATH", help="framework file (default: the shipped one)")
    parser.add_argument("--profile", help="profile id for targets (default: the framework's first)")
    parser.add_argument("--mode", default="full", help="full, quick or an area id (default: full)")
    parser.add_argument("--examinees", type=int, default=2000, help="simulated people (default: 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--rho", type=float, default=0.6, help="correlation between areas (default: 0.6)")
    parser.add_argument("--overraters", type=float, default=0.0, metavar="SHARE",
                        help="share of people who rate themselves above their ability, 0..1 (default: 0)")
    parser.add_argument("--overrate", type=float, default=1.5, metavar="LOGITS",
                        help="how far above, in logits, 0..4 (default: 1.5)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


class _Bar:
    """A one-line progress bar on stderr, redrawn at most every tenth of a second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def report_dict(report: SimulationReport) -> dict[str, Any]:
    out = asdict(report)
    out["ratios"] = report.ratios()
    return out


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def _form_lines(name: str, form: FormFigures) -> list[str]:
    lines = [f"{name}: questions mean {form.mean_questions:.1f}, 90th percentile {form.p90_questions:.0f}, "
             f"highest item exposure {format_percent(form.max_exposure, 'en', digits=1)}"]
    lines.append(f"  {'area':<10} {'RMSE':>6} {'bias':>7} {'exact':>7} {'±1':>7} {'±1 hon':>7} "
                 f"{'±1 over':>7} {'flag':>7}")
    for area_id, f in form.areas.items():
        lines.append(f"  {area_id:<10} {f.rmse:>6.3f} {f.bias:>+7.3f} {100 * f.exact:>7.1f} "
                     f"{100 * f.within_one:>7.1f} {_pct(f.within_one_honest):>7} "
                     f"{_pct(f.within_one_over):>7} {_pct(f.flag_accuracy):>7}")
    return lines


SUMMARY_ROWS = (
    ("mean questions", "mean_questions"),
    ("±1 level, honest (worst area)", "within_one_honest"),
    ("±1 level, honest (mean)", "within_one_honest:mean"),
    ("±1 level, over-raters (worst area)", "within_one_over"),
    ("±1 level, over-raters (mean)", "within_one_over:mean"),
    ("below-target flag right (worst area)", "flag_accuracy"),
    ("below-target flag right (mean)", "flag_accuracy:mean"),
    ("said > shown flag: over-raters caught", "said_hit_rate"),
    ("said ≠ shown flag: honest flagged", "said_false_alarm"),
    ("highest exposure of one question", "max_exposure"),
)


def _cell(form: FormFigures | None, key: str) -> str:
    if form is None:
        return "—"
    if key == "mean_questions":
        return f"{form.mean_questions:.1f}"
    if key.endswith(":mean"):
        return _pct(form.mean_over_areas(key.removesuffix(":mean")))
    if key in ("said_hit_rate", "said_false_alarm", "max_exposure"):
        return _pct(getattr(form, key))
    return _pct(form.min_over_areas(key))


def summary_lines(report: SimulationReport) -> list[str]:
    """The decision figures side by side: the check, the quick scan and the fixed form (in %)."""
    head = f"  {'':<40} {'check':>8} {'quick':>8} {f'fixed {report.fixed_size}':>9}"
    lines = [head]
    for label, key in SUMMARY_ROWS:
        lines.append(f"  {label:<40} {_cell(report.adaptive, key):>8} {_cell(report.quick, key):>8} "
                     f"{_cell(report.fixed, key):>9}")
    return lines


def format_report(report: SimulationReport) -> str:
    overraters = format_percent(report.overraters, "en")  # this report is in English only
    lines = [f"{report.examinees} simulated people, seed {report.seed}, areas correlated {report.rho}, "
             f"{overraters} rating themselves {report.overrate} logits too high, "
             f"mode {report.mode}, profile {report.profile or '—'}; bank {report.bank_size} scored "
             f"questions, fixed form {report.fixed_size}"]
    lines += summary_lines(report)
    lines += _form_lines("adaptive", report.adaptive)
    if report.quick is not None:
        lines += _form_lines("quick scan", report.quick)
    lines += _form_lines(f"fixed {report.fixed_size}", report.fixed)
    r = report.ratios()
    lines.append("adaptive vs fixed: " + ", ".join(
        f"{k} {'—' if v is None else (f'{v:+.1f}' if k.endswith('points') else f'{v:.2f}')}"
        for k, v in r.items()))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from digigram.core.simulation import simulate  # numpy only when simulating

    if not 0.0 <= args.rho <= 1.0:  # outside it the abilities would be NaN and so every figure
        raise DigigramError(N_("--rho must be from 0 to 1, not {rho}.", rho=args.rho))
    if not 0.0 <= args.overraters <= 1.0:
        raise DigigramError(N_("--overraters is a share of people from 0 to 1, not {share}.",
                               share=args.overraters))
    if not 0.0 <= args.overrate <= 4.0:  # beyond 4 logits the answers sit past the end of the grid
        raise DigigramError(N_("--overrate must be from 0 to 4 logits, not {logits}.", logits=args.overrate))
    framework = load_framework(args.framework or shipped_framework_path())
    profile = args.profile
    if profile is None and framework.default_profile is not None:
        profile = framework.default_profile.id
    report = simulate(framework, profile=profile, mode=args.mode, examinees=max(1, args.examinees),
                      seed=args.seed, rho=args.rho, overraters=args.overraters, overrate=args.overrate,
                      progress=_Bar())
    if args.json:
        print(json.dumps(report_dict(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0
