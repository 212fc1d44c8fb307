"""Scoring from Python equals the command line's, byte for byte, with exact decimals."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from pathlib import Path

import pytest

import par_index as p
from conftest import Cli

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"
# Every bundled self-assessment: the five communes, the district's 22, the province's 2025
# communes and departments (not survey files, stage files or last year's scorecards).
SAMPLES = sorted(
    [*DATA.glob("*.json"), *DATA.glob("district/NG-*.json"), *DATA.glob("province/2025/HP-*.json")]
)


def test_the_readme_example_prints_the_index_as_a_decimal(root: Path) -> None:
    m = p.Methodology.embedded("commune-2024-model")
    card = p.score(m, p.Submission.from_file(root / "examples/data/xa-dong-tam.json"))
    # 67.53 of the criteria's 70 + 26.76 of the survey's 30 + 1 bonus = 95.29 of 100
    # (README, tests/samples.rs).
    assert card.index == Decimal("95.29")
    assert isinstance(card.index, Decimal)
    assert str(card.index) == "95.29"
    assert card.band == "Tốt"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_every_sample_scores_to_the_command_line_s_json(sample: Path, cli: Cli) -> None:
    s = p.Submission.from_file(sample)
    card = p.score(p.Methodology.embedded(s.methodology), s)
    assert card.to_json().encode() == cli.out("score", str(sample), "--format", "json")


def test_a_filled_form_reads_and_scores_as_its_json(root: Path, cli: Cli) -> None:
    form = root / "examples/data/district-xlsx/NG-04.xlsx"
    s = p.Submission.from_file(form)
    card = p.score(p.Methodology.embedded(s.methodology), s)
    assert card.to_json().encode() == cli.out("score", str(form), "--format", "json")
    same = p.Submission.from_file(root / "examples/data/district/NG-04.json")
    assert p.score(p.Methodology.embedded(same.methodology), same).index == card.index


def test_the_scorecard_s_parts_are_typed_and_exact(root: Path) -> None:
    s = p.Submission.from_file(root / "examples/data/xa-dong-tam.json")
    card = p.score(p.Methodology.embedded("commune-2024-model"), s)
    assert [a.code for a in card.areas] == ["1", "2", "3", "4", "5", "6", "7", "8", "S"]
    assert len(card.items) == 54
    item = next(i for i in card.items if i.code == "3.4.2")
    # 620 of 1400 online payments = 44.29%; 1 × ratio ÷ 50% = 0.885714…, rounded 0.89.
    assert item.points == Decimal("0.89")
    assert item.max == Decimal("1")
    assert item.lost == Decimal("0.11")
    trace = item.trace
    assert trace is not None
    text = json.dumps(trace, default=str)
    assert "620" in text and "1400" in text
    assert sum((a.points for a in card.areas if a.code != "S"), Decimal(0)) == Decimal("67.53")
    assert card.to_dict()["index"] == "95.29"


def test_dicts_and_json_read_the_same(root: Path) -> None:
    text = (root / "examples/data/xa-dong-tam.json").read_text(encoding="utf-8")
    a = p.Submission.from_json(text)
    assert p.Submission.from_json(text.encode()).to_json() == a.to_json()
    assert p.Submission.from_dict(json.loads(text)).to_json() == a.to_json()
    assert p.Submission.from_dict(json.loads(text, parse_float=Decimal)).to_json() == a.to_json()
    assert p.Submission.from_dict(a.to_dict()).sha256 == a.sha256


def test_a_float_is_read_as_python_prints_it(root: Path) -> None:
    d = json.loads((root / "examples/data/xa-dong-tam.json").read_text(encoding="utf-8"))
    m = p.Methodology.embedded("commune-2024-model")
    exact = p.score(m, p.Submission.from_dict(d))
    # 0.1 + 0.2 is 0.30000000000000004 as a float: it is read as Python prints it.
    d["answers"]["3.4.2"]["num"] = 620.0
    d["answers"]["3.4.2"]["den"] = 1400
    assert p.score(m, p.Submission.from_dict(d)).index == exact.index
    d["answers"]["3.4.2"]["num"] = 0.1 + 0.2
    s = p.Submission.from_dict(d)
    assert "0.30000000000000004" in s.to_json()


def test_scoring_in_eight_threads_gives_the_same_cards(root: Path) -> None:
    m = p.Methodology.embedded("commune-2024-model")
    s = p.Submission.from_file(root / "examples/data/xa-dong-tam.json")
    want = p.score(m, s).to_json()
    got: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            j = p.score(m, s).to_json()
            with lock:
                got.append(j)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 160
    assert all(j == want for j in got)


def test_renderings_and_the_workbook(root: Path, tmp_path: Path, cli: Cli) -> None:
    sample = root / "examples/data/xa-dong-tam.json"
    card = p.score(p.Methodology.embedded("commune-2024-model"), p.Submission.from_file(sample))
    assert card.render("markdown").encode() == cli.out("score", str(sample), "--format", "markdown")
    assert card.render("text", "en").encode() == cli.out("score", str(sample), "--lang", "en")
    html = card.render("html")
    assert 'id="index">95,29%<' in html
    card.write_xlsx(tmp_path / "card.xlsx")
    assert (tmp_path / "card.xlsx").read_bytes()[:2] == b"PK"
    with pytest.raises(p.InputError):
        card.render("xlsx")
    with pytest.raises(p.InputError):
        card.render("pdf")
