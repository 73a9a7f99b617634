"""A finished result as a plain JSON document and back: what is stored is what is shown, for good."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from digigram.core.errors import DigigramError
from digigram.core.i18n import N_
from digigram.core.itembank import Choice
from digigram.core.scoring import (
    AreaResult,
    CompetenceResult,
    Evidence,
    PersonSelfVsShown,
    QuizResult,
    SaidLevel,
    SelfVsShown,
)

RECORD_FORMAT = 1


def _choice_out(choice: Choice) -> Any:
    return list(choice) if isinstance(choice, tuple) else choice


def _choice_in(value: Any) -> Choice:
    if isinstance(value, list):
        return tuple(int(v) for v in value)
    return None if value is None else int(value)


def _evidence_out(e: Evidence) -> dict[str, Any]:
    return {"item": e.item_id, "competence": e.competence_id, "area": e.area_id, "kind": e.kind,
            "choice": _choice_out(e.choice), "score": e.score, "category": e.category,
            "correct": list(e.correct)}


def _evidence_in(d: Mapping[str, Any]) -> Evidence:
    return Evidence(str(d["item"]), str(d["competence"]), str(d["area"]), str(d["kind"]),
                    _choice_in(d["choice"]), float(d["score"]),
                    None if d["category"] is None else int(d["category"]),
                    tuple(int(c) for c in d["correct"]))


def _svs_out(s: SelfVsShown | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"theta_self": s.theta_self, "sd_self": s.sd_self, "theta_shown": s.theta_shown,
            "sd_shown": s.sd_shown, "flag": s.flag}


def _svs_in(d: Mapping[str, Any] | None) -> SelfVsShown | None:
    if d is None:
        return None
    return SelfVsShown(float(d["theta_self"]), float(d["sd_self"]), float(d["theta_shown"]),
                       float(d["sd_shown"]), bool(d["flag"]))


def result_to_record(result: QuizResult) -> dict[str, Any]:
    """Every figure the result shows, answers included, as JSON-ready values."""
    evidence = [e for c in result.competences.values() for e in c.evidence]
    areas = []
    for a in result.areas.values():
        said = None if a.said is None else {
            "theta": a.said.theta, "sd": a.said.sd, "level": a.said.level, "level_index": a.said.level_index,
            "band": list(a.said.band), "items": a.said.items}
        areas.append({
            "area": a.area_id, "theta": a.theta, "sd": a.sd, "level": a.level, "level_index": a.level_index,
            "level_probability": a.level_probability, "level_probabilities": dict(a.level_probabilities),
            "band": list(a.band), "target": a.target, "p_below_target": a.p_below_target, "gap": a.gap,
            "items": a.items, "said": said, "self_vs_shown": _svs_out(a.self_vs_shown), "stopped": a.stopped,
        })
    person = result.self_vs_shown
    return {
        "format": RECORD_FORMAT,
        "engine_version": result.engine_version,
        "params_source": result.params_source,
        "framework": [result.framework_id, result.framework_version],
        "profile": result.profile_id, "mode": result.mode, "finished": result.finished, "asked": result.asked,
        "areas": areas,
        "competences": [{"competence": c.competence_id, "area": c.area_id, "target": c.target, "gap": c.gap}
                        for c in result.competences.values()],
        "self_vs_shown": None if person is None else {
            "difference": person.difference, "sd": person.sd, "flag": person.flag, "areas": person.areas},
        "evidence": [_evidence_out(e) for e in evidence],
    }


def competence_rows(record: Mapping[str, Any]) -> list[tuple[str, str, str | None, str | None, int | None]]:
    """(competence, area, shown level, target, gap) of a stored result: a competence is shown at its
    area's level."""
    level = {a["area"]: a["level"] for a in record["areas"]}
    return [(c["competence"], c["area"], level.get(c["area"]), c["target"], c["gap"])
            for c in record["competences"]]


def record_text(record: Mapping[str, Any]) -> str:
    """A record as the database stores it: compact JSON, keys in the record's order. Importing a bundle
    compares stored texts in this form without parsing them (core.rescore), so keep them in step."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def result_from_record(record: Mapping[str, Any]) -> QuizResult:
    """The result exactly as it was stored; a DigigramError for a record this release cannot read."""
    if record.get("format") != RECORD_FORMAT:
        raise DigigramError(N_("The stored result has an unknown format {format}.",
                               format=repr(record.get("format"))))
    evidence = [_evidence_in(e) for e in record["evidence"]]
    areas: dict[str, AreaResult] = {}
    for a in record["areas"]:
        s = a["said"]
        said = None if s is None else SaidLevel(float(s["theta"]), float(s["sd"]), str(s["level"]),
                                                int(s["level_index"]), (s["band"][0], s["band"][1]),
                                                int(s["items"]))
        areas[a["area"]] = AreaResult(
            area_id=a["area"], theta=float(a["theta"]), sd=float(a["sd"]), level=a["level"],
            level_index=int(a["level_index"]), level_probability=float(a["level_probability"]),
            level_probabilities=MappingProxyType({k: float(v) for k, v in a["level_probabilities"].items()}),
            band=(a["band"][0], a["band"][1]), target=a["target"], p_below_target=a["p_below_target"],
            gap=a["gap"], items=int(a["items"]), said=said, self_vs_shown=_svs_in(a["self_vs_shown"]),
            stopped=a["stopped"],
            attitudes=tuple(e for e in evidence if e.area_id == a["area"] and e.category is None),
        )
    competences = {
        c["competence"]: CompetenceResult(
            c["competence"], c["area"], c["target"], c["gap"],
            tuple(e for e in evidence if e.competence_id == c["competence"]))
        for c in record["competences"]
    }
    p = record["self_vs_shown"]
    person = None if p is None else PersonSelfVsShown(float(p["difference"]), float(p["sd"]), bool(p["flag"]),
                                                      int(p["areas"]))
    fw_id, fw_version = record["framework"]
    return QuizResult(
        framework_id=fw_id, framework_version=fw_version, profile_id=record["profile"], mode=record["mode"],
        finished=bool(record["finished"]), asked=int(record["asked"]), areas=MappingProxyType(areas),
        competences=MappingProxyType(competences), self_vs_shown=person,
        engine_version=str(record["engine_version"]), params_source=str(record["params_source"]),
    )
