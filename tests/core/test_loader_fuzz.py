"""Any mutation of a valid framework file gives a Framework or a FrameworkError, never anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digigram.core.errors import FrameworkError
from digigram.core.framework import Framework
from digigram.core.loader import load_framework_text

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"
SOURCE = (FRAMEWORKS / "minimal.yaml").read_bytes()
LINES = SOURCE.splitlines(keepends=True)
ODD_VALUES = [b"[]", b"{}", b"null", b"-1", b"yes", b'"x"', b"1e999", b".nan", b"&a x", b"*a",
              b"!!binary eA==", b"", b"'", b"{uk: 1}", b"[A1]", b"2.5", b"!!python/object:os.system x", b"\t"]


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "retype", "truncate", "garbage", "indent"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "retype" and b": " in lines[i]:
            head = lines[i].split(b": ", 1)[0]
            lines[i] = head + b": " + draw(st.sampled_from(ODD_VALUES)) + b"\n"
        elif kind == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif kind == "garbage":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.binary(min_size=1, max_size=6)) + lines[i][at:]
        elif kind == "indent":
            lines[i] = b"  " + lines[i]
        if not lines:
            break
    return b"".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_file_gives_framework_or_framework_error(data: bytes) -> None:
    try:
        result = load_framework_text(data, name="mutated.yaml", base_dir=FRAMEWORKS)
    except FrameworkError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "mutated.yaml" and problem.line >= 0 and problem.column >= 0
            assert problem.message("uk") and problem.message("en")
    else:
        assert isinstance(result, Framework)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_framework_error(data: bytes) -> None:
    try:
        load_framework_text(data, name="random.yaml", base_dir=FRAMEWORKS)
    except FrameworkError as exc:
        assert exc.problems
