"""The JSON Schema shipped for editors agrees with the loader on valid files and catches what it can."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from competency_framework import SCHEMA, shipped_framework_path
from digigram.core.loader import load_framework

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"
BROKEN = FRAMEWORKS / "broken"

# Broken files whose mistake a schema can express (no cross-references, no YAML-level problems).
SCHEMA_REJECTS = [
    "bad-framework-id", "empty", "irt-a-not-positive", "irt-b-on-polytomous", "irt-c-out-of-range",
    "item-bad-kind", "item-missing-scale", "item-missing-stem", "item-options-on-scale",
    "item-scale-on-knowledge", "item-too-few-options", "knowledge-no-correct-option", "missing-version",
    "one-level", "option-score-out-of-range", "option-score-wrong-type", "resource-absolute-file",
    "resource-bad-kind", "resource-bad-url", "resource-minutes-not-integer", "resource-minutes-not-positive",
    "scale-one-point", "select-bad-value", "select-on-scenario", "text-empty", "top-level-list",
    "unknown-language-code", "unknown-top-key", "version-wrong-type", "wrong-format",
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(Path(SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _data(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _errors(validator: jsonschema.Draft202012Validator, path: Path) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_data(path))]


@pytest.mark.parametrize("name", ["minimal.yaml", "one-language.yaml", "broken/valid-base.yaml"])
def test_schema_accepts_valid_test_frameworks(validator: jsonschema.Draft202012Validator, name: str) -> None:
    load_framework(FRAMEWORKS / name)  # valid for the loader too
    assert _errors(validator, FRAMEWORKS / name) == []


def test_schema_accepts_the_shipped_framework(validator: jsonschema.Draft202012Validator) -> None:
    path = shipped_framework_path()
    load_framework(path)
    assert _errors(validator, path) == []


@pytest.mark.parametrize("name", SCHEMA_REJECTS)
def test_schema_rejects_broken_file(validator: jsonschema.Draft202012Validator, name: str) -> None:
    assert _errors(validator, BROKEN / f"{name}.yaml")


def test_every_top_level_key_has_a_description() -> None:
    schema = json.loads(Path(SCHEMA).read_text(encoding="utf-8"))
    for key, spec in schema["properties"].items():
        assert spec.get("description"), key
