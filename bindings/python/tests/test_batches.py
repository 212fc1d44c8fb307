"""Appraisal, verification, rankings, gaps, readiness, explanations and the form: each what
the command line gives."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import par_index as p
from conftest import Cli


def test_verify_catches_an_edited_scorecard(root: Path) -> None:
    s = p.Submission.from_file(root / "examples/data/xa-dong-tam.json")
    card = p.score(p.Methodology.embedded("commune-2024-model"), s)
    assert p.verify(card).ok
    edited = json.loads(card.to_json())
    edited["index"] = "99.99"
    v = p.verify(p.Scorecard.from_json(json.dumps(edited)))
    assert not v.ok and not v
    assert any("index" in m for m in v.mismatches)


def test_an_appraisal_is_the_command_line_s(root: Path, cli: Cli) -> None:
    d = root / "examples/data/district"
    s = p.Submission.from_file(d / "NG-02.json")
    stages = [p.Stage.from_file(f) for f in sorted((d / "appraisals").glob("NG-02.*.json"), reverse=True)]
    survey = p.Survey.from_file(d / "survey.json")
    cards = p.appraise(s, stages, survey)
    assert len(cards) == 1 + len(stages)
    want = json.loads(cli.out(
        "appraise", str(d / "NG-02.json"), *[a for f in sorted((d / "appraisals").glob("NG-02.*.json")) for a in ("--stage", str(f))],
        "--survey", str(d / "survey.json"), "--format", "json",
    ))
    assert [json.loads(c.to_json()) for c in cards] == want


def test_rankings_are_the_command_line_s(root: Path, cli: Cli) -> None:
    d = root / "examples/data/district"
    r = p.rank(d, survey=d / "survey.json")
    assert r.to_json().encode() == cli.out("rank", str(d), "--survey", str(d / "survey.json"), "--format", "json")
    assert len(r.rows) == 22 and r.blocks == [] and r.failures == []
    assert r.rows[0].rank == 1 and isinstance(r.rows[0].index, Decimal)
    records = r.to_records()
    assert records[0]["code"] == r.rows[0].code and isinstance(records[0]["index"], Decimal)
    assert r.render("markdown").encode() == cli.out("rank", str(d), "--survey", str(d / "survey.json"))

    pr = root / "examples/data/province"
    by = p.rank([pr / "2025"], survey=pr / "2025" / "survey.json", roster=pr / "roster.csv")
    want = cli.out(
        "rank", str(pr / "2025"), "--survey", str(pr / "2025" / "survey.json"),
        "--roster", str(pr / "roster.csv"), "--format", "json",
    )
    assert by.to_json().encode() == want
    assert [b.id for b in by.blocks] == [b["block"]["id"] for b in json.loads(want)["blocks"]]
    assert all(rec["block"] for rec in by.to_records())


def test_gaps_readiness_and_explanations(root: Path, cli: Cli) -> None:
    sample = root / "examples/data/xa-dong-tam.json"
    m = p.Methodology.embedded("commune-2024-model")
    s = p.Submission.from_file(sample)
    card = p.score(m, s)
    assert p.gaps(card).render("markdown").encode() == cli.out("gaps", str(sample), "--format", "markdown")
    ready = p.readiness(m, s)
    assert ready.ready is True
    assert isinstance(ready, p.Report)
    text = p.explain(card, "3.4.2")
    assert text.encode() == cli.out("explain", str(sample), "3.4.2")
    with pytest.raises(p.InputError):
        p.explain(card, "9.9.9")


def test_the_form_blank_and_filled(root: Path, tmp_path: Path) -> None:
    m = p.Methodology.embedded("commune-2025-model")
    blank = p.template(m, unit="HP-X99", name="Xã Mới", period="2025")
    assert blank is not None and blank[:2] == b"PK"
    s = p.Submission.from_file(root / "examples/data/xa-dong-tam.json")
    out = tmp_path / "filled.xlsx"
    assert p.template(p.Methodology.embedded("commune-2024-model"), submission=s, path=out) is None
    assert p.Submission.from_file(out).to_json() == s.to_json()


def test_methodologies_are_data() -> None:
    ids = [m.id for m in p.methodologies()]
    assert ids[0] == "commune-2024-model" and len(ids) >= 3
    m = p.Methodology.embedded("commune-2024-model")
    assert len(m.sha256) == 64 and m.max == Decimal(100)
    assert len(m.items) == 54
    assert sum((a.max for a in m.areas), Decimal(0)) == m.max
    text = (Path(__file__).resolve().parents[3] / "criteria" / "commune-2025-model.toml").read_text(encoding="utf-8")
    assert p.Methodology.from_toml(text).id == "commune-2025-model"
    with pytest.raises(p.InputError) as e:
        p.Methodology.from_toml("id = 3", "bad.toml")
    assert e.value.problems[0].file == "bad.toml"
