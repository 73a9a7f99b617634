"""gettext catalogues for text outside Qt widgets: the committed .po files, compiled to .mo at build time."""

from __future__ import annotations

from pathlib import Path

from digigram.core.i18n import DOMAIN, LOCALE_DIR


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_all(*, force: bool = False) -> list[Path]:
    """Compile every .po that is newer than its .mo; the compiled files are build output, not in git."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalogue = read_po(handle, locale=po.parents[1].name, domain=DOMAIN)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        tmp.replace(mo)
        built.append(mo)
    return built
