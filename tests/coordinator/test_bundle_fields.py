"""Bundle records: fields added with stored results are checked, and older bundles without them load."""

from __future__ import annotations

import json

import pytest

from digigram.core.bundle.records import parse_records
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
