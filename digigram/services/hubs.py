"""A hub named on the command line: chosen from the stored list by id or name (and region), never made up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digigram.core.errors import QuizError
from digigram.core.i18n import N_, NP_
from digigram.core.names import sort_key
from digigram.core.regions import Hub, Region, closest_regions, match_regions, short_name

SHOWN = 15  # hubs named in a refusal; a regional database may hold thousands


@dataclass(frozen=True)
class HubList:
    """Hubs one per line as "name (region) — id", worded when the message is shown."""

    hubs: tuple[Hub, ...]
    more: int = 0

    def render(self, lang: str | None = None) -> str:
        lines = [f"  {h.label(lang)} — {h.id}" for h in self.hubs]
        if self.more:
            lines.append("  " + NP_("…and {count} more", "…and {count} more", self.more).render(lang))
        return "\n".join(lines)


@dataclass(frozen=True)
class RegionList:
    """Regions in a sentence, worded when the message is shown: «Львівська область (UA-46)», or with `short`
    only the names as they may be typed («Львівська»), all of them by name."""

    regions: tuple[Region, ...]
    short: bool = False

    def render(self, lang: str | None = None) -> str:
        if self.short:
            return ", ".join(sorted((short_name(r, lang, self.regions) for r in self.regions), key=sort_key))
        return ", ".join(f"{r.name(lang)} ({r.id})" for r in self.regions)


def find_region(regions: Sequence[Region], text: str) -> Region:
    """A region as people type it (see core.regions.match_regions): its ISO code, its uk or en name with or
    without «область», or the clear start of it; a QuizError naming the regions meant or the closest."""
    found = match_regions(regions, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise QuizError(N_("The region {region!r} could be several: {regions}. Type more of its name or give "
                           "its code.", region=text, regions=RegionList(tuple(found))))
    close = closest_regions(regions, text)
    if close:
        raise QuizError(N_("Unknown region {region!r}. Did you mean {regions}? Give a region's name or its "
                           "code (such as UA-46).", region=text, regions=RegionList(tuple(close))))
    raise QuizError(N_("Unknown region {region!r}. The regions are: {regions}. Give a region's name or its "
                       "code (such as UA-46).", region=text, regions=RegionList(tuple(regions), short=True)))


def _listed(hubs: Sequence[Hub], typed: str) -> HubList:
    """The hubs to name in a refusal: those whose name holds the typed words first, at most SHOWN."""
    words = typed.casefold().split()
    near = [h for h in hubs if words and all(w in h.name.casefold() for w in words)]
    rest = [h for h in hubs if h not in near]
    ordered = sorted(near, key=lambda h: sort_key(h.name)) + sorted(rest, key=lambda h: sort_key(h.name))
    return HubList(tuple(ordered[:SHOWN]), max(len(ordered) - SHOWN, 0))


def choose_hub(hubs: Sequence[Hub], regions: Sequence[Region], *, hub: str, region: str | None = None) -> Hub:
    """The one stored hub `hub` means: its id, or its exact name (letter case aside), narrowed by `region`.

    Nothing is added: an unknown name is refused with the hubs to choose from and how a coordinator
    adds one, as the desktop app offers only the list.
    """
    wanted = " ".join(hub.split())
    if not hubs:
        raise QuizError(N_(
            "There are no hubs on this computer yet, so {hub!r} cannot be chosen. A coordinator adds hubs "
            "in the app's coordinator mode (Hubs…, then Add a hub…). Leave out --hub to add the person "
            "without a hub.", hub=hub))
    in_region = region_id = None
    if region is not None and region.strip():
        in_region = find_region(regions, region)
        region_id = in_region.id
    by_id = [h for h in hubs if h.id == wanted]
    found = by_id or [h for h in hubs if h.name.casefold() == wanted.casefold()]
    if region_id is not None:
        found = [h for h in found if h.region_id == region_id]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise QuizError(N_("Several hubs are called {hub!r}:\n{hubs}\nAdd --region with the hub's region "
                           "(such as UA-46), or give the hub's id.", hub=hub, hubs=HubList(tuple(found))))
    candidates = [h for h in hubs if region_id is None or h.region_id == region_id] or list(hubs)
    if in_region is not None:
        raise QuizError(N_(
            "There is no hub {hub!r} in {region} on this computer. Hubs to choose from (name, region — "
            "id):\n{hubs}\nA coordinator adds a missing hub in the app's coordinator mode (Hubs…).",
            hub=hub, region=in_region, hubs=_listed(candidates, wanted)))
    raise QuizError(N_(
        "There is no hub {hub!r} on this computer. Hubs to choose from (name, region — id):\n{hubs}\n"
        "A coordinator adds a missing hub in the app's coordinator mode (Hubs…).",
        hub=hub, hubs=_listed(candidates, wanted)))
