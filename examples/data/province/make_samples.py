#!/usr/bin/env python3
"""Generate the province sample (fictional data): a province after the 2025 mergers, its
roster of 78 units in three ranking blocks (departments; wards; communes and special zones),
their 2025 self-assessments (departments against the embedded `department-2025-model`, wards,
communes and special zones against `commune-2025-model`), and the 2025 survey file. Five of
the communes were formed from the 22 communes of the district sample, whose 2024 scorecards
are in `2024/` (`make_2024.sh`).
Deterministic: run it again and the files come out the same.

    python3 examples/data/province/make_samples.py
"""
import csv
import importlib.util
import io
import json
import random
import tomllib
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent.parent
spec = importlib.util.spec_from_file_location("district", HERE.parent / "district" / "make_samples.py")
district = importlib.util.module_from_spec(spec)
spec.loader.exec_module(district)  # the generators of the district sample, not its main()

M = tomllib.load(open(ROOT / "criteria/commune-2025-model.toml", "rb"))
LEAVES = [i for i in M["items"] if "rule" in i]
ID = M["id"]
D = tomllib.load(open(ROOT / "criteria/department-2025-model.toml", "rb"))
D_LEAVES = [i for i in D["items"] if "rule" in i]
DEPARTMENTS = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng",
               "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Khoa học và Công nghệ",
               "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Ngoại vụ", "Sở Dân tộc và Tôn giáo", "Thanh tra thành phố",
               "Văn phòng UBND thành phố"]

WARDS = ["Hồng Bàng", "Ngô Quyền", "Gia Viên", "Lê Chân", "An Biên", "Hải An", "Đông Hải",
         "Kiến An", "Phù Liễn", "Đồ Sơn", "Dương Kinh", "Thủy Nguyên", "Thiên Hương",
         "Hải Dương", "Lê Thanh Nghị", "Việt Hòa", "Thành Đông", "Nam Đồng", "Tân Hưng",
         "Thạch Khôi", "Tứ Minh", "Ái Quốc", "Chu Văn An", "Chí Linh"]
# The five communes formed from the district sample's 22 (code, name, predecessors, weights:
# one gives the weights of its predecessors, by population; the others weigh them equally).
MERGED = [
    ("HP-X01", "Ninh Giang", ["NG-01", "NG-04", "NG-05", "NG-15"], None),
    ("HP-X02", "Vĩnh Lại", ["NG-09", "NG-10", "NG-13", "NG-21"], ["0.3", "0.2", "0.3", "0.2"]),
    ("HP-X03", "Khúc Thừa Dụ", ["NG-02", "NG-03", "NG-11", "NG-16"], None),
    ("HP-X04", "Tân An", ["NG-12", "NG-14", "NG-17", "NG-18", "NG-22"], None),
    ("HP-X05", "Hồng Châu", ["NG-06", "NG-07", "NG-08", "NG-19", "NG-20"], None),
]
COMMUNES = ["An Lão", "An Hưng", "An Khánh", "Kiến Thụy", "Kiến Minh", "Tiên Lãng",
            "Tân Minh", "Vĩnh Bảo", "Vĩnh Thịnh", "Nguyễn Bỉnh Khiêm", "Gia Lộc", "Yết Kiêu",
            "Tứ Kỳ", "Tân Kỳ", "Thanh Hà", "Hà Tây", "Cẩm Giàng", "Cẩm Giang", "Bình Giang",
            "Đường An", "Thanh Miện", "Nam Thanh Miện", "Nam Sách", "Thái Tân", "Kim Thành",
            "Lai Khê", "Phú Thái", "Hà Bắc", "Kẻ Sặt", "Trường Tân", "Lạc Phượng",
            "Nguyên Giáp", "Mao Điền"]
ZONES = [("HP-DK1", "Cát Hải"), ("HP-DK2", "Bạch Long Vĩ")]
# On the roster with no self-assessment yet: `rank` names it.
MISSING = "HP-X38"
# Hải Phòng's 2025 blocks: departments; wards; communes and special zones.
BLOCKS = {"so": "Khối sở, ngành", "phuong": "Khối phường", "xa": "Khối xã, đặc khu",
          "dac-khu": "Khối xã, đặc khu"}


def roster():
    units = [(f"HP-S{i:02}", n, "so", []) for i, n in enumerate(DEPARTMENTS, 1)]
    for i, n in enumerate(WARDS, 1):
        units.append((f"HP-P{i:02}", f"Phường {n}", "phuong", []))
    for code, n, preds, weights in MERGED:
        ps = [f"{p}@2024" + (f"*{w}" if weights else "") for p, w in zip(preds, weights or preds)]
        units.append((code, f"Xã {n}", "xa", ps))
    for i, n in enumerate(COMMUNES, len(MERGED) + 1):
        units.append((f"HP-X{i:02}", f"Xã {n}", "xa", []))
    for code, n in ZONES:
        units.append((code, f"Đặc khu {n}", "dac-khu", []))
    return units


def quality(rng, code):
    """How well a unit does (the district's quality, for a merged commune: its predecessors')."""
    q = dict(zip((c for c, _ in district.COMMUNES), district.QUALITY))
    for c, _, preds, _ in MERGED:
        if c == code:
            return sum(q[p] for p in preds) / len(preds)
    return rng.uniform(0.62, 0.99)


def measure(rng, item, q):
    """The district's generator of a measure, on the step of this set's judgement items."""
    rule = item["rule"]
    if rule["kind"] == "judgement":
        step, mx = rule["step"], float(item["max"])
        steps = int(mx / step)
        return {"points": district.dec(step * min(steps, max(0, round(steps * rng.uniform(q - 0.25, 1.05)))))}
    # The district's 8.1.1 and 8.3.1 are revenue ratios above 100%: not these.
    return district.measure(rng, {**item, "code": "x" + item["code"]}, q)


def self_assessment(rng, code, name, q, leaves=LEAVES, methodology=ID):
    answers, n = {}, 10
    for item in leaves:
        if item["rule"]["kind"] == "survey":
            continue
        a = measure(rng, item, q) if leaves is not LEAVES else district.measure(rng, item, q)
        for k in ("due", "done"):
            if isinstance(a.get(k), str):
                a[k] = a[k].replace("2024-", "2025-")
        if item.get("na") and rng.random() < 0.08:
            a = {"not_applicable": True, "explanation": "Năm 2025 không phát sinh"}
        elif rng.random() < 0.9 + (q - 0.75) * 0.35:
            n += 1
            e = district.evidence(item["code"], name, item["rule"], n)
            e["date"] = e["date"].replace("2024-", "2025-")
            a["evidence"] = [e]
        elif rng.random() < 0.5:
            a["explanation"] = "Tài liệu đang lưu tại Văn phòng HĐND và UBND, sẽ cung cấp khi thẩm định"
        answers[item["code"]] = a
    sub = {"methodology": methodology, "unit": {"code": code, "name": name}, "period": "2025",
           "answers": answers}
    if rng.random() < 0.3:
        sub["bonus"] = [{"amount": rng.choice(["0.5", "1"]),
                         "reason": "Mô hình, sáng kiến CCHC được thành phố công nhận",
                         "evidence": [{"number": f"{rng.randint(100, 999)}/QĐ-UBND",
                                       "date": "2025-11-20", "issuer": "UBND thành phố",
                                       "title": "Quyết định công nhận sáng kiến"}]}]
    if rng.random() < 0.12:
        sub["penalty"] = [{"amount": "0.5", "reason": "Chậm gửi báo cáo CCHC quý III",
                           "evidence": [{"number": f"{rng.randint(10, 99)}/TB-SNV",
                                         "date": "2025-10-08", "issuer": "Sở Nội vụ",
                                         "title": "Thông báo nhắc nhở"}]}]
    return sub


def main():
    rng = random.Random(2025)
    units = roster()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "kind", "block", "predecessors"])
    for code, name, kind, preds in units:
        w.writerow([code, name, kind, BLOCKS[kind], ";".join(preds)])
    # With a byte-order mark, as Excel saves a CSV in UTF-8.
    (HERE / "roster.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8")

    for old in (HERE / "2025").glob("*.json"):
        old.unlink()
    (HERE / "2025").mkdir(exist_ok=True)
    survey = {"survey": "Khảo sát sự hài lòng của người dân, tổ chức năm 2025",
              "methodology": ID,
              "reference": {"number": "42/BC-SNV", "date": "2025-12-15", "issuer": "Sở Nội vụ",
                            "title": "Báo cáo kết quả khảo sát sự hài lòng năm 2025"},
              "units": {}}
    # Departments from their own random sequence: the other units' files stay as they were.
    drng = random.Random(2026)
    for code, name, kind, preds in units:
        if kind != "so":
            continue
        sub = self_assessment(drng, code, name, drng.uniform(0.7, 0.99), D_LEAVES, D["id"])
        (HERE / "2025" / f"{code}.json").write_text(
            json.dumps(sub, ensure_ascii=False, indent=2) + "\n")
    for code, name, kind, preds in units:
        if kind == "so":
            continue
        q = quality(rng, code)
        if code == MISSING:
            continue
        sub = self_assessment(rng, code, name, q)
        if code == "HP-X01":
            # A merged commune that fell: evidence not yet attached for two of area 3's items.
            for c in ("3.2.1", "3.5.1"):
                sub["answers"][c].pop("evidence", None)
                sub["answers"][c].pop("explanation", None)
        (HERE / "2025" / f"{code}.json").write_text(
            json.dumps(sub, ensure_ascii=False, indent=2) + "\n")
        if code != "HP-P07":  # not surveyed: scored without a survey
            survey["units"][code] = {f"S.{i}": district.dec(round(min(1.0, rng.uniform(q - 0.12, q + 0.05)), 2))
                                     for i in range(1, 6)}
    (HERE / "2025" / "survey.json").write_text(json.dumps(survey, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
