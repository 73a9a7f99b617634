"""Offline handouts print for older readers: 14 pt or larger, nothing shrunk, one shape in both languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from competency_framework import shipped_framework_path
from digigram.core.loader import load_framework

HANDOUTS = sorted((shipped_framework_path().parent / "handouts").glob("*.html"))


class Outline(HTMLParser):
    """The parts of a handout a reader relies on: language, title, headings, meta line, footer, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.tags: list[str] = []
        self.classes: list[str] = []
        self.style = ""
        self._in: str | None = None
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        self.tags.append(tag)
        self.classes += (values.get("class") or "").split()
        if tag in ("style", "title", "h1", "footer"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.style += data
        elif self._in:
            self.text[self._in] = self.text.get(self._in, "") + data


def _outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _print_block(css: str) -> str:
    start = css.index("@media print")
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i:j]
    raise AssertionError("unclosed @media print")


def test_every_handout_file_is_a_resource_and_every_handout_resource_a_file() -> None:
    fw = load_framework(shipped_framework_path())
    used = {r.path.name for r in fw.resources if r.path is not None}
    assert used == {p.name for p in HANDOUTS}
    assert len(HANDOUTS) >= 16


@pytest.mark.parametrize("path", HANDOUTS, ids=lambda p: p.name)
def test_handout_prints_at_14pt_or_larger(path: Path) -> None:
    css = _outline(path).style
    printed = re.search(r"html\s*\{\s*font-size:\s*([\d.]+)pt", _print_block(css))
    assert printed is not None and float(printed.group(1)) >= 14
    # Relative sizes never shrink text below the body size, on screen or on paper.
    sizes = [float(v) for v in re.findall(r"font-size:\s*([\d.]+)(?:r?em)\b", css)]
    assert sizes and min(sizes) >= 1
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css.replace(printed.group(0), "").replace(
        "html { font-size: 19px; }", ""))
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)


@pytest.mark.parametrize("path", HANDOUTS, ids=lambda p: p.name)
def test_handout_structure(path: Path) -> None:
    outline = _outline(path)
    lang = path.suffixes[0].lstrip(".")
    assert outline.lang == lang
    assert outline.tags.count("h1") == 1 and outline.tags.count("h2") >= 2
    assert outline.text["title"].startswith(outline.text["h1"].strip())
    assert "meta" in outline.classes and "Digigram" in outline.text["footer"]
    if lang == "uk":
        html = path.read_text(encoding="utf-8")
        assert re.findall(r"[\u0400-\u04ff]['\u2019][\u0400-\u04ff]", html) == []
        twin = path.with_name(path.name.replace(".uk.", ".en."))
        assert _outline(twin).tags.count("h2") == outline.tags.count("h2"), "the English twin differs"


def test_a_handouts_language_versions_are_offered_for_the_same_gaps() -> None:
    """The Ukrainian and English copies of a handout carry the same competences and levels: when they
    differed, a plan in Ukrainian suggested the English copy («…(англійською)») for a gap the Ukrainian
    one was not tagged for."""
    framework = load_framework(shipped_framework_path())
    copies: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...] | None]]] = {}
    for res in framework.resources:
        if res.file is not None:
            stem = re.sub(r"\.(uk|en)\.html$", "", str(res.file))
            copies.setdefault(stem, []).append((res.id, tuple(res.competences), res.levels))
    differing = {stem: found for stem, found in copies.items()
                 if len({(comps, levels) for _id, comps, levels in found}) > 1}
    assert len(copies) >= 9 and not differing, differing
