"""Items, their IRT parameters and resources of a framework file, checked against what came before."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from digigram.core.checks import Reader
from digigram.core.framework import (
    ITEM_KINDS,
    IrtParams,
    Item,
    ItemKind,
    Option,
)
from digigram.core.i18n import N_, Message
from digigram.core.yamlnodes import Node

ITEM_REQUIRED = ("id", "competence", "kind", "level", "stem")
ITEM_OPTIONAL = ("scale", "options", "select", "explanation", "irt", "resources", "review_by")


@dataclass
class Known:
    """What the earlier parts of the file defined, for checking references in the later ones."""

    levels: dict[str, int]
    base_dir: Path
    # False for a framework kept in the database: its handout files were checked when it was first
    # loaded, and a later release may retire them without making old checks unreadable.
    files_required: bool = True
    scales: dict[str, int] = field(default_factory=dict)  # name -> number of points
    areas: set[str] = field(default_factory=set)
    competences: dict[str, str] = field(default_factory=dict)  # competence id -> area id
    ids: dict[str, int] = field(default_factory=dict)  # area and competence ids -> line
    resources: set[str] = field(default_factory=set)

    def claim_id(self, r: Reader, node: Node | None, path: str) -> str | None:
        """An area or competence id, which must be unique among both."""
        value = r.ident(node, path)
        if value is None or node is None:
            return None
        if value in self.ids:
            r.report(node, path, N_("The id '{value}' is already used on line {value2}.",
                                    value=value, value2=self.ids[value]))
            return None
        self.ids[value] = node.start_mark.line + 1
        return value

    def level_ref(self, r: Reader, node: Node | None, path: str) -> str | None:
        code = r.ident(node, path)
        if code is None or node is None:
            return None
        if code not in self.levels:
            self.unknown_level(r, node, path, code)
            return None
        return code

    def unknown_level(self, r: Reader, node: Node, path: str, code: str) -> None:
        codes = ", ".join(self.levels)
        r.report(node, path, N_("There is no level '{code}'; the levels are: {codes}.",
                                code=code, codes=codes))


def choice(r: Reader, node: Node | None, path: str, allowed: tuple[str, ...]) -> str | None:
    value = r.string(node, path)
    if value is None or node is None or value in allowed:
        return value
    close = difflib.get_close_matches(value, allowed, n=1)
    listed = ", ".join(allowed)
    if close:
        r.report(node, path, N_("'{value}' is not valid: use one of {listed}. Did you mean '{close}'?",
                                value=value, listed=listed, close=close[0]))
    else:
        r.report(node, path, N_("'{value}' is not valid: use one of {listed}.", value=value, listed=listed))
    return None


def refs(r: Reader, node: Node | None, path: str, known: set[str] | dict[str, str], *, minimum: int,
         missing: Callable[[str], Message]) -> tuple[str, ...]:
    """The ids listed under `node`; each unknown one is reported with `missing(id)`."""
    result: list[str] = []
    for i, entry in enumerate(r.sequence(node, path, minimum=minimum) or ()):
        ref = r.ident(entry, f"{path}[{i}]")
        if ref is not None and ref not in known:
            r.report(entry, f"{path}[{i}]", missing(ref))
        elif ref is not None:
            result.append(ref)
    return tuple(result)


def read_items(r: Reader, node: Node | None, known: Known) -> tuple[Item, ...]:
    items: list[Item] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(r.sequence(node, "items") or ()):
        path = f"items[{i}]"
        f = r.fields(entry, path, required=ITEM_REQUIRED, optional=ITEM_OPTIONAL)
        if f is None:
            continue
        item_id = r.ident(f.get("id"), f"{path}.id")
        if item_id is not None and item_id in seen:
            r.report(f["id"], f"{path}.id", N_("The item id '{item_id}' is already used on line {value}.",
                                               item_id=item_id, value=seen[item_id]))
        elif item_id is not None:
            seen[item_id] = f["id"].start_mark.line + 1
        item = _item(r, f, path, known, item_id=item_id, node=entry)
        if item is not None:
            items.append(item)
    return tuple(items)


def _item(
    r: Reader, f: dict[str, Node], path: str, known: Known, *, item_id: str | None, node: Node
) -> Item | None:
    competence = r.ident(f.get("competence"), f"{path}.competence")
    if competence is not None and competence not in known.competences:
        r.report(f["competence"], f"{path}.competence", N_("There is no competence '{competence}'.",
                                                           competence=competence))
        competence = None
    kind = cast(ItemKind | None, choice(r, f.get("kind"), f"{path}.kind", ITEM_KINDS))
    level = known.level_ref(r, f.get("level"), f"{path}.level")
    stem = r.text(f.get("stem"), f"{path}.stem")
    explanation = r.text(f["explanation"], f"{path}.explanation") if "explanation" in f else None
    review_by = r.date(f["review_by"], f"{path}.review_by") if "review_by" in f else None
    resources = refs(r, f["resources"], f"{path}.resources", known.resources, minimum=0,
                     missing=lambda ref: N_("There is no resource '{ref}'.", ref=ref)
                     ) if "resources" in f else ()
    scale: str | None = None
    options: tuple[Option, ...] = ()
    select = "one"
    if kind in ("self_rating", "attitude"):
        scale = _scale_ref(r, f, path, known, kind, node)
        for key in ("options", "select"):
            if key in f:
                r.report(f[key], f"{path}.{key}",
                         N_("A {kind} item takes no '{key}': it is answered on its scale.",
                            kind=kind, key=key))
    elif kind in ("knowledge", "scenario"):
        if "scale" in f:
            r.report(f["scale"], f"{path}.scale", N_("A {kind} item takes no 'scale': it has options.",
                                                     kind=kind))
        if "options" not in f:
            r.report(node, f"{path}.options",
                     N_("A {kind} item needs 'options'.", kind=kind))
        options = _options(r, f.get("options"), f"{path}.options", kind)
        if "select" in f and kind != "knowledge":
            r.report(f["select"], f"{path}.select", N_("'select' is for knowledge items only."))
        elif "select" in f:
            select = choice(r, f["select"], f"{path}.select", ("one", "many")) or "one"
    if None in (item_id, competence, kind, level, stem):
        return None
    assert item_id is not None and competence is not None and kind is not None
    assert level is not None and stem is not None
    item = Item(id=item_id, competence_id=competence, area_id=known.competences[competence], kind=kind,
                level=level, stem=stem, scale=scale, options=options, select=select,  # type: ignore[arg-type]
                explanation=explanation, resources=resources, review_by=review_by)
    if "irt" in f:
        categories = known.scales.get(scale, 0) if scale else len(item.score_values)
        irt = _irt(r, f["irt"], f"{path}.irt", item, categories)
        object.__setattr__(item, "irt", irt)
    return item


def _scale_ref(r: Reader, f: dict[str, Node], path: str, known: Known, kind: str, node: Node) -> str | None:
    if "scale" not in f:
        r.report(node, f"{path}.scale", N_("A {kind} item needs a 'scale'.", kind=kind))
        return None
    name = r.ident(f["scale"], f"{path}.scale")
    if name is not None and name not in known.scales:
        listed = ", ".join(known.scales) or "—"
        r.report(f["scale"], f"{path}.scale", N_("There is no scale '{name}' in scales ({listed}).",
                                                 name=name, listed=listed))
        return None
    return name


def _options(r: Reader, node: Node | None, path: str, kind: str) -> tuple[Option, ...]:
    options: list[Option] = []
    for i, entry in enumerate(r.sequence(node, path, minimum=2) or ()):
        f = r.fields(entry, f"{path}[{i}]", required=("text", "score"))
        if f is None:
            continue
        text = r.text(f.get("text"), f"{path}[{i}].text")
        score = r.number(f.get("score"), f"{path}[{i}].score")
        if score is not None and not 0 <= score <= 1:
            r.report(f["score"], f"{path}[{i}].score", N_("The score {score} is outside 0..1.", score=score))
        elif text is not None and score is not None:
            options.append(Option(text=text, score=float(score)))
    if kind == "knowledge" and node is not None and options and not any(o.score == 1 for o in options):
        r.report(node, path,
                 N_("No option scores 1: a knowledge item needs a correct option."))
    return tuple(options)


def _irt(r: Reader, node: Node, path: str, item: Item, categories: int) -> IrtParams | None:
    if item.kind == "attitude":
        r.report(node, path, N_("Attitude items are not scored, so they take no 'irt'."))
        return None
    dichotomous = item.dichotomous
    f = r.fields(node, path, required=("a", "b") if dichotomous else ("a", "thresholds"),
                 optional=("c",) if dichotomous else ())
    if f is None:
        return None
    a = r.number(f.get("a"), f"{path}.a")
    if a is not None and a <= 0:
        r.report(f["a"], f"{path}.a", N_("The discrimination 'a' must be above 0."))
    if dichotomous:
        b = r.number(f.get("b"), f"{path}.b")
        c = r.number(f["c"], f"{path}.c") if "c" in f else None
        if c is not None and not 0 <= c < 1:
            r.report(f["c"], f"{path}.c", N_("The guessing 'c' must be in [0, 1)."))
        if a is None or b is None:
            return None
        return IrtParams(a=float(a), b=float(b), c=None if c is None else float(c))
    thresholds = _thresholds(r, f.get("thresholds"), f"{path}.thresholds", categories)
    if a is None or thresholds is None:
        return None
    return IrtParams(a=float(a), thresholds=thresholds)


def _thresholds(r: Reader, node: Node | None, path: str, categories: int) -> tuple[float, ...] | None:
    seq = r.sequence(node, path)
    if seq is None or node is None:
        return None
    values = [r.number(entry, f"{path}[{i}]") for i, entry in enumerate(seq)]
    if any(v is None for v in values):
        return None
    numbers = [float(v) for v in values if v is not None]
    for i in range(1, len(numbers)):
        if numbers[i] <= numbers[i - 1]:
            r.report(seq[i], f"{path}[{i}]", N_("Thresholds must increase."))
            return None
    if categories >= 2 and len(numbers) != categories - 1:
        r.report(node, path,
                 N_("{value} thresholds are needed (one fewer than {categories} categories), found "
                    "{count}.",
                    value=categories - 1, categories=categories, count=len(numbers)))
        return None
    return tuple(numbers)
