"""Item-writing rules for framework files: cues, overlaps and wording that let people guess the answer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from digigram.core.errors import FrameworkError
from digigram.core.framework import Framework
from digigram.core.i18n import N_, NP_, Message, Percent, format_percent
from digigram.core.loader import load_framework_text
from digigram.core.yamlnodes import MappingNode, Node, ScalarNode, SequenceNode, compose, decode, read_bytes

Severity = Literal["error", "warning"]

# The Ukrainian apostrophe the shipped bank uses (docs/glossary.md says why): a letter, not punctuation.
APOSTROPHE = "\u02bc"
# A key longer than this many times the mean distractor length stands out even when it is not the longest.
LONG_RATIO = 1.3
# The share of single-answer items, per language, whose key may be strictly the longest option.
LONGEST_SHARE = 0.25
# File-level shares are judged only on a bank big enough for a share to mean something.
MIN_ITEMS_FOR_SHARES = 10
# No option position should hold more than this share of the keys.
POSITION_SHARE = 0.4
# Two items whose stem and key share this share of their content words test the same thing; measured on
# the shipped bank, known overlapping pairs score 0.26-0.39 and unrelated pairs stay below 0.2.
ENEMY_SIMILARITY = 0.25


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    why: Message


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule("key-longest", "warning",
         N_("people who guess pick the longest or a clearly longer option, and it is often the key")),
    Rule("longest-share", "error",
         N_("when the key is the longest in many items the bank can be passed without knowing the answers")),
    Rule("key-position", "warning",
         N_("a key that keeps one place in the file gives the answer away to whoever sees it or a print")),
    Rule("enemy-items", "warning",
         N_("two near-identical items give each other away and count one piece of knowledge twice")),
    Rule("negative-stem", "warning",
         N_("a negative in the question is easy to miss, so it tests attention instead of knowledge")),
    Rule("all-none-above", "error",
         N_("'all/none of the above' can be guessed from two options and shows no knowledge")),
    Rule("key-echo", "warning", N_("a word from the stem repeated only in the key points to the answer")),
    Rule("no-explanation", "warning", N_("without an explanation people see they were wrong but not why")),
    Rule("select-many-all", "warning",
         N_("if ticking every box (or none) scores high, the item does not tell knowledge apart")),
    Rule("resource-no-link", "error", N_("a resource with no link or file cannot be opened")),
    Rule("apostrophe", "error",
         N_("Ukrainian text uses one apostrophe, {apostrophe} (U+02BC), so words stay whole for search",
            apostrophe=APOSTROPHE)),
    Rule("review-overdue", "warning",
         N_("the review date of a dated fact has passed: the fact may be out of date")),
    Rule("area-not-measured", "warning",
         N_("self-ratings say, they do not show: a level rests on knowledge and scenario answers only")),
    Rule("invalid", "error", N_("the file does not follow the format, so it cannot be checked further")),
)}

_SEVERITY = {"error": N_("error"), "warning": N_("warning")}
_CYRILLIC = "А-Яа-яЄєІіЇїҐґ"
_BAD_APOSTROPHE = re.compile(rf"(?<=[{_CYRILLIC}])['\u2019`](?=[{_CYRILLIC}])")
_WORD = re.compile(r"[^\W\d_](?:[\w\u02bc\u2019'-]*\w)?")
_ALL_NONE = {
    "uk": re.compile(r"\b(усе|все|усі|всі|жоден|жодна|жодне|нічого)\s+(з\s+|із\s+)?"
                     r"(перелічен|наведен|вищенаведен|назван)", re.IGNORECASE),
    "en": re.compile(r"\b(all|none|both|neither)\s+of\s+(the\s+)?(above|these|the\s+options)\b",
                     re.IGNORECASE),
}
# A "which is NOT" question, not any negative word: the situations in stems are often negative.
_NEGATIVE = {
    "uk": re.compile(r"\b(НЕ|КРІМ|ОКРІМ)\b|(?i:\b(що|який|яка|яке|які)\s+(з\s+|із\s+)?(цього|переліченого|"
                     r"наведеного)?\s*(не|крім|окрім)\b)"),
    "en": re.compile(r"\b(NOT|EXCEPT)\b|\b(which|what)\b[^?]{0,40}\b(not|except|never|isn't|aren't|"
                     r"shouldn't|doesn't|don't|can't)\b", re.IGNORECASE),
}


def _split(words: str) -> list[str]:
    return words.split()


# Words too common to be a cue; stems are the first letters of a word, so Ukrainian endings don't matter.
_STOP = {
    "uk": set(_split("""
        а або але би бо був була були було в вам вас ви від він вона вони воно все всі де для до його
        їх з за й і із їй коли куди лише ми на навіть над не ні но о об от по під при про та так те ти то
        тощо у уже це ця цей ці чи що щоб як яка яке який які ваш ваша ваше ваші свій своє свою свої його
        її цього цієї цим цих тут там чому може можна треба варто має мають""")),
    "en": set(_split("""
        a about after all also an and any are as at be because been before but by can could do does
        for from had has have he her his how if in into is it its may more most must no not of on one or
        our out she should so some such than that the their them then there these they this those to up
        us was we were what when where which while who why will with would you your yours""")),
}
_STEM = 5


@dataclass(frozen=True)
class Finding:
    """One broken rule, at a line of the file, in one language or for the item as a whole."""

    rule: str
    line: int
    item: str | None
    lang: str | None
    text: Message

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    def message(self, lang: str | None = None) -> str:
        return self.text.render(lang)

    def format(self, file: str, lang: str | None = None) -> str:
        """`FILE:LINE: warning key-longest [uk] INF.1-07: message (why)`."""
        rule = RULES[self.rule]
        where = " ".join(part for part in (f"[{self.lang}]" if self.lang else "", self.item or "") if part)
        head = f"{file}:{self.line}: {_SEVERITY[rule.severity].render(lang)} {self.rule}"
        return f"{head}{' ' + where if where else ''}: {self.message(lang)} ({rule.why.render(lang)})"


@dataclass
class LanguageStats:
    """How a language's single-answer items give their key away, for the summary."""

    single: int = 0
    longest: int = 0
    positions: Counter[int] = field(default_factory=Counter)

    @property
    def longest_share(self) -> float:
        return self.longest / self.single if self.single else 0.0


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, LanguageStats] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def add(self, rule: str, node: Node | None, text: Message, *, item: str | None = None,
            lang: str | None = None) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.findings.append(Finding(rule=rule, line=line, item=item, lang=lang, text=text))

    def summary(self, file: str, lang: str | None = None) -> list[str]:
        """The closing lines: counts by severity and rule, then length and position shares per language."""
        by_rule = Counter(f.rule for f in self.findings)
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items()))
        lines = [N_("{file}: {errors}, {warnings}{detail}", file=file,
                    errors=NP_("{count} error", "{count} errors", self.errors),
                    warnings=NP_("{count} warning", "{count} warnings", self.warnings),
                    detail=f" ({rules})" if rules else "").render(lang)]
        for code, s in self.stats.items():
            total = sum(s.positions.values())
            shares = " ".join(f"{p + 1}:{format_percent(n / total, lang)}"
                              for p, n in sorted(s.positions.items()))
            lines.append(N_("  [{lang}] key strictly the longest in {longest} of {single} single-answer "
                            "items "
                            "({share}); key position in the file {positions}", lang=code, longest=s.longest,
                            single=s.single, share=Percent(s.longest_share),
                            positions=shares or "—").render(lang))
        return lines


@dataclass(frozen=True)
class _Option:
    node: Node
    texts: dict[str, tuple[str, Node]]
    score: float


@dataclass(frozen=True)
class _Item:
    id: str
    node: Node
    kind: str
    select: str
    stem: dict[str, tuple[str, Node]]
    options: tuple[_Option, ...]
    explanation: bool
    review_by: tuple[str, Node] | None


def lint_file(path: str | Path, *, today: date | None = None) -> Report:
    """Lint a framework file; a file the loader rejects gives one `invalid` error per problem.

    A file that cannot be read at all (missing, a folder, no permission, too large) raises
    `Unreadable`, whose problem says so in the reader's language.
    """
    data = read_bytes(Path(path), name=str(path))
    return lint_text(data, name=str(path), base_dir=Path(path).resolve().parent, today=today)


def lint_text(text: str | bytes, *, name: str = "<framework>", base_dir: str | Path = ".",
              today: date | None = None) -> Report:
    report = Report()
    try:
        framework = load_framework_text(text, name=name, base_dir=base_dir)
    except FrameworkError as exc:
        for p in exc.problems:
            report.findings.append(Finding(rule="invalid", line=p.line, item=None, lang=None, text=p.text))
        return report
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    root = compose(decode(data, name=name), name=name)
    assert isinstance(root, MappingNode)
    top = _mapping(root)
    items = [_read_item(node) for node in _seq(top.get("items"))]
    languages = framework.languages
    when = today or date.today()
    for lang in languages:
        report.stats[lang] = LanguageStats()
    for item in items:
        _check_item(report, item, languages, when)
    _check_shares(report, items, languages)
    _check_enemies(report, items, languages)
    for node in _seq(top.get("resources")):
        _check_resource(report, _mapping(node), when)
    _check_measured(report, framework, _seq(top.get("areas")))
    if "uk" in languages:
        _check_apostrophes(report, root)
    report.findings.sort(key=lambda f: (f.line, f.rule, f.lang or ""))
    return report


def overdue_reviews(
    text: str | bytes, *, name: str = "<framework>", today: date | None = None
) -> list[Finding]:
    """The `review-overdue` findings of a file the loader has accepted, for `digigram validate`."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    top = _mapping(compose(decode(data, name=name), name=name))
    report = Report()
    when = today or date.today()
    for key in ("items", "resources"):
        for node in _seq(top.get(key)):
            f = _mapping(node)
            review = f.get("review_by")
            if isinstance(review, ScalarNode):
                _check_review(report, (str(review.value), review), str(_scalar(f.get("id"))), when)
    return report.findings


# --- reading the node tree (the loader has already checked its shape) ---

def _mapping(node: Node | None) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value if isinstance(k, ScalarNode)}


def _seq(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def _texts(node: Node | None) -> dict[str, tuple[str, Node]]:
    if isinstance(node, ScalarNode):
        return {"": (str(node.value), node)}
    return {lang: (str(v.value), v) for lang, v in _mapping(node).items() if isinstance(v, ScalarNode)}


def _read_item(node: Node) -> _Item:
    f = _mapping(node)
    options = tuple(
        _Option(node=o, texts=_texts(_mapping(o).get("text")), score=_score(_mapping(o).get("score")))
        for o in _seq(f.get("options"))
    )
    review = f.get("review_by")
    return _Item(
        id=str(_scalar(f.get("id"))), node=node, kind=str(_scalar(f.get("kind"))),
        select=str(_scalar(f.get("select")) or "one"), stem=_texts(f.get("stem")), options=options,
        explanation="explanation" in f,
        review_by=(str(review.value), review) if isinstance(review, ScalarNode) else None,
    )


def _scalar(node: Node | None) -> object:
    if not isinstance(node, ScalarNode):
        return None
    value = str(node.value)
    try:
        return float(value) if node.tag.endswith(("int", "float")) else value
    except ValueError:
        return value


def _score(node: Node | None) -> float:
    value = _scalar(node)
    return value if isinstance(value, float) else 0.0


def _key(item: _Item) -> int | None:
    """The index of the one best option of a single-answer item, None when there is no single best."""
    if item.kind not in ("knowledge", "scenario") or item.select == "many" or not item.options:
        return None
    best = max(o.score for o in item.options)
    keys = [i for i, o in enumerate(item.options) if o.score == best]
    return keys[0] if len(keys) == 1 else None


def _words(text: str, lang: str) -> set[str]:
    return set(_stems(text, lang))


def _stems(text: str, lang: str) -> dict[str, str]:
    """Content words by stem (the first letters, so Ukrainian endings don't matter), as first written."""
    stop = _STOP.get(lang, set())
    result: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        if len(word) > 2 and word.lower() not in stop:
            result.setdefault(word.lower()[:_STEM], word)
    return result


def _text(texts: dict[str, tuple[str, Node]], lang: str) -> str:
    found = texts.get(lang) or texts.get("")
    return found[0] if found else ""


def _question(stem: str) -> str:
    """The sentence that asks: negatives in the situation before it are not a negative stem."""
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", stem.strip()) if s]
    asking = [s for s in sentences if s.endswith("?")]
    return asking[-1] if asking else (sentences[-1] if sentences else "")


# --- the rules ---

def _check_item(report: Report, item: _Item, languages: Sequence[str], today: date) -> None:
    scored_choice = item.kind in ("knowledge", "scenario")
    if scored_choice and not item.explanation:
        report.add("no-explanation", item.node, N_("There is no 'explanation'."), item=item.id)
    if item.review_by is not None:
        _check_review(report, item.review_by, item.id, today)
    for lang, (text, node) in item.stem.items():
        code = lang or None
        if _ALL_NONE.get(lang, _ALL_NONE["en"]).search(text):
            report.add("all-none-above", node, N_("The stem relies on 'all/none of the above'."),
                       item=item.id, lang=code)
        if scored_choice and lang in _NEGATIVE and _NEGATIVE[lang].search(_question(text)):
            report.add("negative-stem", node, N_("The question is worded in the negative."),
                       item=item.id, lang=code)
    for option in item.options:
        for lang, (text, node) in option.texts.items():
            if _ALL_NONE.get(lang, _ALL_NONE["en"]).search(text):
                report.add("all-none-above", node, N_("An 'all/none of the above' option."),
                           item=item.id, lang=lang or None)
    if item.select == "many" and item.options:
        right = sum(o.score >= 0.5 for o in item.options)
        n = len(item.options)
        worst = max(right, n - right) / n
        if worst >= 0.75:
            report.add("select-many-all", item.node,
                       N_("Ticking every box or none scores {score}.", score=f"{worst:.2f}"), item=item.id)
    key = _key(item)
    if key is None:
        return
    for lang in languages:
        stats = report.stats[lang]
        stats.single += 1
        stats.positions[key] += 1
        lengths = [len(o.texts.get(lang, o.texts.get("", ("", item.node)))[0].strip()) for o in item.options]
        others = [n for i, n in enumerate(lengths) if i != key]
        key_node = item.options[key].texts.get(lang, ("", item.options[key].node))[1]
        mean = sum(others) / len(others) if others else 0.0
        if others and lengths[key] > max(others):
            stats.longest += 1
            report.add("key-longest", key_node,
                       N_("The key is the longest option: {length} characters, the others {mean} on average.",
                          length=lengths[key], mean=f"{mean:.0f}"), item=item.id, lang=lang)
        elif others and lengths[key] > LONG_RATIO * mean:
            report.add("key-longest", key_node,
                       N_("The key is {ratio} times the mean distractor length.",
                          ratio=f"{lengths[key] / mean:.2f}"),
                       item=item.id, lang=lang)
        key_words = _stems(_text(item.options[key].texts, lang), lang)
        echoed = set(key_words) & _words(_text(item.stem, lang), lang)
        for i, o in enumerate(item.options):
            if i != key:
                echoed -= _words(_text(o.texts, lang), lang)
        if echoed:
            shown = ", ".join(sorted(key_words[w] for w in echoed))
            report.add("key-echo", key_node,
                       N_("Only the key repeats words of the stem: {words}.", words=shown),
                       item=item.id, lang=lang)


def _check_shares(report: Report, items: list[_Item], languages: Sequence[str]) -> None:
    first = items[0].node if items else None
    for lang in languages:
        stats = report.stats[lang]
        if stats.single < MIN_ITEMS_FOR_SHARES:
            continue
        if stats.longest_share > LONGEST_SHARE:
            share, limit = Percent(stats.longest_share), Percent(LONGEST_SHARE)
            report.add("longest-share", first,
                       N_("The key is the longest option in {longest} of {single} items ({share}); at most "
                          "{limit} is allowed.", longest=stats.longest, single=stats.single, share=share,
                          limit=limit), lang=lang)
        if lang != languages[0]:
            continue  # positions are the same in every language
        for position, n in sorted(stats.positions.items()):
            if n / stats.single > POSITION_SHARE:
                report.add("key-position", first,
                           N_("The key is option {position} in {count} of {single} items ({share}).",
                              position=position + 1, count=n, single=stats.single,
                              share=Percent(n / stats.single)))


def _check_enemies(report: Report, items: list[_Item], languages: Sequence[str]) -> None:
    """Pairs of scored items whose stem and key share most content words (Jaccard): the same test twice."""
    scored = [i for i in items if i.kind in ("knowledge", "scenario")]
    for lang in languages:
        words = [_words(_text(i.stem, lang) + " " + _keys_text(i, lang), lang) for i in scored]
        for a in range(len(scored)):
            for b in range(a + 1, len(scored)):
                union = words[a] | words[b]
                if len(union) < 4:
                    continue
                similarity = len(words[a] & words[b]) / len(union)
                if similarity >= ENEMY_SIMILARITY:
                    node = scored[b].stem.get(lang, ("", scored[b].node))[1]
                    report.add("enemy-items", node,
                               N_("The stem and key are nearly those of {other} ({share} of words shared).",
                                  other=scored[a].id, share=Percent(similarity)),
                               item=scored[b].id, lang=lang)


def _keys_text(item: _Item, lang: str) -> str:
    """What a fully right answer chooses: the best option, or every right option of a select-many item."""
    if item.select == "many":
        return " ".join(_text(o.texts, lang) for o in item.options if o.score >= 0.5)
    best = max((o.score for o in item.options), default=0.0)
    return " ".join(_text(o.texts, lang) for o in item.options if o.score == best)


def _check_measured(report: Report, framework: Framework, areas: list[Node]) -> None:
    """An area with only self-ratings and attitudes, or no items at all: allowed, yet no answer in it
    can show a level (core.records.measured), so every result there says "not measured"."""
    shown = {item.area_id for item in framework.items if item.kind in ("knowledge", "scenario")}
    for node in areas:
        id_node = _mapping(node).get("id")
        area_id = str(_scalar(id_node))
        if area_id not in shown:
            report.add("area-not-measured", id_node or node,
                       N_("The area {area} has no knowledge or scenario item, so the app can give no level "
                          "for it.", area=area_id), item=area_id)


def _check_resource(report: Report, f: dict[str, Node], today: date) -> None:
    rid = str(_scalar(f.get("id")))
    node = f.get("id")
    if "url" not in f and "file" not in f:
        report.add("resource-no-link", node, N_("The resource has neither a 'url' nor a 'file'."), item=rid)
    review = f.get("review_by")
    if isinstance(review, ScalarNode):
        _check_review(report, (str(review.value), review), rid, today)


def _check_review(report: Report, review: tuple[str, Node], owner: str, today: date) -> None:
    value, node = review
    try:
        when = date.fromisoformat(value)
    except ValueError:
        return  # the loader reports a malformed date
    if when < today:
        report.add("review-overdue", node, N_("The review date {date} has passed.", date=value), item=owner)


def _check_apostrophes(report: Report, root: Node) -> None:
    for node, where in _uk_strings(root):
        found = _BAD_APOSTROPHE.findall(str(node.value))
        if found:
            report.add("apostrophe", node,
                       N_("Apostrophe '{found}' ({count}×): write '{apostrophe}'.", found=found[0],
                          count=len(found), apostrophe=APOSTROPHE), item=where, lang="uk")


def _uk_strings(node: Node, owner: str | None = None) -> Iterator[tuple[ScalarNode, str | None]]:
    """Every Ukrainian string in the tree, with the id of the item, resource or area that holds it."""
    if isinstance(node, SequenceNode):
        for child in node.value:
            yield from _uk_strings(child, owner)
    elif isinstance(node, MappingNode):
        f = _mapping(node)
        ident = _scalar(f.get("id"))
        here = str(ident) if isinstance(ident, str) else owner
        for key, value in f.items():
            if key == "uk" and isinstance(value, ScalarNode):
                yield value, here
            else:
                yield from _uk_strings(value, here)
