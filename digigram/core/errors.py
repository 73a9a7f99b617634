"""Expected problems as DigigramError kinds, each carrying its message in Ukrainian and English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digigram.core.i18n import pick


class DigigramError(Exception):
    """A problem the user can understand and act on; anything else is a bug.

    Raise it with both languages: ``DigigramError(uk="…", en="…")``.
    """

    def __init__(self, *, uk: str, en: str) -> None:
        super().__init__(en)
        self.texts = {"uk": uk, "en": en}

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` ("uk" or "en"); the system language when None."""
        return pick(self.texts, lang)


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file, located as precisely as the file allows."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    path: str  # key path such as "items[3].options[0].score"; "" for the file itself
    texts: tuple[tuple[str, str], ...]  # (lang, message) pairs

    def message(self, lang: str | None = None) -> str:
        return pick(dict(self.texts), lang)

    def format(self, lang: str | None = None) -> str:
        """`FILE:LINE:COL: key.path: message`, as `digigram validate` prints it."""
        where = self.path or "(file)"
        return f"{self.file}:{self.line}:{self.column}: {where}: {self.message(lang)}"


class FrameworkError(DigigramError):
    """A framework file that cannot be used; `problems` lists everything found wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        n = len(self.problems)
        if first is None:
            super().__init__(
                uk="Файл рамки не вдалося прочитати.", en="The framework file could not be read."
            )
        else:
            super().__init__(
                uk=f"У файлі рамки {first.file} знайдено проблем: {n}. Перша: {first.format('uk')}",
                en=f"The framework file {first.file} has {n} problem(s). First: {first.format('en')}",
            )


class QuizError(DigigramError):
    """A wrong call to the quiz: an answer to an item not asked, a choice out of range, …"""


class StorageError(DigigramError):
    """The database cannot be used as it is: damaged, too new, locked, disk full, …"""
