"""The system's refusals to write a file, worded in the reader's language: its own words are English."""

from __future__ import annotations

import errno
import os
import re

import pytest

from digigram.core.errors import could_not_save, os_reason

COMMON = [
    (errno.ENOSPC, "the drive is full", "на диску не залишилося місця"),
    (errno.EROFS, "the drive or folder is write-protected", "диск або теку захищено від запису"),
    (errno.EACCES, "there is no permission to write there", "немає дозволу записувати туди"),
    (errno.EPERM, "there is no permission to write there", "немає дозволу записувати туди"),
]


@pytest.mark.parametrize(("code", "en", "uk"), COMMON, ids=[errno.errorcode[c[0]] for c in COMMON])
def test_the_common_refusals_are_worded_without_the_systems_english(code: int, en: str, uk: str) -> None:
    refusal = OSError(code, os.strerror(code), "/media/stick/.hub.zip.0123.partial")
    assert os_reason(refusal).render("en") == en
    assert os_reason(refusal).render("uk") == uk
    said = could_not_save("/media/stick/звіт.pdf", refusal).message("uk")
    assert said == f"Не вдалося зберегти /media/stick/звіт.pdf: {uk}. Нічого не записано."
    assert not re.search(r"[A-Za-z]{3,}", said.replace("/media/stick", "").replace(".pdf", ""))


def test_a_rare_refusal_keeps_the_systems_words_and_number_for_whoever_looks_into_it() -> None:
    said = os_reason(OSError(errno.ENAMETOOLONG, "File name too long")).render("uk")
    assert said == f"система повідомила про помилку {errno.ENAMETOOLONG}: File name too long"
