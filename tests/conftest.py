"""Whole-suite fixtures: compiled message catalogues, and a private folder for the framework cache."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from digigram.core.paths import ENV_CACHE_DIR
from digigram.locale import compile_all


@pytest.fixture(scope="session", autouse=True)
def _message_catalogues() -> None:
    compile_all()  # the .mo files are build output, made from the committed .po


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The compiled framework cache lives in a private folder, never the user's own."""
    saved = os.environ.get(ENV_CACHE_DIR)
    os.environ[ENV_CACHE_DIR] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop(ENV_CACHE_DIR, None)
    else:
        os.environ[ENV_CACHE_DIR] = saved


@pytest.fixture()
def kyiv() -> Iterator[None]:
    """The process runs in Kyiv's time zone for one test (UTC+2, UTC+3 in summer)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Kyiv"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()
