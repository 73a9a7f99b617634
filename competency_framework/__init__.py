"""The frameworks shipped with Digigram, their JSON Schema and offline handouts."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIPPED = HERE / "librarians.yaml"
SCHEMA = HERE / "schema.json"


def shipped_framework_path() -> Path:
    """The path of the shipped librarian framework, in a checkout or an installed package."""
    return SHIPPED
