"""Expected problems as DigigramError kinds, each carrying a Message worded in the reader's language."""

from __future__ import annotations

import errno
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike

from digigram.core.i18n import N_, NP_, Message


class DigigramError(Exception):
    """A problem the user can understand and act on; anything else is a bug.

    Raise it with a translatable sentence: ``StorageError(N_("The disk is full."))``. A message that tells
    what to do at a terminal (an option such as --data-dir, a command such as `digigram restore`) also
    gets `in_app`: the same said for a librarian, who starts Digigram from its icon and never types one.
    """

    def __init__(self, text: Message, /, *, in_app: Message | None = None) -> None:
        super().__init__(text.render("en"))
        self.text = text
        self.in_app = in_app

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` ("uk" or "en"); the system language when None."""
        return self.text.render(lang)

    def said_in_app(self, lang: str | None = None) -> str:
        """The message as the desktop app says it: `in_app` when there is one, else the message."""
        return (self.in_app or self.text).render(lang)


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file, located as precisely as the file allows."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    path: str  # key path such as "items[3].options[0].score"; "" for the file itself
    text: Message

    def message(self, lang: str | None = None) -> str:
        return self.text.render(lang)

    def format(self, lang: str | None = None) -> str:
        """`FILE:LINE:COL: key.path: message`, as `digigram validate` prints it."""
        where = self.path or "(file)"
        return f"{self.file}:{self.line}:{self.column}: {where}: {self.message(lang)}"

    def render(self, lang: str | None = None) -> str:
        return self.format(lang)

    def located(self) -> Message:
        """Where and what, worded for a person rather than a tool: «рядок 12, стовпчик 5: …», the key
        path only when there is one (a sentence naming the file says which file)."""
        line, column, problem = str(self.line), str(self.column), self.text
        if self.line <= 0:
            return N_("at {path}: {problem}", path=self.path, problem=problem) if self.path else problem
        if self.column <= 0:
            return (N_("line {line}, at {path}: {problem}", line=line, path=self.path, problem=problem)
                    if self.path else N_("line {line}: {problem}", line=line, problem=problem))
        if self.path:
            return N_("line {line}, column {column}, at {path}: {problem}",
                      line=line, column=column, path=self.path, problem=problem)
        return N_("line {line}, column {column}: {problem}", line=line, column=column, problem=problem)


class FrameworkError(DigigramError):
    """A framework file that cannot be used; `problems` lists everything found wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        n = len(self.problems)
        if first is None:
            super().__init__(N_("The framework file could not be read."))
        else:
            super().__init__(NP_("The framework file {file} has {count} problem. First: {first}",
                                 "The framework file {file} has {count} problems. First: {first}",
                                 n, file=first.file, first=first.located()))


class QuizError(DigigramError):
    """A wrong call to the quiz: an answer to an item not asked, a choice out of range, …"""


class StorageError(DigigramError):
    """The database cannot be used as it is: damaged, too new, locked, disk full, …"""


class DamagedDatabase(StorageError):
    """The database file is damaged or is not a Digigram database: a backup can be put back.

    `problem` says what is wrong; the message adds the way back from a terminal (`digigram restore`).
    The app says `problem` alone and offers the backup itself (ui.restore_offer).
    """

    def __init__(self, problem: Message, /) -> None:
        super().__init__(N_("{problem} To bring your data back from a backup, run `digigram restore`.",
                            problem=problem), in_app=problem)
        self.problem = problem


class Cancelled(DigigramError):
    """Work the person stopped before it changed anything (a backup check, a restore's copy)."""


class NoSuchPerson(StorageError):
    """The person asked for is not in the database (erased meanwhile, or never there)."""


# The system's refusals a person can act on, worded in their language: its own words ("[Errno 28] No space
# left on device") are English inside a Ukrainian sentence. EDQUOT, a user's share of a server disk used up,
# reads as a full disk to the person at the computer.
_NO_ROOM = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DENIED = frozenset({errno.EACCES, errno.EPERM})


def refusal_kind(exc: OSError) -> str | None:
    """"full" or "read-only" for a refusal the person can answer by freeing room or getting write access;
    None for any other."""
    if exc.errno in _NO_ROOM:
        return "full"
    if exc.errno == errno.EROFS or exc.errno in _DENIED:
        return "read-only"
    return None


def os_reason(exc: OSError) -> Message:
    """Why the system refused to write a file, as a clause to follow a colon: «на диску не залишилося
    місця»; a rare refusal keeps the system's own words with its number, for whoever looks into it."""
    if exc.errno in _NO_ROOM:
        return N_("the drive is full")
    if exc.errno == errno.EFBIG:  # FAT32, the usual USB stick, holds no file of 4 GiB or more
        return N_("the file is larger than this drive can hold in one file (a USB stick formatted as FAT32 "
                  "takes files of up to 4 GB)")
    if exc.errno == errno.EROFS:
        return N_("the drive or folder is write-protected")
    if exc.errno in _DENIED:
        return N_("there is no permission to write there")
    if exc.errno == errno.ENOENT:
        return N_("the folder is not there (was the USB stick taken out?)")
    if exc.errno == errno.EIO:
        return N_("the drive reported a write error (was the USB stick taken out?)")
    detail = exc.strerror or type(exc).__name__
    if exc.errno is None:
        return N_("the system said: {detail}", detail=detail)
    return N_("the system reported error {code}: {detail}", code=exc.errno, detail=detail)


def could_not_save(target: str | PathLike[str], exc: OSError) -> DigigramError:
    """A file the person chose that could not be written, and that nothing of it was left behind."""
    return DigigramError(N_("Could not save {target}: {reason}. Nothing was written.",
                            target=target, reason=os_reason(exc)))
