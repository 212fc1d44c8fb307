#!/usr/bin/env python3
"""Write the bad-input corpus: each file breaks one thing, and `expected.toml` states, by hand,
the error it must get (kind, item code, field), or that it must be accepted (`ok`). The test
`tests/bad_inputs.rs` checks every entry and snapshots the messages.

    python3 tests/bad/make_corpus.py
"""
import json
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SUB = (ROOT / "examples/data/xa-dong-tam.json").read_text()
MET = (ROOT / "tests/fixtures/department-mini.toml").read_text()
STAGE = (ROOT / "examples/data/district/appraisals/NG-04.appraisal-1.json").read_text()
SURVEY = json.dumps({"survey": "Khảo sát thử", "methodology": "commune-2024-model",
                     "units": {"NG-01": {"S.1": "0.9", "S.2": "0.9", "S.3": "0.9", "S.4": "0.9", "S.5": "0.9"}}},
                    ensure_ascii=False, indent=2) + "\n"
entries = []


def put(folder, name, content, **expect):
    path = HERE / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    entries.append((f"{folder}/{name}", expect))


def sub(old, new, count=1):
    assert old in SUB, old
    return SUB.replace(old, new, count)


def met(old, new):
    assert old in MET, old
    return MET.replace(old, new, 1)


# --- Submissions (from examples/data/xa-dong-tam.json) ------------------------------------
S = "submissions"
A141 = '"1.4.1": {\n      "met": true,'
put(S, "empty.json", "", kind="syntax")
put(S, "whitespace-only.json", "  \n\t\n", kind="syntax")
put(S, "truncated.json", SUB[: len(SUB) // 2], kind="syntax")
put(S, "not-an-object.json", "[1, 2, 3]\n", kind="wrong-type")
put(S, "trailing-comma.json", sub('"period": "2024",', '"period": "2024",,'), kind="syntax")
put(S, "single-quotes.json", sub('"period": "2024"', "'period': '2024'"), kind="syntax")
put(S, "comment.json", sub('"period": "2024",', '"period": "2024", // kỳ đánh giá'), kind="syntax")
put(S, "nan-literal.json", sub('"num": 1862', '"num": NaN'), kind="syntax")
put(S, "infinity-literal.json", sub('"num": 1862', '"num": Infinity'), kind="syntax")
put(S, "control-char-in-string.json", sub('"Xã Đồng Tâm"', '"Xã\tĐồng Tâm"'), kind="syntax")
put(S, "lone-surrogate.json", sub('"Xã Đồng Tâm"', '"Xã \\ud800"'), kind="syntax")
put(S, "not-utf8.json", sub('"Xã Đồng Tâm"', '"Xa Dong Tam"').encode().replace(b"Xa Dong Tam", b"X\xe3 \xd0\xf4ng T\xe2m"), kind="syntax")
put(S, "deep-nesting.json", sub('"period": "2024",', '"period": "2024", "x": ' + "[" * 100 + "]" * 100 + ","), kind="too-large")
put(S, "bom.json", "\ufeff" + SUB, ok=True)
put(S, "crlf.json", SUB.replace("\n", "\r\n"), ok=True)
put(S, "nfd-unit-name.json", sub('"Xã Đồng Tâm"', '"Xa\u0303 \u0110o\u0302\u0300ng Ta\u0302m"'), ok=True)
put(S, "float-with-many-digits.json", sub('"satisfaction": "0.92"', '"satisfaction": 0.30000000000000004'), ok=True)
put(S, "unknown-top-key.json", sub('"period": "2024"', '"period": "2024", "perod": "2024"'), kind="unknown-key", field="perod")
put(S, "unknown-unit-key.json", sub('"name": "Xã Đồng Tâm"', '"name": "Xã Đồng Tâm", "nmae": "x"'), kind="unknown-key", field="unit.nmae")
put(S, "unknown-answer-key.json", sub(A141, '"1.4.1": {\n      "met": true, "evidnce": [],'), kind="unknown-key", code="1.4.1", field="answers.1.4.1.evidnce")
put(S, "unknown-evidence-key.json", sub('"number": "', '"numer": "x", "number": "'), kind="unknown-key", field="answers.1.1.1.evidence[0].numer")
put(S, "unknown-bonus-key.json", sub('"amount": 1,', '"amount": 1, "amout": 1,'), kind="unknown-key", field="bonus[0].amout")
put(S, "duplicate-top-key.json", sub('"period": "2024",', '"period": "2024", "period": "2023",'), kind="duplicate-key", field="period")
put(S, "duplicate-answer.json", sub(A141, '"1.4.1": {"met": false},\n    ' + A141), kind="duplicate-key", code="1.4.1", field="answers.1.4.1")
put(S, "duplicate-evidence-key.json", sub('"number": "', '"number": "1/X", "number": "'), kind="duplicate-key", field="answers.1.1.1.evidence[0].number")
put(S, "code-trailing-space.json", sub('"1.4.1": {', '"1.4.1 ": {'), kind="bad-value", field="answers.1.4.1 ")
put(S, "code-leading-space.json", sub('"1.4.1": {', '" 1.4.1": {'), kind="bad-value", field="answers. 1.4.1")
put(S, "code-full-width-digit.json", sub('"1.4.1": {', '"１.4.1": {'), kind="bad-value", field="answers.１.4.1")
put(S, "code-cyrillic-letter.json", sub('"3.2.1": {', '"З.2.1": {'), kind="bad-value", field="answers.З.2.1")
put(S, "code-letter-l-for-1.json", sub('"1.4.1": {', '"1.4.l": {'), kind="unknown-code", code="1.4.l")
put(S, "code-letter-O-for-0.json", sub('"1.4.1": {', '"1.O.1": {'), kind="unknown-code", code="1.O.1")
put(S, "code-empty-segment.json", sub('"1.4.1": {', '"1..4.1": {'), kind="bad-value", field="answers.1..4.1")
put(S, "too-many-digits.json", sub('"num": 1862', '"num": "1862.00000000000000000000000001"'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "exponent-number.json", sub('"num": 1862', '"num": 1.862e3'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "exponent-string.json", sub('"num": 1862', '"num": "1.862e3"'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "nan-string.json", sub('"num": 1862', '"num": "NaN"'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "1e400.json", sub('"num": 1862', '"num": 1e400'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "beyond-decimal-range.json", sub('"num": 1862', '"num": 79228162514264337593543950336'), kind="bad-value", code="3.2.1", field="answers.3.2.1.num")
put(S, "negative-count.json", sub('"count": 0', '"count": -1'), kind="bad-value", code="1.2.1", field="answers.1.2.1.count")
put(S, "fractional-count.json", sub('"count": 0', '"count": 0.5'), kind="bad-value", code="1.2.1", field="answers.1.2.1.count")
put(S, "num-above-den.json", sub('"num": 1862', '"num": 1901'), kind="ratio-above-one", code="3.2.1", field="answers.3.2.1.num")
put(S, "negative-den.json", sub('"den": 1900', '"den": -1900'), kind="bad-value", code="3.2.1", field="answers.3.2.1.den")
put(S, "date-feb-30.json", sub('"due": "2024-01-15"', '"due": "2024-02-30"'), kind="bad-date", code="1.1.1", field="answers.1.1.1.due")
put(S, "date-feb-29-not-leap.json", sub('"due": "2024-01-15"', '"due": "2023-02-29"'), kind="bad-date", code="1.1.1", field="answers.1.1.1.due")
put(S, "date-day-first.json", sub('"due": "2024-01-15"', '"due": "15/01/2024"'), kind="bad-date", code="1.1.1", field="answers.1.1.1.due")
put(S, "date-month-13.json", sub('"due": "2024-01-15"', '"due": "2024-13-01"'), kind="bad-date", code="1.1.1", field="answers.1.1.1.due")
put(S, "satisfaction-above-one.json", sub('"satisfaction": "0.92"', '"satisfaction": "1.2"'), kind="bad-value", code="S.1", field="answers.S.1.satisfaction")
put(S, "satisfaction-as-percent.json", sub('"satisfaction": "0.92"', '"satisfaction": 92'), kind="bad-value", code="S.1", field="answers.S.1.satisfaction")
put(S, "judgement-off-step.json", sub('"points": "1.25"', '"points": "1.1"'), kind="bad-value", code="1.6.1", field="answers.1.6.1.points")
put(S, "yes-as-text.json", sub(A141, '"1.4.1": {\n      "met": "có",'), kind="wrong-type", code="1.4.1", field="answers.1.4.1.met")
put(S, "null-measure.json", sub(A141, '"1.4.1": {\n      "met": null,'), kind="wrong-type", code="1.4.1", field="answers.1.4.1.met")
put(S, "two-measures.json", sub(A141, '"1.4.1": {\n      "met": true, "count": 1,'), kind="wrong-measure", code="1.4.1")
put(S, "wrong-measure.json", sub(A141, '"1.4.1": {\n      "count": 1,'), kind="wrong-measure", code="1.4.1")
put(S, "missing-unit.json", sub('"unit": {\n    "code": "NG-01",\n    "name": "Xã Đồng Tâm"\n  },', ''), kind="missing-key", field="unit")
put(S, "empty-unit-name.json", sub('"name": "Xã Đồng Tâm"', '"name": ""'), kind="bad-value", field="unit.name")
put(S, "not-applicable-rejected.json", sub(A141, '"1.4.1": {\n      "not_applicable": true,'), kind="not-applicable-rejected", code="1.4.1")
put(S, "unknown-item.json", sub(A141, '"9.9.9": {"met": true},\n    ' + A141), kind="unknown-code", code="9.9.9")
# Hardening: unit identity, invisible text, exact thresholds.
put(S, "unit-code-trailing-space.json", sub('"code": "NG-01"', '"code": "NG-01 "'), kind="bad-value", field="unit.code")
put(S, "unit-code-non-breaking-hyphen.json", sub('"code": "NG-01"', '"code": "NG\u201101"'), kind="bad-value", field="unit.code")
put(S, "unit-code-greek-nu.json", sub('"code": "NG-01"', '"code": "\u039dG-01"'), kind="bad-value", field="unit.code")
put(S, "unit-code-escape-sequence.json", sub('"code": "NG-01"', '"code": "NG-01\\u001b[2J"'), kind="bad-value", field="unit.code")
put(S, "evidence-title-zero-width.json", sub('"title": "Kế hoạch cải cách hành chính năm 2024"', '"title": "\u200b"'), kind="bad-value", code="1.1.1", field="answers.1.1.1.evidence[0].title")
put(S, "unit-name-whitespace-only.json", sub('"name": "Xã Đồng Tâm"', '"name": " \u00a0\u2060 "'), kind="bad-value", field="unit.name")
put(S, "ratio-28-digits-below-95.json", sub('"num": 1862,\n      "den": 1900', '"num": "0.9499999999999999999999999999",\n      "den": "0.9999999999999999999999999999"'), ok=True)

# --- Methodologies (from tests/fixtures/department-mini.toml) ----------------------------
M = "methodologies"
put(M, "empty.toml", "", kind="missing-key", field="id")
put(M, "truncated.toml", MET[: len(MET) // 2], kind="syntax")
put(M, "bom.toml", "\ufeff" + MET, ok=True)
put(M, "crlf.toml", MET.replace("\n", "\r\n"), ok=True)
put(M, "nfd-title.toml", met('"Chỉ đạo, điều hành"', '"Chi\u0309 đa\u0323o, đie\u0302\u0300u ha\u0300nh"'), ok=True)
put(M, "sum-off-by-a-cent.toml", met("max = 3\nrule = { kind = \"check\" }", "max = 3.01\nrule = { kind = \"check\" }"), kind="sum-mismatch", code="B", field="areas[1].max")
put(M, "duplicate-code.toml", met('code = "A.3"', 'code = "A.2"'), kind="duplicate-code", code="A.2")
put(M, "missing-parent.toml", met('code = "B.3"', 'code = "C.3"'), kind="missing-parent", code="C.3")
put(M, "unknown-top-key.toml", met("bonus_cap = 1", "bonus_cap = 1\nbonus_capp = 1"), kind="unknown-key", field="bonus_capp")
put(M, "unknown-area-key.toml", met('office = { vi = "Văn phòng Sở"', 'offce = 1\noffice = { vi = "Văn phòng Sở"'), kind="unknown-key", code="A", field="areas[0].offce")
put(M, "unknown-item-key.toml", met('max = 2\nrule = { kind = "deadline", late = 1 }', 'max = 2\nmaxx = 2\nrule = { kind = "deadline", late = 1 }'), kind="unknown-key", code="A.1", field="items[0].maxx")
put(M, "unknown-rule-key.toml", met('kind = "deadline", late = 1', 'kind = "deadline", late = 1, lat = 1'), kind="unknown-key", code="A.1", field="items[0].rule.lat")
put(M, "unknown-band-key.toml", met("min = 95", "min = 95\nmn = 95"), kind="unknown-key", field="bands[0].mn")
put(M, "unknown-decision-key.toml", met('number = "123/QĐ-UBND"', 'number = "123/QĐ-UBND"\nnumbr = "1"'), kind="unknown-key", field="decision.numbr")
put(M, "unknown-rule-kind.toml", met('kind = "check"', 'kind = "ratio"'), kind="bad-rule", code="B.3", field="items[5].rule.kind")
put(M, "exponent.toml", met("per = 1.25", "per = 125e-2"), kind="bad-value", code="A.3", field="items[2].rule.per")
put(M, "nan.toml", met("bonus_cap = 1", "bonus_cap = nan"), kind="bad-value", field="bonus_cap")
put(M, "infinity.toml", met("bonus_cap = 1", "bonus_cap = inf"), kind="bad-value", field="bonus_cap")
put(M, "too-many-digits.toml", met("per = 1.25", 'per = "1.250000000000000000000000000001"'), kind="bad-value", code="A.3", field="items[2].rule.per")
put(M, "code-with-space.toml", met('code = "A.1"', 'code = "A. 1"'), kind="bad-value", field="items[0].code")
put(M, "code-full-width.toml", met('code = "A.1"', 'code = "Ａ.1"'), kind="bad-value", field="items[0].code")
put(M, "negative-max.toml", met("penalty_cap = 0.5", "penalty_cap = -0.5"), kind="bad-value", field="penalty_cap")
put(M, "impossible-date.toml", met("date = 2025-01-15", "date = 2025-02-30"), kind="syntax")
put(M, "tiers-out-of-order.toml", met("{ at = 20, points = 2.5 }", "{ at = 5, points = 2.5 }"), kind="bad-tiers", code="B.1", field="items[3].rule.tiers[1].at")
put(M, "wrong-type.toml", met('level = "department"', "level = 3"), kind="wrong-type", field="level")
put(M, "max-past-decimal-range.toml", met("max = 20\n", 'max = "79228162514264337593543950335"\n'), kind="too-large", field="max")
put(M, "duplicate-band-label.toml", met('label = { vi = "Tốt", en = "Good" }', 'label = { vi = "Xuất sắc", en = "Good" }'), kind="bad-bands", field="bands[1].label")
put(M, "band-min-off-grid.toml", met("min = 80", "min = 79.995"), kind="bad-bands", field="bands[1].min")
put(M, "over-100-on-number-tiers.toml", met('kind = "tiers", on = "number",', 'kind = "tiers", on = "number", over_100 = true,'), kind="bad-rule", code="B.1", field="items[3].rule.over_100")
put(M, "id-with-newline.toml", met('id = "so-mini-2025"', 'id = "so-mini\\n2025"'), kind="bad-value", field="id")
put(M, "codes-too-deep.toml", met('code = "A.1"', 'code = "A.1.1.1.1.1.1.1.1.1"'), kind="too-large", field="items[0].code")
put(M, "bad-step-only.toml", met("step = 0.5", "step = -0.5"), kind="bad-value", code="A.2", field="items[1].rule.step")
put(M, "title-zero-width.toml", met('title = { vi = "Kế hoạch năm"', 'title = { vi = "\u200b"'), kind="bad-value", code="A.1", field="items[0].title.vi")

# --- Stages and surveys ---------------------------------------------------------------------
T = "stages"
def stage(old, new):
    assert old in STAGE, old
    return STAGE.replace(old, new, 1)
put(T, "unknown-key.json", stage('"by": "Phòng Nội vụ huyện Ninh Giang",', '"by": "Phòng Nội vụ huyện Ninh Giang", "appraiser": "x",'), kind="unknown-key", field="appraiser")
put(T, "bad-kind.json", stage('"kind": "appraisal"', '"kind": "review"'), kind="bad-value", field="kind")
put(T, "no-reason.json", stage('"reason": "Giải pháp khắc phục chưa cụ thể, chưa có lộ trình",', ''), kind="missing-key", code="1.6.1", field="decisions.1.6.1.reason")
put(T, "accept-with-change.json", stage('"points": "1",', '"points": "1", "accept": true,'), kind="bad-value", code="1.6.1", field="decisions.1.6.1")
put(T, "duplicate-decision.json", stage('"decisions": {', '"decisions": {\n    "1.6.1": {"accept": true},'), kind="duplicate-key", code="1.6.1", field="decisions.1.6.1")
put(T, "points-exponent.json", stage('"points": "1",', '"points": 1e0,'), kind="bad-value", code="1.6.1", field="decisions.1.6.1.points")
put(T, "bad-date.json", stage('"date": "2025-01-10"', '"date": "2025-01-32"'), kind="bad-date", field="date")
put(T, "unit-look-alike.json", stage('"unit": "NG-04"', '"unit": "NG\u201104"'), kind="bad-value", field="unit")
V = "surveys"
put(V, "above-one.json", SURVEY.replace('"S.1": "0.9"', '"S.1": "1.05"'), kind="bad-value", code="S.1", field="units.NG-01.S.1")
put(V, "unknown-key.json", SURVEY.replace('"survey":', '"surveyy": "x",\n  "survey":'), kind="unknown-key", field="surveyy")
put(V, "duplicate-unit.json", SURVEY.replace('"units": {', '"units": {\n    "NG-01": {},'), kind="duplicate-key", field="units.NG-01")
put(V, "unit-look-alike.json", SURVEY.replace('"NG-01"', '"\u039dG-01"'), kind="bad-value", field="units.\u039dG-01")

with open(HERE / "expected.toml", "w") as f:
    f.write("# The bad-input corpus: what each file must get (written with the files by make_corpus.py).\n")
    f.write("# `ok = true`: a tricky input that must be accepted. Otherwise the error's kind, and its\n")
    f.write("# item code and field where it has them. tests/bad_inputs.rs checks every entry.\n")
    for path, e in entries:
        f.write(f'\n[[file]]\npath = "{path}"\n')
        for k in ("ok", "kind", "code", "field"):
            if k in e:
                v = e[k]
                f.write(f"{k} = {'true' if v is True else json.dumps(v, ensure_ascii=False)}\n")
print(len(entries), "files")
