"""Small frameworks built in code for engine tests, so they do not depend on the YAML loader."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from digigram.core.framework import (
    Area,
    Competence,
    Framework,
    IrtParams,
    Item,
    Level,
    Option,
    Profile,
    Resource,
    ResourceKind,
    Scale,
    ScalePoint,
    Text,
)

CODES = ("A1", "A2", "B1", "B2", "C1", "C2")


def text(s: str) -> Text:
    return Text({"uk": s, "en": s})


def levels(n: int = 6, cuts: Sequence[float] | None = None) -> tuple[Level, ...]:
    codes = CODES[:n] if n <= len(CODES) else tuple(str(i + 1) for i in range(n))
    return tuple(
        Level(code, text(code), i, cut=None if cuts is None or i == 0 else cuts[i - 1])
        for i, code in enumerate(codes)
    )


def self_rating(item_id: str, comp: str, area: str, level: str, *, irt: IrtParams | None = None) -> Item:
    return Item(item_id, comp, area, "self_rating", level, text(f"I can {item_id}"), scale="skills", irt=irt)


def attitude(item_id: str, comp: str, area: str, level: str = "A1") -> Item:
    return Item(item_id, comp, area, "attitude", level, text(f"I like {item_id}"), scale="skills")


def knowledge(
    item_id: str,
    comp: str,
    area: str,
    level: str,
    *,
    scores: Sequence[float] = (1, 0, 0, 0),
    select: str = "one",
    irt: IrtParams | None = None,
    resources: tuple[str, ...] = (),
) -> Item:
    options = tuple(Option(text(f"option {k}"), float(s)) for k, s in enumerate(scores))
    return Item(
        item_id,
        comp,
        area,
        "knowledge",
        level,
        text(f"What is {item_id}?"),
        options=options,
        select=select,
        irt=irt,
        resources=resources,
    )  # type: ignore[arg-type]


def scenario(
    item_id: str, comp: str, area: str, level: str, *, scores: Sequence[float] = (1, 0.5, 0)
) -> Item:
    options = tuple(Option(text(f"action {k}"), float(s)) for k, s in enumerate(scores))
    return Item(item_id, comp, area, "scenario", level, text(f"Do: {item_id}"), options=options)


def resource(
    rid: str,
    competences: tuple[str, ...],
    *,
    levels: tuple[str, str] | None = None,
    language: str | None = None,
    offline: bool = False,
    kind: ResourceKind = "course",
) -> Resource:
    from pathlib import Path

    return Resource(
        rid,
        text(rid),
        kind,
        competences,
        language=language,
        levels=levels,
        file=f"handouts/{rid}.pdf" if offline else None,
        path=Path(f"/tmp/{rid}.pdf") if offline else None,
    )


def framework(
    *,
    n_areas: int = 3,
    n_competences: int = 2,
    n_levels: int = 6,
    cuts: Sequence[float] | None = None,
    self_ratings: int = 3,
    knowledge_items: int = 3,
    attitudes: int = 1,
    scale_points: int = 5,
    profiles: Sequence[Profile] | None = None,
    extra_items: Sequence[Item] = (),
    resources: Sequence[Resource] = (),
) -> Framework:
    """A framework with `n_areas` areas, each competence holding self-ratings and knowledge items spread
    over the levels; areas are called A0, A1, …; competences A0.1, A0.2, …"""
    lv = levels(n_levels, cuts)
    codes = [x.code for x in lv]
    areas, items = [], []
    for a in range(n_areas):
        aid = f"A{a}"
        comps = tuple(Competence(f"{aid}.{c + 1}", aid, text(f"{aid}.{c + 1}")) for c in range(n_competences))
        areas.append(Area(aid, text(aid), comps))
        for comp in comps:
            for k in range(self_ratings):
                items.append(self_rating(f"{comp.id}-S{k}", comp.id, aid, codes[(k * 2 + a) % len(codes)]))
            for k in range(knowledge_items):
                items.append(knowledge(f"{comp.id}-K{k}", comp.id, aid, codes[(k * 2 + 1 + a) % len(codes)]))
        for k in range(attitudes):
            items.append(attitude(f"{aid}-T{k}", comps[0].id, aid))
    items.extend(extra_items)
    scale = Scale("skills", tuple(ScalePoint(text(f"p{k}")) for k in range(scale_points)))
    if profiles is None:
        profiles = (Profile("librarian", text("Librarian"), codes[min(2, len(codes) - 1)]),)
    return Framework(
        id="test",
        version="1",
        title=text("Test"),
        languages=("uk", "en"),
        levels=lv,
        areas=tuple(areas),
        items=tuple(items),
        scales={"skills": scale},
        profiles=tuple(profiles),
        resources=tuple(resources),
    )


def partly_measured() -> tuple[Framework, Framework, Framework]:
    """One bank's parameters three ways: all provisional (no `irt`), the K1, K3 and S0 items of each
    competence measured (given as `irt`, at the same values), and all measured."""
    from digigram.core.calibration.recovery import scored_params, with_params

    fw = framework(n_areas=2, n_competences=2, self_ratings=3, knowledge_items=8)
    params = scored_params(fw)
    some = {i: p for i, p in params.items() if i.endswith(("-K1", "-K3", "-S0"))}
    return fw, with_params(fw, some, version="mixed"), with_params(fw, params, version="measured")


def profile(pid: str, target: str, targets: Mapping[str, str] | None = None) -> Profile:
    return Profile(pid, text(pid), target, dict(targets or {}))
