"""The competency framework as frozen dataclasses: what the loader builds and everything else reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast

ItemKind = Literal["self_rating", "knowledge", "scenario", "attitude"]
ResourceKind = Literal["course", "series", "video", "article", "handout", "workshop", "other"]
ITEM_KINDS: tuple[ItemKind, ...] = ("self_rating", "knowledge", "scenario", "attitude")
RESOURCE_KINDS: tuple[ResourceKind, ...] = (
    "course",
    "series",
    "video",
    "article",
    "handout",
    "workshop",
    "other",
)


def _frozen_map(value: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of framework text in one or more languages, in the framework's language order."""

    values: Mapping[str, str]

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("a Text needs at least one language")
        object.__setattr__(self, "values", _frozen_map(self.values))

    def get(self, lang: str | None = None) -> str:
        """The text in `lang`, else in the first language."""
        if lang is not None and lang in self.values:
            return self.values[lang]
        return next(iter(self.values.values()))

    def __str__(self) -> str:
        return self.get()

    def __hash__(self) -> int:
        return hash(tuple(self.values.items()))


@dataclass(frozen=True, slots=True)
class Level:
    """A proficiency level, lowest first; `index` is its position (0-based)."""

    code: str
    name: Text
    index: int
    descriptor: Text | None = None
    cut: float | None = None


@dataclass(frozen=True, slots=True)
class ScalePoint:
    label: Text


@dataclass(frozen=True, slots=True)
class Scale:
    """An answer scale for self-ratings and attitudes; point k of n scores k/(n-1)."""

    name: str
    points: tuple[ScalePoint, ...]

    def score(self, index: int) -> float:
        return index / (len(self.points) - 1)


@dataclass(frozen=True, slots=True)
class Competence:
    id: str
    area_id: str
    name: Text
    description: Text | None = None
    descriptors: Mapping[str, Text] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "descriptors", _frozen_map(self.descriptors))

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    name: Text
    competences: tuple[Competence, ...]
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """A role with target levels: a default, overridden by area, overridden by competence."""

    id: str
    name: Text
    target: str
    targets: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", _frozen_map(self.targets))

    def __hash__(self) -> int:
        return hash(self.id)

    def target_for(self, competence_id: str, area_id: str) -> str:
        """The target level code for a competence."""
        if competence_id in self.targets:
            return self.targets[competence_id]
        if area_id in self.targets:
            return self.targets[area_id]
        return self.target

    def area_target(self, area_id: str) -> str:
        """The target level code for an area as a whole (its own override, else the default)."""
        return self.targets.get(area_id, self.target)


@dataclass(frozen=True, slots=True)
class Option:
    text: Text
    score: float


@dataclass(frozen=True, slots=True)
class IrtParams:
    """Calibrated parameters: a, b, c for right-or-wrong items; a and thresholds for graded ones."""

    a: float
    b: float | None = None
    c: float | None = None
    thresholds: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    competence_id: str
    area_id: str
    kind: ItemKind
    level: str
    stem: Text
    scale: str | None = None
    options: tuple[Option, ...] = ()
    select: Literal["one", "many"] = "one"
    explanation: Text | None = None
    irt: IrtParams | None = None
    resources: tuple[str, ...] = ()
    review_by: date | None = None  # when a dated fact the item states should be checked again

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def scored(self) -> bool:
        """Whether the item counts towards a level (attitudes never do)."""
        return self.kind != "attitude"

    @property
    def on_scale(self) -> bool:
        """Self-ratings and attitudes are answered on a scale; the others choose options."""
        return self.kind in ("self_rating", "attitude")

    @property
    def dichotomous(self) -> bool:
        """A right-or-wrong item: knowledge, select one, every option scoring 0 or 1."""
        return (
            self.kind == "knowledge"
            and self.select == "one"
            and all(o.score in (0.0, 1.0) for o in self.options)
        )

    @property
    def offers_dont_know(self) -> bool:
        return self.kind == "knowledge"

    @property
    def score_values(self) -> tuple[float, ...]:
        """The distinct scores an answer can get, lowest first: an option item's response categories.

        `select: many` with n options scores the share of right decisions, k/n for k = 0..n; other
        option items score their options' values, plus 0 for "I don't know". Scale items: ().
        """
        if self.on_scale:
            return ()
        if self.select == "many":
            n = len(self.options)
            return tuple(k / n for k in range(n + 1))
        scores = {o.score for o in self.options} | ({0.0} if self.offers_dont_know else set())
        return tuple(sorted(scores))


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    title: Text
    kind: ResourceKind
    competences: tuple[str, ...]
    url: str | None = None
    file: str | None = None
    path: Path | None = None
    minutes: int | None = None
    language: str | None = None
    levels: tuple[str, str] | None = None
    review_by: date | None = None  # when a dated fact the resource states should be checked again

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def offline(self) -> bool:
        """A file shipped with the framework, readable with no network."""
        return self.path is not None


@dataclass(frozen=True, eq=False)
class Framework:
    """One immutable framework, named by (id, version); `content_hash` is the SHA-256 of its bytes."""

    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    levels: tuple[Level, ...]
    areas: tuple[Area, ...]
    items: tuple[Item, ...]
    scales: Mapping[str, Scale] = field(default_factory=dict)
    profiles: tuple[Profile, ...] = ()
    resources: tuple[Resource, ...] = ()
    description: Text | None = None
    source: Path | None = None
    content_hash: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "scales", _frozen_map(self.scales))

    @cached_property
    def _index(self) -> dict[str, dict[str, object]]:
        return {
            "level": {lv.code: lv for lv in self.levels},
            "area": {a.id: a for a in self.areas},
            "competence": {c.id: c for a in self.areas for c in a.competences},
            "item": {i.id: i for i in self.items},
            "profile": {p.id: p for p in self.profiles},
            "resource": {r.id: r for r in self.resources},
        }

    def _get(self, kind: str, key: str) -> object:
        try:
            return self._index[kind][key]
        except KeyError:
            raise KeyError(f"no {kind} {key!r} in framework {self.id} {self.version}") from None

    def level(self, code: str) -> Level:
        return cast(Level, self._get("level", code))

    def level_index(self, code: str) -> int:
        return self.level(code).index

    def area(self, area_id: str) -> Area:
        return cast(Area, self._get("area", area_id))

    def competence(self, competence_id: str) -> Competence:
        return cast(Competence, self._get("competence", competence_id))

    def item(self, item_id: str) -> Item:
        return cast(Item, self._get("item", item_id))

    def profile(self, profile_id: str) -> Profile:
        return cast(Profile, self._get("profile", profile_id))

    def resource(self, resource_id: str) -> Resource:
        return cast(Resource, self._get("resource", resource_id))

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index["item"]

    def has_resource(self, resource_id: str) -> bool:
        return resource_id in self._index["resource"]

    @property
    def competences(self) -> Iterator[Competence]:
        for area in self.areas:
            yield from area.competences

    def items_in_area(self, area_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.area_id == area_id)

    def items_for_competence(self, competence_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.competence_id == competence_id)

    @property
    def default_profile(self) -> Profile | None:
        return self.profiles[0] if self.profiles else None
