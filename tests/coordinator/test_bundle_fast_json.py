"""The faster JSON parser a server install has accepts and refuses exactly the record lines the standard
one does, with the same record or the same message: a key given twice above all, which it would keep."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from digigram.core.bundle import format as bundle_format
from digigram.core.bundle.records import RecordCheck
from digigram.core.coordination import BundleError
from digigram.services.bundles.write import _json_text, read_line
from tests.coordinator.test_bundle_fields import BASE


def _outcome(kind: str, line: bytes) -> tuple[str, Any]:
    try:
        return "accepted", RecordCheck(kind, 1)(line)
    except BundleError as exc:
        return "refused", exc.text


def _both(kind: str, line: bytes) -> tuple[tuple[str, Any], tuple[str, Any]]:
    fast = _outcome(kind, line)
    with mock.patch("digigram.core.bundle.records.fast_json", None):
        standard = _outcome(kind, line)
    return fast, standard


def _line(members: list[tuple[str, Any]], *, ascii_only: bool = False) -> bytes:
    """A record line spelled member by member, so that a key may come twice."""
    return ("{" + ",".join(f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=ascii_only)}" for k, v in members)
            + "}").encode("utf-8")


def test_a_server_install_has_the_faster_parser() -> None:
    assert bundle_format.fast_json is not None  # the test extra brings the server extra


def test_a_key_given_twice_is_refused_however_its_colons_are_spelled() -> None:
    answer = dict(BASE["answers"])
    fields = list(answer.items())
    cases = [
        [*fields, ("item_id", "DOC.1-02")],  # the plain case
        [*fields, ("item_id", "DOC.1-02:")],  # a colon in the repeated value
        [*fields[:2], ("item_id", "x"), *fields[2:]],  # the first one replaced by the later one
        [*fields, ("answered_at", "2024-01-02T10:05:01")],  # in a field whose colons are counted
        [*fields, ("choice", [1, 2])],
        [*fields, ("language", None)],
    ]
    for members in cases:
        for ascii_only in (False, True):
            line = _line(members, ascii_only=ascii_only)
            fast, standard = _both("answers", line)
            assert fast == standard and fast[0] == "refused", line
            assert "not valid JSON" in fast[1].render("en")
    # A colon spelled \u003a in a counted field's surviving value would make the count come out even:
    # such a line goes to the standard parser, which refuses the repeated key.
    line = _line(fields).replace(b'"answered_at":"2024-01-02T10:05:00"',
                                 b'"answered_at":"x","answered_at":"2024-01-02T10\\u003a05:00"')
    assert line.count(b"answered_at") == 2
    fast, standard = _both("answers", line)
    assert fast == standard and fast[0] == "refused"


VALUES = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | \
    st.floats(allow_nan=False) | st.text(alphabet=st.sampled_from('ab:"\\\t\n{}[],Ї🙂\x00'), max_size=6) | \
    st.lists(st.integers(min_value=-2, max_value=1001) | st.text(max_size=3), max_size=3) | \
    st.dictionaries(st.sampled_from(["a", "b:", "item_id"]), st.integers() | st.text(max_size=2), max_size=2)


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(["answers", "results", "people", "attempts"]), data=st.data())
def test_both_parsers_agree_on_any_record_line(kind: str, data: st.DataObject) -> None:
    members = list(BASE[kind].items())
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        name = data.draw(st.sampled_from([name for name, _ in members] + ["extra"]))
        value = data.draw(VALUES | st.just(BASE[kind].get(name)))
        at = data.draw(st.integers(min_value=0, max_value=len(members)))
        if data.draw(st.booleans()):  # given twice, here or there
            members.insert(at, (name, value))
        else:
            members = [(k, value if k == name else v) for k, v in members]
    line = _line(members, ascii_only=data.draw(st.booleans()))
    fast, standard = _both(kind, line)
    assert fast == standard, line


def test_a_line_accepted_before_reads_the_same_for_writing() -> None:
    for kind in ("answers", "results", "people"):
        line = _line(list(BASE[kind].items()))
        with mock.patch("digigram.services.bundles.write.fast_json", None):
            standard = read_line(line, kind)
        assert read_line(line, kind) == standard == json.loads(line)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(value=_JSON_VALUES | st.lists(st.integers(0, 999), min_size=1, max_size=6)
       | st.lists(st.sampled_from(["A1", "B2", "C1", "x", "Рів", "a b", "", "1"]), min_size=1, max_size=3))
def test_a_json_column_is_written_as_json_dumps_writes_it(value: Any) -> None:
    """A choice or a band written directly for speed is the very text the repository writes
    (json.dumps), whatever the value: an imported row is stored as one saved on the hub's PC."""
    assert _json_text(value) == json.dumps(value)
