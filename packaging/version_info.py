"""Windows version resource for the built .exe files, from digigram.__version__ (shown in Properties)."""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "Digigram"
DESCRIPTION = "Digigram: digital-competence check and development plan for librarians"
COPYRIGHT = "GPL-3.0-or-later"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a suffix such as 'rc1' or '.dev2' is dropped (Windows wants four numbers)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")] if release else []
    a, b, c, d = [*numbers, 0, 0, 0, 0][:4]
    return a, b, c, d


def version_file_text(version: str, *, exe_name: str) -> str:
    """The text PyInstaller's `version=` option reads (a VSVersionInfo expression)."""
    v = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": "digigram",
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": "Digigram",
        "ProductVersion": version,
    }
    entries = ",\n            ".join(f"StringStruct({k!r}, {val!r})" for k, val in strings.items())
    # 0x0422 is Ukrainian, 0x0409 English (US); 1200 is the Unicode code page.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
            {entries}])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200, 0x0422, 1200])])
  ]
)
"""


def write_version_file(version: str, *, exe_name: str, folder: Path) -> Path:
    target = folder / f"version-{exe_name}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_file_text(version, exe_name=exe_name), encoding="utf-8")
    return target
