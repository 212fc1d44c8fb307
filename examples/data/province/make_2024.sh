#!/usr/bin/env bash
# The 2024 results of the district sample's 22 communes: each commune's scorecard of its last
# stage (the final appraisal where there was one, else the self-assessment), with the 2024
# survey; the predecessors of the province's merged communes, for `par-index compare`.
# `appraise --format json` writes every stage's scorecard; the last is kept. Run from
# anywhere; deterministic for a given par-index version.
set -euo pipefail
cd "$(dirname "$0")/../../.."
d=examples/data/district
out=examples/data/province/2024
mkdir -p "$out"
rm -f "$out"/NG-*.json
cargo build -q --release
for f in "$d"/NG-*.json; do
  code=$(basename "$f" .json)
  stages=()
  for s in appraisal-1 explanation final; do
    if [ -f "$d/appraisals/$code.$s.json" ]; then stages+=(-s "$d/appraisals/$code.$s.json"); fi
  done
  ./target/release/par-index appraise "$f" "${stages[@]}" --survey "$d/survey.json" \
    --format json -o "$out/$code.json"
  python3 - "$out/$code.json" <<'PY'
import json, sys
cards = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps(cards[-1], ensure_ascii=False, indent=2) + "\n")
PY
done
