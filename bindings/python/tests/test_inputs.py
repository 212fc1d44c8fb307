"""Every bad input is an InputError with the command line's problems; nothing panics."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import par_index as p
from conftest import Cli

BAD = Path(__file__).resolve().parents[3] / "tests" / "bad"


def _problems_of(path: Path) -> list[str]:
    """What the binding says of a file: the problems of reading it, else of scoring it."""
    kind = path.parent.name
    try:
        if kind == "submissions":
            s = p.Submission.from_file(path)
            p.score(p.Methodology.embedded(s.methodology), s)
        elif kind == "methodologies":
            p.Methodology.from_file(path)
        elif kind == "stages":
            p.Stage.from_file(path)
        elif kind == "surveys":
            p.Survey.from_file(path)
    except p.InputError as e:
        assert e.problems, f"{path}: an InputError with no problem"
        assert all(isinstance(x, p.Problem) for x in e.problems)
        assert str(e).splitlines() == [str(x) for x in e.problems] or len(e.problems) == 1
        return [str(x) for x in e.problems]
    return []


@pytest.mark.parametrize(
    "path",
    sorted(f for d in ("submissions", "methodologies", "stages", "surveys") for f in (BAD / d).iterdir()),
    ids=lambda f: f"{f.parent.name}/{f.name}",
)
def test_every_bad_file_gets_the_command_line_s_problems(path: Path, cli: Cli) -> None:
    done = cli.run("validate", str(path))
    # The command line prints each problem on its line (a message may hold a line break of
    # the input's), then a summary line.
    lines = (done.stdout + done.stderr).decode().splitlines()
    want = "\n".join(l for l in lines if not l.endswith("files have problems") and l.strip())
    got = _problems_of(path)
    if done.returncode == 0:
        assert got == [], f"{path}: {got}"
    else:
        assert got, f"{path}: the command line finds {want}"
        assert "\n".join(got) == want


def test_a_problem_carries_its_place(root: Path) -> None:
    with pytest.raises(p.InputError) as e:
        p.Submission.from_file(BAD / "submissions" / "trailing-comma.json")
    first = e.value.problems[0]
    assert (first.kind, first.line, first.column) == ("syntax", 7, 20)
    assert first.file is not None and first.file.endswith("trailing-comma.json")
    assert isinstance(e.value, ValueError)


def test_a_problem_of_a_dict_names_its_field(root: Path) -> None:
    d = json.loads((root / "examples/data/xa-dong-tam.json").read_text(encoding="utf-8"))
    d["answers"]["1.1.2"]["num"] = "many"
    d["colour"] = "blue"
    with pytest.raises(p.InputError) as e:
        p.Submission.from_dict(d)
    fields = {x.field for x in e.value.problems}
    assert "colour" in fields
    assert any("1.1.2" in (x.code or "") for x in e.value.problems)
    with pytest.raises(p.InputError):
        p.Submission.from_dict({"answers": {"1.1.2": {"num": float("nan")}}})
    with pytest.raises(p.InputError):
        p.Submission.from_dict({"answers": object()})


def test_missing_files_are_os_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        p.Submission.from_file(tmp_path / "nothing.json")
    with pytest.raises(p.InputError):
        p.Methodology.embedded("commune-1999")
    with pytest.raises(p.InputError):
        p.Submission.from_json(b"\xff\xfe")


# Generated submissions: the sample's counted answers with numbers drawn at random, written
# as JSON text and as the dict json.loads gives: both read to the same submission (or to the
# same problems).
_exact = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False),
)


def _with_numbers(root: Path, shown: list[str]) -> str:
    """The sample's JSON text with these numbers (as text) as its counted answers' `num`."""
    d = json.loads((root / "examples/data/xa-dong-tam.json").read_text(encoding="utf-8"))
    counted = [c for c, a in d["answers"].items() if "num" in a]
    for i, code in enumerate(counted[: len(shown)]):
        d["answers"][code]["num"] = f"@@{i}@@"
    text = json.dumps(d, ensure_ascii=False)
    for i, t in enumerate(shown):
        text = text.replace(f'"@@{i}@@"', t)
    return text


def _same(text: str, d: dict[str, object]) -> None:
    try:
        want = p.Submission.from_json(text).to_json()
    except p.InputError as e:
        with pytest.raises(p.InputError) as again:
            p.Submission.from_dict(d)
        assert [x.message for x in again.value.problems] == [x.message for x in e.problems]
        return
    assert p.Submission.from_dict(d).to_json() == want


@settings(max_examples=80, deadline=None)
@given(values=st.lists(_exact, min_size=1, max_size=8))
def test_a_dict_of_decimals_reads_as_its_json(root: Path, values: list[object]) -> None:
    shown = [format(v, "f") if isinstance(v, Decimal) else str(v) for v in values]
    text = _with_numbers(root, shown)
    _same(text, json.loads(text, parse_float=Decimal))


@settings(max_examples=80, deadline=None)
@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=8))
def test_a_dict_of_floats_reads_as_python_prints_them(root: Path, values: list[float]) -> None:
    text = _with_numbers(root, [repr(v) for v in values])
    _same(text, json.loads(text))


# Hostile input: any bytes, any JSON-like value: an answer or an InputError, never a panic
# (a PanicException is a BaseException and would fail the test).
_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_are_an_answer_or_an_input_error(data: bytes) -> None:
    try:
        p.Submission.from_json(data)
    except p.InputError as e:
        assert e.problems


@settings(max_examples=200, deadline=None)
@given(value=st.dictionaries(st.sampled_from(["methodology", "unit", "period", "answers", "bonus", "x"]), _json_like))
def test_any_dict_is_an_answer_or_an_input_error(value: dict[str, object]) -> None:
    try:
        p.Submission.from_dict(value)
    except p.InputError as e:
        assert e.problems
