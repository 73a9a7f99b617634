"""`digigram lint`: each item-writing rule fires where it should, with its line, and only there."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from digigram.core.i18n import N_
from digigram.core.lint import LONGEST_SHARE, RULES, Finding, Report, lint_text

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 30)

HEAD = """format: digigram-framework/1
id: lint-test
version: "1"
title: {uk: "Рамка", en: "Framework"}
languages: [uk, en]
levels:
  - {code: A1, name: {uk: "Початковий", en: "Beginner"}}
  - {code: B1, name: {uk: "Середній", en: "Intermediate"}}
areas:
  - id: SAF
    name: {uk: "Безпека", en: "Safety"}
    competences:
      - id: SAF.1
        name: {uk: "Паролі", en: "Passwords"}
items:
"""

# One clean item: options of equal length, key not first, an explanation, no cue in any language.
CLEAN = """  - id: SAF.1-{n:02d}
    competence: SAF.1
    kind: knowledge
    level: B1
    stem: {{uk: "Який пароль надійний {n}?", en: "Which password is strong {n}?"}}
    options:
      - {{text: {{uk: "Qwerty12", en: "Qwerty12"}}, score: 0}}
      - {{text: {{uk: "k7#Rm!q2", en: "k7#Rm!q2"}}, score: 1}}
      - {{text: {{uk: "пароль01", en: "password"}}, score: 0}}
    explanation: {{uk: "Випадкові знаки.", en: "Random characters."}}
"""


def _lint(items: str, tail: str = "") -> Report:
    return lint_text(HEAD + items + tail, name="t.yaml", base_dir=ROOT, today=TODAY)


def _rules(report: Report) -> list[str]:
    return [f.rule for f in report.findings]


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_clean_items_give_no_findings() -> None:
    report = _lint("".join(CLEAN.format(n=n) for n in range(1, 4)))
    assert report.findings == []
    assert report.stats["uk"].single == 3 and report.stats["uk"].longest == 0


def test_longest_key_is_a_warning_on_the_key_line_in_each_language() -> None:
    item = """  - id: SAF.1-01
    competence: SAF.1
    kind: scenario
    level: B1
    stem: {uk: "Колега просить пароль.", en: "A colleague asks for a password."}
    options:
      - {text: {uk: "Дати", en: "Give it"}, score: 0}
      - {text: {uk: "Відмовити, пояснити чому і запропонувати окремий обліковий запис",
                en: "Refuse, explain why and offer a separate account"}, score: 1}
    explanation: {uk: "Пароль особистий.", en: "A password is personal."}
"""
    report = _lint(item)
    found = [f for f in report.findings if f.rule == "key-longest"]
    assert {f.lang for f in found} == {"uk", "en"}
    text = HEAD + item
    assert {f.line for f in found} == {_line_of(text, "Відмовити"), _line_of(text, "Refuse")}
    assert all(f.severity == "warning" for f in found)
    assert report.errors == 0


def test_a_key_much_longer_than_the_mean_is_flagged_even_when_not_the_longest() -> None:
    item = """  - id: SAF.1-01
    competence: SAF.1
    kind: knowledge
    level: B1
    stem: {uk: "Що обрати?", en: "Which one?"}
    options:
      - {text: {uk: "ааааааааааааааааааааааааааааааааааааааааа",
                en: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, score: 0}
      - {text: {uk: "бббббббббббббббббббббббббббббб", en: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, score: 1}
      - {text: {uk: "в", en: "c"}, score: 0}
    explanation: {uk: "Так.", en: "So."}
"""
    report = _lint(item)
    assert _rules(report).count("key-longest") == 2
    assert report.stats["en"].longest == 0  # not strictly the longest: only the ratio rule


def test_share_of_longest_keys_above_the_limit_is_an_error() -> None:
    longest = """  - id: SAF.1-{n:02d}
    competence: SAF.1
    kind: knowledge
    level: B1
    stem: {{uk: "Питання {n}?", en: "Question {n}?"}}
    options:
      - {{text: {{uk: "ні", en: "no"}}, score: 0}}
      - {{text: {{uk: "так, звісно", en: "yes, of course"}}, score: 1}}
    explanation: {{uk: "Так.", en: "So."}}
"""
    # 4 of 12 (33 %) is over the limit; 3 of 12 (25 %) is not.
    def bank(n_longest: int) -> Report:
        return _lint("".join(longest.format(n=n) for n in range(1, n_longest + 1))
                     + "".join(CLEAN.format(n=n) for n in range(n_longest + 1, 13)))

    over = bank(4)
    assert sorted(f.lang or "" for f in over.findings if f.rule == "longest-share") == ["en", "uk"]
    assert over.errors == 2
    at = bank(3)
    assert at.stats["uk"].longest_share == LONGEST_SHARE
    assert "longest-share" not in _rules(at)


def test_keys_always_in_one_position_are_reported() -> None:
    first = CLEAN.replace('"Qwerty12"}}, score: 0', '"Qwerty12"}}, score: 1', 1)
    first = first.replace('"k7#Rm!q2"}}, score: 1', '"k7#Rm!q2"}}, score: 0', 1)
    report = _lint("".join(first.format(n=n) for n in range(1, 13)))
    found = [f for f in report.findings if f.rule == "key-position"]
    assert len(found) == 1 and "1 in 12 of 12" in found[0].message("en")
    assert report.stats["uk"].positions == {0: 12}


def test_shares_in_findings_and_summary_are_written_as_each_language_writes_percentages() -> None:
    first = CLEAN.replace('"Qwerty12"}}, score: 0', '"Qwerty12"}}, score: 1', 1)
    first = first.replace('"k7#Rm!q2"}}, score: 1', '"k7#Rm!q2"}}, score: 0', 1)
    report = _lint("".join(first.format(n=n) for n in range(1, 13)))
    (found,) = [f for f in report.findings if f.rule == "key-position"]
    # One finding, read in either language: Ukrainian sets a no-break space before %, English none.
    assert "(100\u00a0%)" in found.message("uk") and "(100%)" in found.message("en")
    assert "1:100\u00a0%" in report.summary("f.yaml", "uk")[1]
    assert "1:100%" in report.summary("f.yaml", "en")[1]


@pytest.mark.parametrize(("errors", "warnings", "en", "uk"), [
    (1, 0, "1 error, 0 warnings", "1 помилка, 0 попереджень"),
    (2, 1, "2 errors, 1 warning", "2 помилки, 1 попередження"),
    (5, 3, "5 errors, 3 warnings", "5 помилок, 3 попередження"),
    (11, 21, "11 errors, 21 warnings", "11 помилок, 21 попередження"),
    (22, 14, "22 errors, 14 warnings", "22 помилки, 14 попереджень"),
])
def test_summary_counts_agree_with_their_words_in_each_language(errors: int, warnings: int, en: str,
                                                                 uk: str) -> None:
    text = N_("There is no 'explanation'.")
    report = Report(findings=[Finding(rule="apostrophe", line=1, item=None, lang="uk", text=text)] * errors
                    + [Finding(rule="no-explanation", line=1, item=None, lang=None, text=text)] * warnings)
    assert report.summary("f.yaml", "en")[0].startswith(f"f.yaml: {en} (")
    assert report.summary("f.yaml", "uk")[0].startswith(f"f.yaml: {uk} (")


def test_near_duplicate_items_are_enemies() -> None:
    stem = ('{uk: "Відвідувачка забула пароль до пошти на комп’ютері хабу. Як допомогти?", '
            'en: "A visitor forgot the password to her email on a hub computer. How do you help?"}')
    first = CLEAN.format(n=1).replace(CLEAN.format(n=1).splitlines()[4].split("stem: ")[1], stem)
    twin = first.replace("SAF.1-01", "SAF.1-02").replace("Як допомогти", "Що робити")
    twin = twin.replace("How do", "What do")
    other = CLEAN.format(n=3)
    report = _lint(first + twin + other)
    found = [f for f in report.findings if f.rule == "enemy-items"]
    assert {f.lang for f in found} == {"uk", "en"}
    assert all(f.item == "SAF.1-02" and "SAF.1-01" in f.message("en") for f in found)


@pytest.mark.parametrize(("uk", "en", "langs"), [
    ("Який пароль НЕ надійний?", "Which password is NOT strong?", {"uk", "en"}),
    ("Що з цього не варто робити?", "Which one is strong?", {"uk"}),
    ("Який пароль надійний?", "What should you not do?", {"en"}),
    ("Ви не знаєте пароля. Що зробити?", "You do not know the password. What do you do?", set()),
])
def test_negative_stems_are_found_in_the_question_only(uk: str, en: str, langs: set[str]) -> None:
    item = CLEAN.format(n=1).replace('"Який пароль надійний 1?"', f'"{uk}"').replace(
        '"Which password is strong 1?"', f'"{en}"')
    report = _lint(item)
    assert {f.lang for f in report.findings if f.rule == "negative-stem"} == langs


@pytest.mark.parametrize(("uk", "en"), [
    ("Усе перелічене", "Only the first"),
    ("Лише перший", "All of the above"),
    ("Жоден із наведених", "None of these"),
])
def test_all_or_none_of_the_above_is_an_error(uk: str, en: str) -> None:
    item = CLEAN.format(n=1).replace('{uk: "Qwerty12", en: "Qwerty12"}', f'{{uk: "{uk}", en: "{en}"}}')
    report = _lint(item)
    assert "all-none-above" in _rules(report)
    assert report.errors >= 1


def test_a_stem_word_repeated_only_in_the_key_is_a_cue() -> None:
    item = CLEAN.format(n=1).replace('{uk: "k7#Rm!q2", en: "k7#Rm!q2"}',
                                     '{uk: "Надійний k7#Rm", en: "Strong k7#Rm"}')
    report = _lint(item)
    found = [f for f in report.findings if f.rule == "key-echo"]
    assert {f.lang for f in found} == {"uk", "en"}
    assert "Strong" in next(f.message("en") for f in found if f.lang == "en")


def test_missing_explanation_and_select_many_where_ticking_all_scores_high() -> None:
    item = """  - id: SAF.1-01
    competence: SAF.1
    kind: knowledge
    level: B1
    select: many
    stem: {uk: "Які паролі надійні?", en: "Which passwords are strong?"}
    options:
      - {text: {uk: "Фраза з чотирьох слів", en: "A four-word phrase"}, score: 1}
      - {text: {uk: "k7#Rm!q2", en: "k7#Rm!q2"}, score: 1}
      - {text: {uk: "Zx9!pLm4", en: "Zx9!pLm4"}, score: 1}
      - {text: {uk: "123456", en: "123456"}, score: 0}
"""
    report = _lint(item)
    assert sorted(_rules(report)) == ["no-explanation", "select-many-all"]
    assert "0.75" in next(f.message("en") for f in report.findings if f.rule == "select-many-all")
    assert report.errors == 0


def test_ascii_apostrophe_in_ukrainian_is_an_error_not_in_english() -> None:
    item = CLEAN.format(n=1).replace('"Який пароль надійний 1?"', "\"Пам'ять і комп’ютер: що надійне?\"")
    item = item.replace('"Which password is strong 1?"', "\"Which one's strong?\"")
    report = _lint(item)
    found = [f for f in report.findings if f.rule == "apostrophe"]
    assert len(found) == 1 and found[0].lang == "uk" and "2×" in found[0].message("en")
    fixed = item.replace("Пам'ять і комп’ютер", "Памʼять і компʼютер")
    assert "apostrophe" not in _rules(_lint(fixed))


def test_resources_without_link_or_file_and_overdue_reviews() -> None:
    tail = """resources:
  - id: R-1
    title: {uk: "Заняття", en: "Workshop"}
    kind: workshop
    competences: [SAF.1]
  - id: R-2
    title: {uk: "Курс", en: "Course"}
    kind: course
    url: https://osvita.diia.gov.ua/
    review_by: 2026-11-29
    competences: [SAF.1]
  - id: R-3
    title: {uk: "Курс", en: "Course"}
    kind: course
    url: https://osvita.diia.gov.ua/
    review_by: 2026-11-30
    competences: [SAF.1]
"""
    report = _lint(CLEAN.format(n=1), tail)
    found = [(f.rule, f.item) for f in report.findings]
    assert found == [("resource-no-link", "R-1"), ("review-overdue", "R-2")]
    assert report.findings[1].line == _line_of(HEAD + CLEAN.format(n=1) + tail, "2026-11-29")


def test_an_invalid_file_is_one_error_per_loader_problem() -> None:
    report = _lint(CLEAN.format(n=1).replace("level: B1", "level: Z9"))
    assert _rules(report) == ["invalid"]
    assert "Z9" in report.findings[0].message("en") and report.errors == 1


def test_every_rule_explains_itself_in_both_languages() -> None:
    for rule in RULES.values():
        assert rule.why.render("uk") != rule.why.render("en")
    text = N_("There is no 'explanation'.")
    finding = Finding(rule="no-explanation", line=7, item="X-1", lang=None, text=text)
    assert finding.format("f.yaml", "uk") == (
        "f.yaml:7: попередження no-explanation X-1: Немає пояснення «explanation». "
        "(без пояснення людина бачить, що помилилася, але не дізнається чому)")
    assert finding.format("f.yaml", "en").startswith("f.yaml:7: warning no-explanation X-1: There is no")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "digigram", "lint", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_cli_warnings_pass_errors_fail(tmp_path: Path) -> None:
    warn = tmp_path / "warn.yaml"
    warn.write_text(HEAD + CLEAN.format(n=1).replace("    explanation:", "    # none\n    x:").replace(
        '    x: {uk: "Випадкові знаки.", en: "Random characters."}\n', ""), encoding="utf-8")
    result = _cli("--lang", "en", str(warn))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{warn}: 0 errors, 1 warning (no-explanation 1)" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + CLEAN.format(n=1).replace("Який", "Пам'ять: який"), encoding="utf-8")
    result = _cli("--lang", "uk", str(warn), str(bad))
    assert result.returncode == 2
    assert f"{bad}: 1 помилка, 0 попереджень (apostrophe 1)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_errors_only_and_an_unreadable_file(tmp_path: Path) -> None:
    both = tmp_path / "both.yaml"
    both.write_text(HEAD + CLEAN.format(n=1).replace("Який", "Пам'ять: який").replace(
        '    explanation: {uk: "Випадкові знаки.", en: "Random characters."}\n', ""), encoding="utf-8")
    result = _cli("--lang", "en", "--errors-only", str(both))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert [line.split()[2] for line in lines if line.split()[1:2] == ["error"]] == ["apostrophe"]
    assert not any(line.split()[1:2] == ["warning"] for line in lines)
    assert f"{both}: 1 error, 1 warning (apostrophe 1, no-explanation 1)" in lines
    missing = _cli("--lang", "uk", str(tmp_path / "none.yaml"))
    assert missing.returncode == 2
    assert "не вдалося прочитати файл" in missing.stderr and "Traceback" not in missing.stderr


def test_an_area_with_no_shown_item_is_a_warning_at_its_id() -> None:
    areas = """  - id: INF
    name: {uk: "Інформація", en: "Information"}
    competences:
      - id: INF.1
        name: {uk: "Пошук", en: "Searching"}
"""
    said = """  - id: INF.1-01
    competence: INF.1
    kind: self_rating
    level: A1
    stem: {uk: "Я знаходжу сайт.", en: "I can find a website."}
    scale: skills
"""
    scales = """scales:
  skills:
    - label: {uk: "Ні", en: "No"}
    - label: {uk: "Так", en: "Yes"}
"""
    text = HEAD.replace("areas:\n", scales + "areas:\n" + areas) + CLEAN.format(n=1) + said
    report = lint_text(text, name="t.yaml", base_dir=ROOT, today=TODAY)
    (finding,) = [f for f in report.findings if f.rule == "area-not-measured"]
    # only self-rated, the app showed the prior's level there as a finding, and lint said nothing
    assert finding.item == "INF" and finding.severity == "warning" and report.errors == 0
    assert finding.line == _line_of(text, "- id: INF")
    assert finding.message("en") == ("The area INF has no knowledge or scenario item, so the app can give no "
                                     "level for it.")
    assert "area-not-measured" not in _rules(_lint(CLEAN.format(n=1)))  # Safety's question measures it


def test_cli_says_why_a_file_cannot_be_read_in_the_readers_language(tmp_path: Path) -> None:
    """A missing file or a folder: the reason in Ukrainian, not the system's English strerror."""
    folder = tmp_path / "framework.yaml"
    folder.mkdir()
    result = _cli("--lang", "uk", str(folder), str(tmp_path / "none.yaml"))
    assert result.returncode == 2
    assert f"{folder}:0: не вдалося прочитати файл: Це тека, а не файл рамки." in result.stderr
    assert f"{tmp_path / 'none.yaml'}:0: не вдалося прочитати файл: Файл не знайдено." in result.stderr
    assert "directory" not in result.stderr and "Traceback" not in result.stderr
