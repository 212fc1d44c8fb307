#!/usr/bin/env python3
"""Generate the district sample (fictional data): 22 communes of a district modelled on Ninh
Giang, their self-assessments against commune-2024-model, appraisal stages for 12 of them and
the survey file. Deterministic: run it again and the files come out the same.

    python3 examples/data/district/make_samples.py
"""
import json
import random
import tomllib
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent.parent
M = tomllib.load(open(ROOT / "criteria/commune-2024-model.toml", "rb"))
LEAVES = [i for i in M["items"] if "rule" in i]

COMMUNES = [
    ("NG-01", "Thị trấn Ninh Giang"), ("NG-02", "Xã Đồng Tâm"), ("NG-03", "Xã Kiến Quốc"),
    ("NG-04", "Xã Nghĩa An"), ("NG-05", "Xã Ứng Hòe"), ("NG-06", "Xã Hồng Dụ"),
    ("NG-07", "Xã Hồng Phong"), ("NG-08", "Xã Hồng Phúc"), ("NG-09", "Xã Hưng Long"),
    ("NG-10", "Xã Hưng Thái"), ("NG-11", "Xã Tân Hương"), ("NG-12", "Xã Văn Hội"),
    ("NG-13", "Xã Vạn Phúc"), ("NG-14", "Xã Hiệp Lực"), ("NG-15", "Xã Ninh Hải"),
    ("NG-16", "Xã Tân Phong"), ("NG-17", "Xã Tân Quang"), ("NG-18", "Xã An Đức"),
    ("NG-19", "Xã Đức Phúc"), ("NG-20", "Xã Hoàng Hanh"), ("NG-21", "Xã Quyết Thắng"),
    ("NG-22", "Xã Hồng Đức"),
]
# How well each commune does, in the order above.
QUALITY = [0.99, 0.97, 0.6, 0.95, 0.93, 0.91, 0.88, 0.96, 0.7, 0.9, 0.94, 0.86,
           0.92, 0.66, 0.98, 0.89, 0.93, 0.55, 0.9, 0.87, 0.92, 0.92]
DOC_KIND = {"deadline": "KH", "check": "QĐ", "judgement": "BC"}


def dec(x):
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s if s else "0"


def evidence(code, name, rule, n):
    kind = DOC_KIND.get(rule["kind"], "BC")
    return {
        "number": f"{n}/{kind}-UBND",
        "date": "2024-12-10" if kind != "KH" else "2024-01-08",
        "issuer": f"UBND {name[0].lower()}{name[1:]}",
        "title": f"Tài liệu kiểm chứng tiêu chí {code}",
    }


def measure(rng, item, q):
    rule, mx = item["rule"], float(item["max"])
    k = rule["kind"]
    if k == "check":
        return {"met": rng.random() < q + 0.08}
    if k == "deadline":
        r = rng.random()
        if r < q:
            return {"due": "2024-01-31", "done": "2024-01-25"}
        if r < q + 0.2:
            return {"due": "2024-01-31", "done": "2024-02-06"}
        return {"due": "2024-01-31", "done": None}
    if k in ("tiers", "proportional") and rule.get("on", "ratio") == "ratio":
        den = rng.choice([12, 20, 24, 40, 60, 150, 480, 1000, 1600])
        if item["code"] in ("8.1.1", "8.3.1"):  # revenue against the estimate, in billions
            den = rng.choice([2.2, 3.5, 4.8])
            ratio = rng.uniform(q - 0.1, 1.12)
            return {"num": dec(round(den * ratio, 2)), "den": dec(den)}
        ratio = 1.0 if rng.random() < q * 0.85 else rng.uniform(q - 0.3, 0.999)
        return {"num": min(den, int(den * ratio)), "den": den}
    if k == "tiers":  # on a number
        if rule.get("direction") == "at-most":
            return {"value": 12 if rng.random() < q * 0.8 else rng.choice([18, 25, 30, 35])}
        return {"value": rng.choice([2, 3]) if rng.random() < q * 0.85 else rng.choice([0, 1])}
    if k == "deduction":
        return {"count": 0 if rng.random() < q * 0.85 else rng.choice([1, 1, 2, 3])}
    if k == "judgement":
        steps = int(mx / 0.25)
        return {"points": dec(0.25 * min(steps, max(0, round(steps * rng.uniform(q - 0.25, 1.05)))))}
    raise ValueError(k)


def self_assessment(rng, code, name, q):
    answers, n = {}, 10
    for item in LEAVES:
        if item["rule"]["kind"] == "survey":
            continue  # the survey's organiser supplies these (survey.json)
        a = measure(rng, item, q)
        if item.get("na") and rng.random() < 0.08:
            a = {"not_applicable": True, "explanation": "Năm 2024 không phát sinh"}
        elif rng.random() < 0.9 + (q - 0.75) * 0.35:
            n += 1
            a["evidence"] = [evidence(item["code"], name, item["rule"], n)]
        elif rng.random() < 0.5:
            a["explanation"] = "Tài liệu đang lưu tại Văn phòng UBND, sẽ cung cấp khi thẩm định"
        answers[item["code"]] = a
    sub = {"methodology": "commune-2024-model", "unit": {"code": code, "name": name},
           "period": "2024", "answers": answers}
    if rng.random() < 0.3:
        sub["bonus"] = [{"amount": rng.choice(["0.5", "1", "1.5"]),
                         "reason": "Sáng kiến cải cách hành chính cấp huyện",
                         **({"evidence": [{"number": f"{rng.randint(100, 999)}/QĐ-UBND",
                                           "date": "2024-11-20", "issuer": "UBND huyện Ninh Giang",
                                           "title": "Quyết định công nhận sáng kiến"}]}
                            if rng.random() < 0.6 else {})}]
    if rng.random() < 0.15:
        sub["penalty"] = [{"amount": "1", "reason": "Chậm gửi báo cáo CCHC quý",
                           "evidence": [{"number": f"{rng.randint(10, 99)}/TB-UBND",
                                         "date": "2024-07-05", "issuer": "UBND huyện Ninh Giang",
                                         "title": "Thông báo nhắc nhở"}]}]
    return sub


def stages(rng, sub):
    """Appraisal 1, the unit's explanation (half of them) and the final appraisal."""
    code, answers = sub["unit"]["code"], sub["answers"]
    by = "Phòng Nội vụ huyện Ninh Giang"
    head = lambda kind, stage, date: {"kind": kind, "stage": stage, "methodology": "commune-2024-model",
                                      "unit": code, "by": by if kind == "appraisal" else "UBND " + sub["unit"]["name"][0].lower() + sub["unit"]["name"][1:],
                                      "date": date}
    a1 = head("appraisal", "appraisal-1", "2025-01-10")
    decisions = {}
    # A ratio corrected from the province's system (the count of files on time is lower).
    for c in ("3.2.1", "3.3.1", "5.1.1", "7.1.1"):
        a = answers.get(c, {})
        if "num" in a and isinstance(a["num"], int) and a["num"] > 3 and rng.random() < 0.6:
            new = max(0, a["num"] - max(1, a["num"] // 12))
            decisions[c] = {"measure": {"num": new, "den": a["den"]},
                            "reason": "Số liệu trên Hệ thống thông tin giải quyết TTHC của tỉnh"}
            break
    # Evidence rejected: the document does not show what it is cited for.
    cited = [c for c, a in answers.items() if a.get("evidence") and c not in decisions]
    rejected = rng.choice(cited)
    decisions[rejected] = {"reject_evidence": [answers[rejected]["evidence"][0]["number"]],
                           "reason": "Tài liệu không thể hiện nội dung tiêu chí (ban hành ngoài kỳ đánh giá)"}
    # The judgement item appraised.
    if "1.6.1" in answers and "points" in answers["1.6.1"]:
        own = float(answers["1.6.1"]["points"])
        decisions["1.6.1"] = {"points": dec(max(0.0, own - 0.5)),
                              "reason": "Giải pháp khắc phục chưa cụ thể, chưa có lộ trình",
                              "by": "Trần Thị Hoa, chuyên viên Phòng Nội vụ"}
    # A few items accepted explicitly.
    for c in rng.sample(sorted(set(answers) - set(decisions)), 2):
        decisions[c] = {"accept": True}
    a1["decisions"] = decisions
    if sub.get("bonus") and not sub["bonus"][0].get("evidence"):
        a1["bonus"] = [{"entry": 0, "reject": True, "reason": "Sáng kiến chưa có quyết định công nhận"}]
    out = [a1]
    explain = rng.random() < 0.55
    if explain:
        ex = head("explanation", "explanation", "2025-01-17")
        ex["responses"] = {rejected: {
            "evidence": [{"number": f"{rng.randint(100, 199)}/BC-UBND", "date": "2024-12-20",
                          "issuer": f"UBND {sub['unit']['name'][0].lower()}{sub['unit']['name'][1:]}",
                          "title": f"Báo cáo bổ sung kết quả thực hiện tiêu chí {rejected}"}],
            "explanation": "Bổ sung báo cáo trong kỳ đánh giá thay cho văn bản ban hành ngoài kỳ"}}
        out.append(ex)
    final = head("appraisal", "final", "2025-01-24")
    fd = {rejected: {"accept": True}} if explain else {}
    corrected = [c for c, d in decisions.items() if "measure" in d]
    if corrected and explain:
        c = corrected[0]
        orig, fixed = answers[c]["num"], decisions[c]["measure"]["num"]
        fd[c] = {"measure": {"num": (orig + fixed + 1) // 2, "den": answers[c]["den"]},
                 "reason": "Chấp nhận một phần giải trình: đối chiếu lại sổ theo dõi hồ sơ"}
    if not fd:
        fd = {rejected: {"accept": True}}
    final["decisions"] = fd
    out.append(final)
    return out


def main():
    rng = random.Random(2024)
    quality = QUALITY
    subs = []
    for (code, name), q in zip(COMMUNES, quality):
        subs.append(self_assessment(rng, code, name, q))
    # Two communes with the same facts: they tie at every ranking key.
    twin = json.loads(json.dumps(subs[20]))
    twin["unit"] = {"code": "NG-22", "name": "Xã Hồng Đức"}
    for a in twin["answers"].values():
        for e in a.get("evidence", []):
            e["issuer"] = "UBND xã Hồng Đức"
    subs[21] = twin
    for old in list(HERE.glob("NG-*.json")) + list((HERE / "appraisals").glob("*.json")):
        old.unlink()
    for s in subs:
        (HERE / f"{s['unit']['code']}.json").write_text(json.dumps(s, ensure_ascii=False, indent=2) + "\n")
    for s in subs[:12]:
        for st in stages(rng, s):
            (HERE / "appraisals" / f"{st['unit']}.{st['stage']}.json").write_text(
                json.dumps(st, ensure_ascii=False, indent=2) + "\n")
    survey = {"survey": "Khảo sát sự hài lòng của người dân, tổ chức năm 2024 (huyện Ninh Giang)",
              "methodology": "commune-2024-model",
              "reference": {"number": "15/BC-SNV", "date": "2024-12-25", "issuer": "Sở Nội vụ tỉnh Hải Dương",
                            "title": "Báo cáo kết quả khảo sát sự hài lòng năm 2024"},
              "units": {}}
    for s, q in zip(subs, quality):
        code = s["unit"]["code"]
        if code == "NG-19":
            continue  # not surveyed: scored without a survey
        if code == "NG-22":
            survey["units"][code] = survey["units"]["NG-21"]
            continue
        survey["units"][code] = {f"S.{i}": dec(round(min(1.0, rng.uniform(q - 0.12, q + 0.05)), 2)) for i in range(1, 6)}
    (HERE / "survey.json").write_text(json.dumps(survey, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":  # the province sample imports the generators
    main()
