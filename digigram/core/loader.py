"""YAML framework file -> Framework, reporting every problem with its file, line, column and key path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from digigram.core.checks import FRAMEWORK_ID, LANGUAGE, Reader
from digigram.core.errors import FrameworkError
from digigram.core.framework import Area, Competence, Framework, Level, Profile, Scale, ScalePoint, Text
from digigram.core.i18n import N_
from digigram.core.loader_items import Known, read_items
from digigram.core.loader_resources import read_resources
from digigram.core.yamlnodes import MappingNode, Node, Unreadable, compose, decode, problem, read_bytes

FORMAT = "digigram-framework/1"
TOP_REQUIRED = ("format", "id", "version", "title", "languages", "levels", "areas", "items")
TOP_OPTIONAL = ("description", "scales", "profiles", "resources")

__all__ = ["FORMAT", "load_framework", "load_framework_text"]


def load_framework(path: str | Path, *, c_loader: bool = True) -> Framework:
    """Read and check a framework file; raise FrameworkError listing every problem found."""
    name = str(path)
    try:
        data = read_bytes(Path(path), name=name)
    except Unreadable as exc:
        raise FrameworkError(exc.problems) from None
    source = Path(path).resolve()
    return load_framework_text(data, name=name, base_dir=source.parent, source=source, c_loader=c_loader)


def load_framework_text(
    text: str | bytes,
    *,
    name: str = "<framework>",
    base_dir: str | Path = ".",
    source: Path | None = None,
    c_loader: bool = True,
    files_required: bool = True,
) -> Framework:
    """Check a framework given as text or bytes; resource files are looked up under `base_dir`.

    `files_required=False` reads a framework kept in the database: a handout file missing under
    `base_dir` then leaves the resource without a path instead of making the framework unreadable.
    """
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    try:
        root = compose(decode(data, name=name), name=name, c_loader=c_loader)
    except Unreadable as exc:
        raise FrameworkError(exc.problems) from None
    if root is None:
        raise FrameworkError([problem(name, 1, 1, "", N_("The file is empty."))])
    reader = Reader(name)
    framework = _read(reader, root, base_dir=Path(base_dir).resolve(), source=source,
                      files_required=files_required)
    if reader.problems or framework is None:
        raise FrameworkError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    object.__setattr__(framework, "content_hash", hashlib.sha256(data).hexdigest())
    return framework


def _read(r: Reader, root: Node, *, base_dir: Path, source: Path | None,
          files_required: bool = True) -> Framework | None:
    top = r.fields(root, "", required=TOP_REQUIRED, optional=TOP_OPTIONAL)
    if top is None:
        return None
    fmt = r.string(top.get("format"), "format")
    if fmt is not None and fmt != FORMAT:
        r.report(top["format"], "format", N_("Unsupported format '{fmt}': expected '{FORMAT}'.",
                                             fmt=fmt, FORMAT=FORMAT))
    framework_id = r.ident(top.get("id"), "id", FRAMEWORK_ID)
    version = r.ident(top.get("version"), "version")
    r.languages = _languages(r, top.get("languages"))
    title = r.text(top.get("title"), "title")
    description = r.text(top["description"], "description") if "description" in top else None
    levels = _levels(r, top.get("levels"))
    known = Known(levels={lv.code: lv.index for lv in levels}, base_dir=base_dir,
                  files_required=files_required)
    scales = _scales(r, top["scales"]) if "scales" in top else {}
    known.scales = {name: len(scale.points) for name, scale in scales.items()}
    areas = _areas(r, top.get("areas"), known)
    profiles = _profiles(r, top["profiles"], known) if "profiles" in top else ()
    resources = read_resources(r, top["resources"], known) if "resources" in top else ()
    items = read_items(r, top.get("items"), known)
    if r.problems or None in (framework_id, version, title):
        return None
    assert framework_id is not None and version is not None and title is not None
    return Framework(
        id=framework_id, version=version, title=title, description=description,
        languages=r.languages, levels=levels, scales=scales, areas=areas, profiles=profiles,
        items=items, resources=resources, source=source,
    )


def _languages(r: Reader, node: Node | None) -> tuple[str, ...]:
    seq = r.sequence(node, "languages", minimum=1)
    result: list[str] = []
    for i, entry in enumerate(seq or ()):
        code = r.string(entry, f"languages[{i}]")
        if code is None:
            continue
        if not LANGUAGE.match(code):
            r.report(entry, f"languages[{i}]",
                     N_("Unknown language code '{code}': use a lowercase ISO 639 code such as uk or en.",
                        code=code))
        elif code in result:
            r.report(entry, f"languages[{i}]", N_("The language '{code}' is listed twice.", code=code))
        else:
            result.append(code)
    return tuple(result)


def _levels(r: Reader, node: Node | None) -> tuple[Level, ...]:
    levels: list[Level] = []
    cut_nodes: list[tuple[int, Node, Node | None, float | None]] = []
    for i, entry in enumerate(r.sequence(node, "levels", minimum=2) or ()):
        path = f"levels[{i}]"
        f = r.fields(entry, path, required=("code", "name"), optional=("descriptor", "cut"))
        if f is None:
            continue
        code = r.ident(f.get("code"), f"{path}.code")
        name = r.text(f.get("name"), f"{path}.name")
        descriptor = r.text(f["descriptor"], f"{path}.descriptor") if "descriptor" in f else None
        cut = r.number(f["cut"], f"{path}.cut") if "cut" in f else None
        cut_nodes.append((i, entry, f.get("cut"), cut))
        if code is not None and any(lv.code == code for lv in levels):
            r.report(f["code"], f"{path}.code", N_("The level code '{code}' is used twice.", code=code))
        elif code is not None and name is not None:
            levels.append(Level(code=code, name=name, index=len(levels), descriptor=descriptor, cut=cut))
    _check_cuts(r, cut_nodes)
    return tuple(levels)


def _check_cuts(r: Reader, cuts: list[tuple[int, Node, Node | None, float | None]]) -> None:
    """Every level but the first has an increasing cut, or none has; the first never has one.

    `cuts` holds (position in `levels`, level node, cut node, cut) for the levels that are mappings,
    so a malformed level does not shift the paths reported for the ones after it.
    """
    if cuts and cuts[0][0] == 0 and cuts[0][2] is not None:
        r.report(cuts[0][2], "levels[0].cut",
                 N_("The lowest level takes no 'cut': it begins at the bottom of the scale."))
    rest = [c for c in cuts if c[0] > 0]
    if any(cut_node is not None for _i, _entry, cut_node, _cut in rest):
        for i, entry, cut_node, _cut in rest:
            if cut_node is None:
                r.report(entry, f"levels[{i}].cut",
                         N_("Either every level but the first has a 'cut', or none has."))
    previous: float | None = None
    for i, _entry, cut_node, cut in rest:
        if cut is not None and previous is not None and cut <= previous:
            r.report(cut_node, f"levels[{i}].cut", N_("Cuts must increase: {cut} is not above {previous}.",
                                                      cut=cut, previous=previous))
        if cut is not None:
            previous = cut


def _scales(r: Reader, node: Node) -> dict[str, Scale]:
    if not isinstance(node, MappingNode):
        r.expected(node, "scales", "mapping")
        return {}
    scales: dict[str, Scale] = {}
    for name, (key_node, value) in r.pairs(node, "scales").items():
        if r.ident(key_node, f"scales.{name}") is None:
            continue
        points: list[ScalePoint] = []
        for i, entry in enumerate(r.sequence(value, f"scales.{name}", minimum=2) or ()):
            f = r.fields(entry, f"scales.{name}[{i}]", required=("label",))
            label = r.text(f.get("label"), f"scales.{name}[{i}].label") if f else None
            if label is not None:
                points.append(ScalePoint(label=label))
        scales[name] = Scale(name=name, points=tuple(points))
    return scales


def _descriptors(r: Reader, node: Node, path: str, known: Known) -> dict[str, Text]:
    if not isinstance(node, MappingNode):
        r.expected(node, path, "mapping")
        return {}
    result: dict[str, Text] = {}
    for code, (key_node, value) in r.pairs(node, path).items():
        text = r.text(value, f"{path}.{code}")
        if code not in known.levels:
            known.unknown_level(r, key_node, f"{path}.{code}", code)
        elif text is not None:
            result[code] = text
    # Keep the level order whatever order the author wrote them in.
    return {code: result[code] for code in sorted(result, key=known.levels.__getitem__)}


def _areas(r: Reader, node: Node | None, known: Known) -> tuple[Area, ...]:
    areas: list[Area] = []
    for i, entry in enumerate(r.sequence(node, "areas", minimum=1) or ()):
        path = f"areas[{i}]"
        f = r.fields(entry, path, required=("id", "name", "competences"), optional=("description",))
        if f is None:
            continue
        area_id = known.claim_id(r, f.get("id"), f"{path}.id")
        name = r.text(f.get("name"), f"{path}.name")
        description = r.text(f["description"], f"{path}.description") if "description" in f else None
        competences: list[Competence] = []
        for j, c_entry in enumerate(r.sequence(f.get("competences"), f"{path}.competences", minimum=1) or ()):
            competence = _competence(r, c_entry, f"{path}.competences[{j}]", known, area_id)
            if competence is not None:
                competences.append(competence)
        if area_id is not None:
            known.areas.add(area_id)
        if area_id is not None and name is not None:
            areas.append(Area(id=area_id, name=name, competences=tuple(competences), description=description))
    return tuple(areas)


def _competence(r: Reader, node: Node, path: str, known: Known, area_id: str | None) -> Competence | None:
    f = r.fields(node, path, required=("id", "name"), optional=("description", "descriptors"))
    if f is None:
        return None
    competence_id = known.claim_id(r, f.get("id"), f"{path}.id")
    name = r.text(f.get("name"), f"{path}.name")
    description = r.text(f["description"], f"{path}.description") if "description" in f else None
    descriptors = {}
    if "descriptors" in f:
        descriptors = _descriptors(r, f["descriptors"], f"{path}.descriptors", known)
    if competence_id is not None and area_id is not None:
        # Registered even when its name is wrong, so references to it do not add noise.
        known.competences[competence_id] = area_id
    if competence_id is None or name is None or area_id is None:
        return None
    return Competence(id=competence_id, area_id=area_id, name=name, description=description,
                      descriptors=descriptors)


def _profiles(r: Reader, node: Node, known: Known) -> tuple[Profile, ...]:
    profiles: list[Profile] = []
    for i, entry in enumerate(r.sequence(node, "profiles") or ()):
        path = f"profiles[{i}]"
        f = r.fields(entry, path, required=("id", "name", "target"), optional=("targets",))
        if f is None:
            continue
        profile_id = r.ident(f.get("id"), f"{path}.id")
        if profile_id is not None and any(p.id == profile_id for p in profiles):
            r.report(f["id"], f"{path}.id", N_("The profile id '{profile_id}' is used twice.",
                                               profile_id=profile_id))
        name = r.text(f.get("name"), f"{path}.name")
        target = known.level_ref(r, f.get("target"), f"{path}.target")
        targets = _targets(r, f["targets"], f"{path}.targets", known) if "targets" in f else {}
        if profile_id is not None and name is not None and target is not None:
            profiles.append(Profile(id=profile_id, name=name, target=target, targets=targets))
    return tuple(profiles)


def _targets(r: Reader, node: Node, path: str, known: Known) -> dict[str, str]:
    if not isinstance(node, MappingNode):
        r.expected(node, path, "mapping")
        return {}
    targets: dict[str, str] = {}
    for key, (key_node, value) in r.pairs(node, path).items():
        code = known.level_ref(r, value, f"{path}.{key}")
        if key not in known.areas and key not in known.competences:
            r.report(key_node, f"{path}.{key}", N_("There is no area or competence with the id '{key}'.",
                                                   key=key))
        elif code is not None:
            targets[key] = code
    return targets
