"""One way to translate text outside widgets: every N_() sentence is in the catalogue, and no more."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import digigram
from digigram.core.i18n import N_, NP_
from digigram.locale import po_path

PACKAGE = Path(digigram.__file__).resolve().parent
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)")


def _extracted() -> dict[str, tuple[str, str | None]]:
    found: dict[str, tuple[str, str | None]] = {}
    keywords = {"N_": None, "NP_": (1, 2)}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords,
    ):
        singular, plural = (message if isinstance(message, tuple) else (message, None))[:2]
        found[singular] = (f"{filename}:{lineno}", plural)
    return found


def test_every_sentence_is_translated_and_the_catalogue_holds_nothing_stale() -> None:
    with po_path("uk").open("rb") as handle:
        catalogue = read_po(handle, locale="uk")
    in_catalogue = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    extracted = _extracted()
    missing = sorted(f"{where}: {msgid!r}" for msgid, (where, _p) in extracted.items()
                     if msgid not in in_catalogue)
    stale = sorted(msgid for msgid in in_catalogue if msgid not in extracted)
    empty = sorted(msgid for msgid, m in in_catalogue.items()
                   if not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    assert missing == [], "add these to digigram/locale/uk/LC_MESSAGES/digigram.po:\n" + "\n".join(missing)
    assert stale == [], "no longer in the code:\n" + "\n".join(stale)
    assert empty == [], "untranslated:\n" + "\n".join(empty)


def test_translations_use_exactly_the_placeholders_of_the_english() -> None:
    with po_path("uk").open("rb") as handle:
        catalogue = read_po(handle, locale="uk")
    wrong = []
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
        for text in strings:
            if not set(PLACEHOLDER.findall(text)) <= wanted:
                wrong.append(f"{ids[0]!r}: {text!r}")
    assert wrong == []


def test_a_message_is_worded_when_shown_not_when_raised() -> None:
    message = N_("There are no backups in {folder}.", folder="/tmp/x")
    assert message.render("en") == "There are no backups in /tmp/x."
    assert message.render("uk") == "У /tmp/x немає резервних копій."
    nested = N_("{reason} Nothing was imported.", reason=N_("the line is cut short"))
    assert nested.render("uk").endswith("Нічого не імпортовано.") and "рядок" in nested.render("uk")
    assert NP_("{count} area", "{count} areas", 3).render("uk") == "3 сфери"


def test_ukrainian_words_take_the_typographic_apostrophe() -> None:
    # «імʼя», not «ім'я»: the ASCII quote (or ’) inside a Ukrainian word is a typo readers notice, and
    # it makes the same word two strings for search and sorting.
    root = Path(digigram.__file__).parent
    wrong = re.compile(r"[а-яіїєґА-ЯІЇЄҐ](?:'|’|&apos;)[а-яіїєґА-ЯІЇЄҐ]")
    files = [po_path("uk"), root / "ui" / "translations" / "digigram_uk.ts", *root.rglob("*.py")]
    found = [f"{path.name}:{n}: {line.strip()}" for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if wrong.search(line)]
    assert found == []
