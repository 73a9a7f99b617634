"""Learning resources of a framework file: kinds, references, levels and files next to the framework."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import cast

from digigram.core.checks import Reader
from digigram.core.framework import RESOURCE_KINDS, Resource, ResourceKind
from digigram.core.i18n import N_
from digigram.core.loader_items import Known, choice, refs
from digigram.core.yamlnodes import Node

RESOURCE_REQUIRED = ("id", "title", "kind", "competences")
RESOURCE_OPTIONAL = ("url", "file", "minutes", "language", "levels", "review_by")


def read_resources(r: Reader, node: Node, known: Known) -> tuple[Resource, ...]:
    resources: list[Resource] = []
    for i, entry in enumerate(r.sequence(node, "resources") or ()):
        path = f"resources[{i}]"
        f = r.fields(entry, path, required=RESOURCE_REQUIRED, optional=RESOURCE_OPTIONAL)
        if f is None:
            continue
        resource_id = r.ident(f.get("id"), f"{path}.id")
        if resource_id is not None and resource_id in known.resources:
            r.report(f["id"], f"{path}.id", N_("The resource id '{resource_id}' is used twice.",
                                               resource_id=resource_id))
            resource_id = None
        elif resource_id is not None:
            known.resources.add(resource_id)
        resource = _resource(r, f, path, known, resource_id)
        if resource is not None:
            resources.append(resource)
    return tuple(resources)


def _resource(
    r: Reader, f: dict[str, Node], path: str, known: Known, resource_id: str | None
) -> Resource | None:
    title = r.text(f.get("title"), f"{path}.title")
    kind = cast(ResourceKind | None, choice(r, f.get("kind"), f"{path}.kind", RESOURCE_KINDS))
    areas_and_competences = set(known.areas) | set(known.competences)
    competences = refs(r, f.get("competences"), f"{path}.competences", areas_and_competences, minimum=1,
                       missing=lambda ref: N_("There is no area or competence '{ref}'.", ref=ref))
    url = r.string(f["url"], f"{path}.url") if "url" in f else None
    if url is not None and not url.startswith(("https://", "http://")):
        r.report(f["url"], f"{path}.url", N_("The address must begin with https:// or http://."))
    file = r.string(f["file"], f"{path}.file") if "file" in f else None
    resolved = _file(r, f["file"], f"{path}.file", file, known) if file is not None else None
    minutes = r.number(f["minutes"], f"{path}.minutes", integer=True) if "minutes" in f else None
    if minutes is not None and minutes <= 0:
        r.report(f["minutes"], f"{path}.minutes", N_("The duration must be above 0 minutes."))
    language = r.string(f["language"], f"{path}.language") if "language" in f else None
    if language is not None and language not in r.languages:
        r.report(f["language"], f"{path}.language", N_("The language '{language}' is not in languages.",
                                                       language=language))
    levels = _level_range(r, f["levels"], f"{path}.levels", known) if "levels" in f else None
    review_by = r.date(f["review_by"], f"{path}.review_by") if "review_by" in f else None
    if None in (resource_id, title, kind):
        return None
    assert resource_id is not None and title is not None and kind is not None
    return Resource(id=resource_id, title=title, kind=kind, competences=competences, url=url, file=file,
                    path=resolved, minutes=None if minutes is None else int(minutes), language=language,
                    levels=levels, review_by=review_by)


def _file(r: Reader, node: Node, path: str, file: str, known: Known) -> Path | None:
    base_dir = known.base_dir
    windows = PureWindowsPath(file)
    if PurePosixPath(file).is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        r.report(node, path, N_("The path must be relative to the framework's folder, not absolute."))
        return None
    resolved = (base_dir / file).resolve()
    if not resolved.is_relative_to(base_dir):
        r.report(node, path, N_("The path leads outside the framework's folder."))
        return None
    if not resolved.is_file():
        if not known.files_required:
            return None  # a stored framework: the handout is simply not at hand any more
        r.report(node, path, N_("The file '{file}' does not exist next to the framework.", file=file))
        return None
    return resolved


def _level_range(r: Reader, node: Node, path: str, known: Known) -> tuple[str, str] | None:
    seq = r.sequence(node, path)
    if seq is None:
        return None
    if len(seq) != 2:
        r.report(node, path, N_("Two levels are needed: [lowest, highest]."))
        return None
    low, high = (known.level_ref(r, entry, f"{path}[{i}]") for i, entry in enumerate(seq))
    if low is None or high is None:
        return None
    if known.levels[low] > known.levels[high]:
        r.report(node, path, N_("The level '{low}' is above '{high}': put the lowest first.",
                                low=low, high=high))
        return None
    return (low, high)
