"""A new framework version: FILE with a new `version` and the calibrated `irt` blocks, nothing else."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Mapping
from typing import Any

from digigram.core.errors import DigigramError
from digigram.core.i18n import N_
from digigram.core.irt import ItemParams

DIGITS = 3
# Indentation styles tried, in order, to reproduce the file exactly: (mapping, sequence, offset).
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (2, 4, 0))
_ALLOWED_LINE = re.compile(r"^\s*(version:|irt:|a:|b:|c:|thresholds:|- -?[0-9.]+$)")


def _yaml(indent: tuple[int, int, int]) -> Any:
    try:
        from ruamel.yaml import YAML
    except ImportError:  # the optional extra is not installed
        raise DigigramError(
            N_("Calibration needs the ruamel.yaml package: pip install \"digigram[calibrate]\".")
        ) from None
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 100_000  # never re-wrap a long line
    mapping, sequence, offset = indent
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _dump(y: Any, doc: Any) -> str:
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def _round(x: float) -> float:
    value = round(float(x), DIGITS)
    return 0.0 if value == 0 else value  # never write -0.0


def _thresholds(values: tuple[float, ...]) -> list[float]:
    """Rounded thresholds that still increase strictly, as the format demands."""
    out: list[float] = []
    for t in values:
        v = _round(t)
        if out and v <= out[-1]:
            v = _round(out[-1] + 10**-DIGITS)
        out.append(v)
    return out


def irt_values(params: ItemParams) -> dict[str, Any]:
    """The `irt` block's keys and rounded values for these parameters."""
    if params.thresholds is None:
        return {"a": _round(params.a), "b": _round(params.b), "c": _round(params.c)}
    return {"a": _round(params.a), "thresholds": _thresholds(params.thresholds)}


def _take_trailing(node: Any) -> str:
    """Remove and return, as text, the comment lines that follow a collection's last entry.

    ruamel keeps them either with the last key (its end-of-line comment, then whole lines: the
    end-of-line part stays) or in the innermost last collection's `end` list.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap | CommentedSeq) or len(node) == 0:
        return ""
    last = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    text = _take_trailing(node[last])
    slot = node.ca.items.get(last)
    if isinstance(node, CommentedMap) and slot and len(slot) > 2 and slot[2] is not None:
        value = slot[2].value
        cut = value.find("\n")
        if 0 <= cut < len(value) - 1:
            slot[2].value, tail = value[: cut + 1], value[cut + 1 :]
            text = tail + text
    if getattr(node.ca, "end", None):
        text += "".join(" " * t.start_mark.column + t.value for t in node.ca.end)
        node.ca.end = []
    return text


def _append_with_trailing_comments(item: Any, key: str, value: Any) -> None:
    """Add `key` as the item's last entry, moving the comments that followed the item after it."""
    text = _take_trailing(item)
    item[key] = value
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    # The token's first newline ends the new key's own line.
    item.ca.items[key] = [None, None, CommentToken("\n" + text, CommentMark(0), None), None]


def _set_irt(item: Any, values: dict[str, Any]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    current = item.get("irt")
    if isinstance(current, CommentedMap):
        # Keep the block's own style and key order; drop keys the new model does not use.
        for key in [k for k in current if k not in values]:
            del current[key]
        for key, value in values.items():
            if key == "thresholds" and isinstance(current.get(key), CommentedSeq):
                seq = current[key]
                seq[:] = value
            else:
                current[key] = value
        return
    block = CommentedMap()
    for key, value in values.items():
        if key == "thresholds":
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            block[key] = seq
        else:
            block[key] = value
    block.fa.set_flow_style()
    keys = list(item.keys())
    if "resources" in keys:
        item.insert(keys.index("resources"), "irt", block)
        return
    _append_with_trailing_comments(item, "irt", block)


def new_version_text(text: str, *, version: str, params: Mapping[str, ItemParams]) -> str:
    """FILE's text with `version` replaced and the given items' `irt` set; comments, order and
    formatting kept. A DigigramError when the file's layout cannot be kept exactly."""
    chosen = None
    for indent in _INDENTS:
        y = _yaml(indent)
        if _dump(y, y.load(text)) == text:
            chosen = indent
            break
    if chosen is None:
        raise DigigramError(N_("The framework file's layout cannot be kept exactly (unusual indentation); "
                               "indent with 2 spaces and try again."))
    y = _yaml(chosen)
    doc = y.load(text)
    doc["version"] = type(doc["version"])(version) if isinstance(doc["version"], str) else version
    by_id = {str(item["id"]): item for item in doc["items"]}
    for item_id, p in params.items():
        if item_id in by_id:
            _set_irt(by_id[item_id], irt_values(p))
    out = _dump(y, doc)
    _check_only_allowed_changes(text, out)
    return out


def _check_only_allowed_changes(old: str, new: str) -> None:
    """A last guard: every changed line must be the version or part of an `irt` block."""
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        if not _ALLOWED_LINE.match(line[1:]):
            raise DigigramError(N_("The new version would change more than 'version' and 'irt': {line}.",
                                   line=repr(line[:80])))


def next_version(version: str) -> str:
    """The version after `version`: its last number raised by one ("2026.1" → "2026.2"), else "+cal"."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}+cal"
    start, end = match.span(1)
    return f"{version[:start]}{int(match.group(1)) + 1}{version[end:]}"
