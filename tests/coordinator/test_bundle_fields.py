"""Bundle records: fields added with stored results are checked, older bundles without them load, and the
compiled checks agree with the field checks."""

from __future__ import annotations

import json

import pytest

from digigram.core.bundle.records import SCHEMAS, Wrong, parse_records
from digigram.core.coordination import BundleError
from digigram.core.errors import DigigramError

ANSWER = {"attempt_id": "00000000-0000-4000-8000-000000000001", "sequence": 0, "item_id": "DOC.1-01",
          "choice": 2, "answered_at": "2024-01-02T10:05:00", "seconds": 4.5}
RESULT = {"attempt_id": "00000000-0000-4000-8000-000000000001", "area_id": "DOC", "position": 0,
          "theta": 0.3, "sd": 0.4, "level": "B", "band": ["B", "C"], "target": "B", "p_below_target": 0.2,
          "gap": 0, "n_items": 3}


def _lines(*records: dict[str, object]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_an_older_bundle_without_the_new_fields_loads_with_them_empty() -> None:
    (answer,) = parse_records("answers", _lines(ANSWER), 1)
    assert answer["language"] is None
    (result,) = parse_records("results", _lines(RESULT), 1)
    assert result["said_level"] is None and result["level_probabilities"] is None


def test_the_new_fields_travel_and_are_checked() -> None:
    (answer,) = parse_records("answers", _lines({**ANSWER, "language": "uk"}), 1)
    assert answer["language"] == "uk"
    probs = json.dumps({"A": 0.1, "B": 0.9})
    (result,) = parse_records("results", _lines({**RESULT, "level_probabilities": probs, "said_theta": 1.0,
                                                  "said_sd": 0.5, "said_level": "C"}), 1)
    assert result["level_probabilities"] == probs and result["said_level"] == "C"
    for bad in ({**RESULT, "level_probabilities": '{"A": 7}'}, {**RESULT, "said_theta": "high"},
                {**RESULT, "unknown": 1}):
        with pytest.raises(DigigramError):
            parse_records("results", _lines(bad), 1)


# Values a hostile or broken bundle may carry in any field, as JSON can spell them.
ODD_VALUES: list[object] = [
    None, True, False, 0, 1, -1, 7, 999, 1000, 2**31, 2**63, 1e13, 1.5, -0.0, 20.0, "", "abc", "x" * 101,
    "Київ", "\ud800", "a\u202eb", "a\x00b", "Ки\x00їв", "00000000-0000-4000-8000-000000000001",
    "00000000-0000-4000-8000-00000000000G", "2024-01-02T10:05:00", "2024-01-02T10:05:00.123456",
    "2024-01-02T10:05:00+02:00", "2024-01-02T10:05:00Z", "2024-01-02 10:05:00", "1899-12-31T23:59:59",
    "1900-01-01T00:00:00+01:00", "2200-12-31T23:59:59", "2201-01-01T00:00:00", "2024-W01-1T10:00:00",
    "2024-01-02", "20240102", "0001-01-01", "a" * 64, "planned", "finished", [], [1, 2], ["DOC.1-01"],
    [1000], ["x" * 101], ["Київ"], {"a": 1},
]
PERSON, PLAN = "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"
BASE: dict[str, dict[str, object]] = {
    "people": {"id": PERSON, "name": "Олена", "hub": "Хаб", "group_tag": "",
               "profile_id": None, "consent_at": None, "created_at": "2024-01-02T10:00:00"},
    "attempts": {"id": "00000000-0000-4000-8000-000000000001", "person_id": PERSON,
                 "framework_id": "f", "framework_version": "1", "framework_hash": "a" * 64, "profile_id": "p",
                 "mode": "full", "seed": 5, "excluded": [], "status": "finished",
                 "started_at": "2024-01-02T10:00:00", "finished_at": "2024-01-02T10:30:00",
                 "rating_before": 3, "rating_after": None, "result": None, "engine_version": None,
                 "params_source": None},
    "answers": {**ANSWER, "language": None},
    "results": {**RESULT, "level_probabilities": None, "said_theta": None, "said_sd": None,
                "said_level": None},
    "plans": {"id": PLAN, "person_id": PERSON,
              "attempt_id": None, "updated_at": "2024-01-02T10:00:00"},
    "plan_steps": {"id": "00000000-0000-4000-8000-000000000004", "plan_id": PLAN,
                   "position": 0, "competence_id": "DOC.1", "goal": "", "resource_id": None, "due": None,
                   "status": "planned", "notes": "", "coordinator_comment": ""},
}


@pytest.mark.parametrize("kind", sorted(BASE))
def test_the_compiled_record_checks_agree_with_each_field_check(kind: str) -> None:
    """The fast per-kind checks accept exactly what the field-by-field checks accept, giving the same
    stored value, and name the same field when they refuse."""
    for name, check in SCHEMAS[kind].items():
        for value in ODD_VALUES:
            line = json.dumps({**BASE[kind], name: value}).encode()
            try:
                expected, accepted = check.slow(value), True
            except Wrong:
                accepted = False
            if accepted:
                (record,) = parse_records(kind, line + b"\n", 1)
                assert record[name] == expected and type(record[name]) is type(expected), (name, value)
            else:
                with pytest.raises(BundleError) as caught:
                    parse_records(kind, line + b"\n", 1)
                assert f"the field '{name}'" in caught.value.message("en"), (name, value)


def test_a_nul_character_is_refused_before_any_database_sees_it() -> None:
    # SQLite stored it and PostgreSQL stopped the import with its own error: both now refuse the bundle.
    for name in ("a\x00b", "Оле\x00на"):
        line = json.dumps({**BASE["people"], "name": name}).encode()
        with pytest.raises(BundleError) as caught:
            parse_records("people", line + b"\n", 1)
        said = caught.value.message("en")
        assert "the field 'name'" in said and "invalid characters" in said, said
