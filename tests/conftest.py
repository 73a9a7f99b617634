"""Whole-suite fixtures: the compiled framework cache lives in a private folder, never the user's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from digigram.core.paths import ENV_CACHE_DIR


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    saved = os.environ.get(ENV_CACHE_DIR)
    os.environ[ENV_CACHE_DIR] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop(ENV_CACHE_DIR, None)
    else:
        os.environ[ENV_CACHE_DIR] = saved
