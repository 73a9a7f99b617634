"""The user's language outside Qt: Ukrainian first, English second."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES = ("uk", "en")


def system_language() -> str:
    """'uk' when the system locale is Ukrainian, else 'en'."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "uk" if value.lower().startswith(("uk", "ukr")) else "en"
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "uk" if name.lower().startswith(("uk", "ukr")) else "en"


def normalise(lang: str | None) -> str:
    """A supported language code for `lang`, the system language when None."""
    if lang is None:
        return system_language()
    lang = lang.lower().split("_")[0].split("-")[0]
    return lang if lang in LANGUAGES else "en"


def pick(texts: Mapping[str, str], lang: str | None = None) -> str:
    """The text for `lang` from a {lang: text} mapping, falling back to English, then any."""
    code = normalise(lang)
    if code in texts:
        return texts[code]
    if "en" in texts:
        return texts["en"]
    return next(iter(texts.values()))
