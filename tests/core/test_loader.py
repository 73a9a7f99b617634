"""The framework loader: valid files become a Framework, every broken one a located, bilingual problem."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from digigram.core import yamlnodes
from digigram.core.errors import FrameworkError
from digigram.core.loader import load_framework, load_framework_text
from digigram.core.yamlnodes import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ROOT / "tests" / "frameworks"
BROKEN = FRAMEWORKS / "broken"

# Each broken file is tests/frameworks/broken/valid-base.yaml with one mistake in it:
# (file stem, line, column, key path, a fragment of the English message).
CASES = [
    ("anchor-alias", 8, 22, "", "anchors (&mid) are not allowed"),
    ("bad-framework-id", 2, 5, "id", "lowercase letters, digits and '-'"),
    ("cuts-decreasing", 9, 60, "levels[2].cut", "Cuts must increase"),
    ("cuts-partial", 9, 5, "levels[2].cut", "Either every level but the first has a 'cut'"),
    ("descriptor-unknown-level", 21, 11, "areas[0].competences[0].descriptors.B2", "no level 'B2'"),
    ("duplicate-area-competence-id", 18, 13, "areas[0].competences[0].id", "'SAF' is already used on line"),
    ("duplicate-item-id", 45, 9, "items[2].id", "'SAF.1-01' is already used on line 28"),
    ("duplicate-key", 4, 1, "id", "appears twice (first on line 2)"),
    ("duplicate-level-code", 9, 12, "levels[2].code", "'B1' is used twice"),
    ("empty", 1, 1, "", "empty"),
    ("invalid-yaml", 5, 1, "", "Invalid YAML"),
    ("irt-a-not-positive", 43, 14, "items[1].irt.a", "must be above 0"),
    ("irt-b-on-polytomous", 34, 19, "items[0].irt.b", "Unknown key 'b'"),
    ("irt-c-out-of-range", 43, 30, "items[1].irt.c", "[0, 1)"),
    ("irt-thresholds-count", 34, 31, "items[0].irt.thresholds", "one fewer than 2 categories"),
    ("irt-thresholds-not-increasing", 54, 37, "items[2].irt.thresholds[1]", "must increase"),
    ("irt-thresholds-on-dichotomous", 43, 10, "items[1].irt.b", "'b' is missing"),
    ("item-bad-kind", 37, 11, "items[1].kind", "Did you mean 'knowledge'?"),
    ("item-missing-scale", 28, 5, "items[0].scale", "needs a 'scale'"),
    ("item-missing-stem", 45, 5, "items[2].stem", "'stem' is missing"),
    ("item-options-on-scale", 35, 7, "items[0].options", "takes no 'options'"),
    ("item-scale-on-knowledge", 40, 12, "items[1].scale", "takes no 'scale'"),
    ("item-too-few-options", 41, 7, "items[1].options", "At least 2"),
    ("item-unknown-competence", 36, 17, "items[1].competence", "no competence 'INF.1'"),
    ("item-unknown-level", 38, 12, "items[1].level", "no level 'B2'"),
    ("item-unknown-resource", 44, 17, "items[1].resources[0]", "no resource 'R-9'"),
    ("item-unknown-scale", 33, 12, "items[0].scale", "no scale 'likert'"),
    ("knowledge-no-correct-option", 41, 7, "items[1].options", "No option scores 1"),
    ("missing-version", 1, 1, "version", "'version' is missing"),
    ("not-utf8", 4, 14, "", "not UTF-8"),
    ("one-level", 7, 3, "levels", "At least 2"),
    ("option-score-out-of-range", 53, 52, "items[2].options[2].score", "outside 0..1"),
    ("option-score-wrong-type", 53, 52, "items[2].options[2].score", "Expected a number"),
    ("profile-unknown-level", 25, 13, "profiles[0].target", "no level 'B2'"),
    ("profile-unknown-target-id", 26, 15, "profiles[0].targets.SAF.9", "no area or competence"),
    ("resource-absolute-file", 58, 11, "resources[0].file", "not absolute"),
    ("resource-bad-kind", 57, 11, "resources[0].kind", "'pamphlet' is not valid"),
    ("resource-bad-url", 58, 10, "resources[0].url", "https://"),
    ("resource-file-outside", 58, 11, "resources[0].file", "outside the framework's folder"),
    ("resource-levels-reversed", 62, 13, "resources[0].levels", "put the lowest first"),
    ("resource-minutes-not-integer", 59, 14, "resources[0].minutes", "whole number"),
    ("resource-minutes-not-positive", 59, 14, "resources[0].minutes", "above 0 minutes"),
    ("resource-missing-file", 58, 11, "resources[0].file", "does not exist"),
    ("resource-unknown-competence", 61, 19, "resources[0].competences[0]", "no area or competence 'INF.1'"),
    ("resource-unknown-language", 60, 15, "resources[0].language", "'de' is not in languages"),
    ("scale-one-point", 12, 5, "scales.skills", "At least 2"),
    ("select-bad-value", 38, 13, "items[1].select", "'several' is not valid"),
    ("select-on-scenario", 48, 13, "items[2].select", "knowledge items only"),
    ("text-empty", 39, 37, "items[1].stem.en", "empty"),
    ("text-missing-language", 19, 15, "areas[0].competences[0].name.en", "'en' is missing"),
    ("text-plain-two-languages", 19, 15, "areas[0].competences[0].name", "every language"),
    ("text-unknown-language", 16, 41, "areas[0].name.de", "'de' is not in languages"),
    ("top-level-list", 1, 1, "", "Expected a mapping"),
    ("unknown-language-code", 5, 21, "languages[2]", "Unknown language code 'English'"),
    ("unknown-top-key", 4, 1, "titel", "Did you mean 'title'?"),
    ("version-wrong-type", 3, 10, "version", "Expected a string"),
    ("wrong-format", 1, 9, "format", "expected 'digigram-framework/1'"),
]


def _problem_for(exc: FrameworkError, line: int, column: int, path: str):  # type: ignore[no-untyped-def]
    found = [p for p in exc.problems if (p.line, p.column, p.path) == (line, column, path)]
    assert found, [p.format("en") for p in exc.problems]
    return found[0]


def test_minimal_framework_loads_with_everything_filled() -> None:
    path = FRAMEWORKS / "minimal.yaml"
    fw = load_framework(path)
    assert (fw.id, fw.version, fw.languages) == ("mini-test", "1.0", ("uk", "en"))
    assert [lv.code for lv in fw.levels] == ["A1", "B1", "C1"]
    assert [lv.index for lv in fw.levels] == [0, 1, 2]
    assert [lv.cut for lv in fw.levels] == [None, -0.5, 0.8]
    assert fw.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert fw.source == path.resolve()
    assert fw.title.get("en") == "Test framework" and fw.title.get("uk") == "Тестова рамка"
    assert [c.id for c in fw.competences] == ["INF.1", "SAF.1"]
    assert list(fw.competence("INF.1").descriptors) == ["A1", "C1"]
    assert {i.id: i.area_id for i in fw.items}["SAF.1-01"] == "SAF"
    assert fw.scales["skills"].score(2) == 1.0
    knowledge = fw.item("INF.1-02")
    assert knowledge.dichotomous and knowledge.irt is not None and knowledge.irt.c == 0.2
    assert knowledge.resources == ("R-1",)
    assert fw.item("SAF.1-01").irt is not None and fw.item("SAF.1-01").irt.thresholds == (-0.3, 0.9)
    assert fw.item("SAF.1-02").select == "many"
    librarian = fw.profile("librarian")
    assert librarian.target_for("SAF.1", "SAF") == "C1" and librarian.target_for("INF.1", "INF") == "A1"
    handout = fw.resource("R-1")
    assert handout.path == (FRAMEWORKS / "handouts" / "search.txt").resolve() and handout.offline
    assert handout.levels == ("A1", "B1") and handout.minutes == 15
    assert fw.resource("R-2").path is None and fw.resource("R-2").competences == ("SAF",)


def test_one_language_framework_takes_plain_strings_and_numeric_level_codes() -> None:
    fw = load_framework(FRAMEWORKS / "one-language.yaml")
    assert fw.languages == ("uk",)
    assert fw.version == "2"
    assert [lv.code for lv in fw.levels] == ["1", "2"]
    assert fw.title.get("en") == "Рамка однією мовою"
    assert fw.item("A.1-1").level == "2"
    assert list(fw.competence("A.1").descriptors) == ["2"]


def test_base_of_the_broken_files_is_valid() -> None:
    load_framework(BROKEN / "valid-base.yaml")


def test_every_broken_file_is_in_the_table() -> None:
    on_disk = {p.stem for p in BROKEN.glob("*.yaml")} - {"valid-base"}
    assert on_disk == {case[0] for case in CASES}


@pytest.mark.parametrize(("name", "line", "column", "path", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_reports_its_place_and_reason(
    name: str, line: int, column: int, path: str, fragment: str
) -> None:
    with pytest.raises(FrameworkError) as info:
        load_framework(BROKEN / f"{name}.yaml")
    problem = _problem_for(info.value, line, column, path)
    assert fragment in problem.message("en")
    assert problem.file == str(BROKEN / f"{name}.yaml")
    # Really worded in Ukrainian too (not the English left untranslated in the catalogue).
    assert problem.message("uk") and problem.message("uk") != problem.message("en")


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    return subprocess.run(
        [sys.executable, "-m", "digigram", "validate", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )


def test_validate_command_reports_every_broken_file() -> None:
    paths = [f"tests/frameworks/broken/{name}.yaml" for name, *_ in CASES]
    result = _validate("--lang", "en", *paths)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    for name, line, column, path, fragment in CASES:
        prefix = f"tests/frameworks/broken/{name}.yaml:{line}:{column}: {path or '(file)'}: "
        assert any(x.startswith(prefix) and fragment in x for x in lines), (prefix, fragment)


@pytest.mark.parametrize("name", ["unknown-top-key", "not-utf8", "resource-missing-file"])
def test_validate_one_broken_file_in_ukrainian(name: str) -> None:
    result = _validate("--lang", "uk", f"tests/frameworks/broken/{name}.yaml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    prefix = f"tests/frameworks/broken/{name}.yaml:"
    assert all(line.startswith(prefix) for line in result.stderr.splitlines())
    assert any("\u0400" <= ch <= "\u04ff" for ch in result.stderr)


def test_validate_valid_file_prints_one_summary_line() -> None:
    result = _validate("--lang", "en", "tests/frameworks/minimal.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "tests/frameworks/minimal.yaml: mini-test 1.0: ok — 2 areas, 2 competences, "
        "5 items (self_rating 1, knowledge 2, scenario 1, attitude 1), 2 resources"
    ]
    assert result.stderr == ""


def test_validate_fails_if_any_of_several_files_fails(tmp_path: Path) -> None:
    binary = tmp_path / "picture.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    result = _validate("--lang", "en", "tests/frameworks/minimal.yaml", str(tmp_path), str(binary),
                       str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.count("\n") == 1
    assert f"{tmp_path}:0:0: (file): This is a folder" in result.stderr
    assert f"{tmp_path / 'missing.yaml'}:0:0: (file): No such file." in result.stderr
    assert f"{binary}:" in result.stderr


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("format: x\n", encoding="utf-8")
    path.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root (as in CI) reads any file, so make the loader's open() refuse it as the OS refuses others.
        real_open = open

        def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(yamlnodes, "open", refusing_open, raising=False)
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.column, problem.path) == (str(path), 0, 0, "")
    assert "permission" in problem.message("en")
    assert "дозволу" in problem.message("uk")
    assert "permission" in info.value.message("en") and "дозволу" in info.value.message("uk")


def test_file_over_ten_megabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no need to write 10 MB
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    assert "10 MB" in info.value.problems[0].message("en")
    with pytest.raises(FrameworkError):
        load_framework_text(b"#" * (MAX_BYTES + 1), name="huge")


def test_byte_order_mark_is_allowed() -> None:
    data = (FRAMEWORKS / "one-language.yaml").read_bytes()
    fw = load_framework_text(b"\xef\xbb\xbf" + data, name="bom.yaml", base_dir=FRAMEWORKS)
    assert fw.id == "one-lang"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(FrameworkError) as info:
        load_framework_text("\n".join(lines), name="bomb.yaml")
    assert all("not allowed" in p.message("en") for p in info.value.problems)


def test_many_problems_are_all_reported() -> None:
    text = (BROKEN / "valid-base.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: knowledge", "kind: quiz").replace("minutes: 10", "minutes: -1")
    text = text.replace("target: B1", "target: Z9")
    with pytest.raises(FrameworkError) as info:
        load_framework_text(text, name="many.yaml", base_dir=BROKEN)
    paths = {p.path for p in info.value.problems}
    assert {"items[1].kind", "resources[0].minutes", "profiles[0].target"} <= paths


def test_pure_python_yaml_gives_the_same_framework_and_places() -> None:
    fast = load_framework(FRAMEWORKS / "minimal.yaml")
    slow = load_framework(FRAMEWORKS / "minimal.yaml", c_loader=False)
    assert fast.items == slow.items and fast.levels == slow.levels
    with pytest.raises(FrameworkError) as c_info:
        load_framework(BROKEN / "duplicate-item-id.yaml")
    with pytest.raises(FrameworkError) as py_info:
        load_framework(BROKEN / "duplicate-item-id.yaml", c_loader=False)
    assert c_info.value.problems == py_info.value.problems


def _with_irt(item_id: str, irt: str, *, scores: tuple[str, str] | None = None) -> str:
    """minimal.yaml with `irt` added to one item (and, optionally, its two option scores changed)."""
    text = (FRAMEWORKS / "minimal.yaml").read_text(encoding="utf-8")
    head, rest = text.split(f"  - id: {item_id}\n", 1)
    body, tail = rest.split("\n  - id: ", 1)
    body = "\n".join(line for line in body.split("\n") if not line.startswith("    irt:"))
    body = body.replace("    stem:", f"    irt: {irt}\n    stem:", 1)
    if scores is not None:
        high, low = scores
        body = body.replace("score: 1}", f"score: {high}}}").replace("score: 0}", f"score: {low}}}")
    return f"{head}  - id: {item_id}\n{body}\n  - id: {tail}"


@pytest.mark.parametrize(
    ("item_id", "scores", "needed"),
    [
        # select: many with 2 options scores 0, 1/2 or 1 (the share of right decisions): 3 categories.
        ("SAF.1-02", None, 2),
        # A knowledge item scoring 1 or 0.5 also scores 0 for "I don't know": 3 categories.
        ("INF.1-02", ("1", "0.5"), 2),
    ],
)
def test_thresholds_count_the_categories_the_quiz_scores(
    item_id: str, scores: tuple[str, str] | None, needed: int
) -> None:
    from digigram.core.itembank import bank_for

    given = [round(-1.0 + 0.7 * k, 1) for k in range(needed)]
    fw = load_framework_text(_with_irt(item_id, f"{{a: 1.5, thresholds: {given}}}", scores=scores),
                             name="t.yaml", base_dir=FRAMEWORKS)
    bank = bank_for(fw)
    # The author's calibrated thresholds are the ones the quiz uses, not provisional ones.
    assert bank.params[bank.row[item_id]].thresholds == tuple(given)  # type: ignore[union-attr]
    for wrong in (needed - 1, needed + 1):
        bad = _with_irt(item_id, f"{{a: 1.5, thresholds: {[k * 0.5 for k in range(wrong)]}}}", scores=scores)
        with pytest.raises(FrameworkError) as info:
            load_framework_text(bad, name="t.yaml", base_dir=FRAMEWORKS)
        [problem] = info.value.problems
        assert problem.path.endswith(".irt.thresholds")
        assert f"{needed} thresholds are needed" in problem.message("en")


def test_a_malformed_level_does_not_shift_the_places_of_the_next_ones() -> None:
    text = (BROKEN / "cuts-decreasing.yaml").read_text(encoding="utf-8")
    first = '  - {code: A1, name: {uk: "Початковий", en: "Beginner"}}\n'
    assert first in text
    with pytest.raises(FrameworkError) as info:
        load_framework_text(text.replace(first, first + "  - A2\n"), name="t.yaml", base_dir=BROKEN)
    found = {(p.line, p.path) for p in info.value.problems}
    # The same decreasing cut as in the table above, one line and one level further down.
    assert found == {(8, "levels[1]"), (10, "levels[3].cut")}, found


@pytest.mark.parametrize("text", [
    "id: x\ntitle: a: b\n",  # a colon inside a plain value
    "id: x\n\ttitle: a\n",  # a tab for indenting
    'id: "x\n',  # quotes never closed
    "items: [a, b\n",  # a bracket never closed
    "id: x\n  title: y\n",  # indentation that does not match
])
@pytest.mark.parametrize("c_loader", [True, False])
def test_yaml_syntax_problems_are_told_in_ukrainian_without_parser_english(
    tmp_path: Path, text: str, c_loader: bool
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path, c_loader=c_loader)
    (found,) = caught.value.problems
    uk = found.format("uk")
    assert "синтаксису YAML" in uk
    # The place stays; no English words of the parser's own message slip into the Ukrainian one.
    message = uk.split("синтаксису YAML", 1)[1].replace("YAML", "")
    assert re.search(r"[A-Za-z]{3,}", message) is None, uk
    assert "Invalid YAML" in found.format("en")


@pytest.mark.parametrize(("name", "en", "uk"), [
    ("invalid-yaml", "First: line 5, column 1: Invalid YAML", "Перша: рядок 5, стовпчик 1: "),
    ("item-unknown-level", "First: line 38, column 12, at items[1].level: ",
     "Перша: рядок 38, стовпчик 12, у items[1].level: "),
])
def test_the_message_a_person_reads_says_line_and_column_in_words(name: str, en: str, uk: str) -> None:
    """The app and the terminal commands show this sentence; `digigram validate` keeps FILE:LINE:COL."""
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    for lang, expected in (("en", en), ("uk", uk)):
        said = caught.value.message(lang)
        assert expected in said, said
        assert "(file)" not in said and said.count(str(path)) == 1, said


@pytest.mark.parametrize("c_loader", [True, False])
def test_an_unclosed_quote_is_found_where_it_was_opened(tmp_path: Path, c_loader: bool) -> None:
    """A quoted value may run on over the lines below, so the parser gave up many lines further down
    («рядок 277 … відступ не збігається» for a quote left open on line 201). The problem is now
    placed on the quote, and says where the parser stopped."""
    text = (FRAMEWORKS / "minimal.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = lines.index("    kind: knowledge\n")
    lines.insert(at + 2, '    explanation: "Лапки шукають точну фразу.\n')  # the closing quote forgotten
    path = tmp_path / "open-quote.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path, c_loader=c_loader)
    (found,) = caught.value.problems
    assert (found.line, found.column) == (at + 3, 18), found.format("en")
    stopped = re.search(r"to line (\d+)", found.format("en"))
    assert stopped is not None and int(stopped.group(1)) > at + 3
    uk = found.format("uk")
    assert "лапки" in uk and "Close the quote" not in uk


def test_a_quoted_value_that_rightly_runs_on_is_not_blamed(tmp_path: Path) -> None:
    """A quoted value may go on over the next line; a later mistake in the same block is reported
    where it is, not on that value's quote."""
    text = (FRAMEWORKS / "minimal.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = lines.index("    kind: knowledge\n")
    lines.insert(at + 2, '    explanation: "Лапки шукають\n      точну фразу."\n')  # closed on its next line
    lines.insert(at + 3, "   level: B1\n")  # the mistake: three spaces
    path = tmp_path / "run-on.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    (found,) = caught.value.problems
    assert found.line != at + 3, found.format("en")
    assert "quote opened here" not in found.format("en")
