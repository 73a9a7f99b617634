"""Fixtures for every test: the compiled message catalogues (build output, made from the committed .po)."""

from __future__ import annotations

import pytest

from digigram.locale import compile_all


@pytest.fixture(scope="session", autouse=True)
def _message_catalogues() -> None:
    compile_all()
