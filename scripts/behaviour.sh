#!/usr/bin/env bash
# Record the outputs of every command on every bundled sample into one folder, so that a
# refactoring can be checked byte for byte: `scripts/behaviour.sh /tmp/before`, change the code,
# `scripts/behaviour.sh /tmp/after`, `diff -r /tmp/before /tmp/after`.
# The version string of the engine is replaced by VERSION so that a version bump is not a change.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/behaviour.sh OUTPUT_DIR}
mkdir -p "$out"
cargo build -q --release 2>/dev/null || cargo build -q --release
bin=target/release/par-index
D=examples/data/district
run() { # name, args...
  local name=$1; shift
  "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "exit $?" >>"$out/$name.err"
  sed -i -E -e 's/par-index [0-9]+\.[0-9]+\.[0-9]+/par-index VERSION/g' -e "s#$out/#OUT/#g" "$out/$name.out" "$out/$name.err"
}
run score-default score
for f in examples/data/*.json $D/NG-*.json; do
  n=$(basename "$f" .json)
  run "score-$n-text-vi" score "$f"
  run "score-$n-text-en" score "$f" -l en
  run "score-$n-md-items-vi" score "$f" -f markdown --items
  run "score-$n-md-items-en" score "$f" -f markdown --items -l en
  run "score-$n-text-items-vi" score "$f" --items
  run "score-$n-json" score "$f" -f json
  run "verify-$n" verify "$out/score-$n-json.out"
  run "readiness-$n-vi" readiness "$f"
  run "readiness-$n-en" readiness "$f" -l en
  run "gaps-$n-md" gaps "$f"
  run "gaps-$n-md-en" gaps "$f" -l en
  run "gaps-$n-json" gaps "$f" -f json
  for code in 1 2.1 3.2.1 4.1.1 5 6.2 7.3.1 8; do
    run "explain-$n-$code-vi" explain "$f" "$code"
    run "explain-$n-$code-en" explain "$f" "$code" -l en
  done
done
for f in $D/NG-*.json; do
  n=$(basename "$f" .json)
  stages=()
  for s in $D/appraisals/$n.*.json; do [ -e "$s" ] && stages+=(-s "$s"); done
  [ ${#stages[@]} -eq 0 ] && continue
  run "appraise-$n-text" appraise "$f" "${stages[@]}" --survey $D/survey.json
  run "appraise-$n-text-en" appraise "$f" "${stages[@]}" --survey $D/survey.json -l en
  run "appraise-$n-md" appraise "$f" "${stages[@]}" --survey $D/survey.json -f markdown
  run "appraise-$n-json" appraise "$f" "${stages[@]}" --survey $D/survey.json -f json
  run "verify-appraise-$n" verify "$out/appraise-$n-json.out"
  run "diff-$n-md" diff "$f" "${stages[@]}" --survey $D/survey.json
  run "diff-$n-md-en" diff "$f" "${stages[@]}" --survey $D/survey.json -l en
  run "diff-$n-csv" diff "$f" "${stages[@]}" --survey $D/survey.json -f csv
  run "gaps-staged-$n" gaps "$f" "${stages[@]}" --survey $D/survey.json
done
run rank-md rank $D --survey $D/survey.json
run rank-md-en rank $D --survey $D/survey.json -l en
run rank-json rank $D --survey $D/survey.json -f json
run rank-csv rank $D --survey $D/survey.json -f csv
run rank-nosurvey rank $D
run rank-all rank examples/data
run gaps-batch-md gaps $D --survey $D/survey.json
run gaps-batch-md-en gaps $D --survey $D/survey.json -l en
run gaps-batch-json gaps $D --survey $D/survey.json -f json
run validate-all validate criteria examples/data tests/cases
run test-cases test tests/cases
run methodologies methodologies
for s in methodology submission scorecard; do run "schema-$s" schema $s; done
# The two-tier province, the methodology diff, re-scoring, year over year (added for 0.3.0).
P=examples/data/province
MAP=criteria/maps/commune-2024-to-2025.map.toml
run rank-province-md rank $P/2025 --survey $P/2025/survey.json --roster $P/roster.csv
run rank-province-md-en rank $P/2025 --survey $P/2025/survey.json --roster $P/roster.csv -l en
run rank-province-json rank $P/2025 --survey $P/2025/survey.json --roster $P/roster.csv -f json
run rank-province-csv rank $P/2025 --survey $P/2025/survey.json --roster $P/roster.csv -f csv
run rank-province-unlisted rank $P --roster $P/roster.csv --include-unlisted
run rank-province-nosurvey rank $P
run rank-xlsx-forms rank examples/data/district-xlsx
run gaps-province-md gaps $P/2025 --survey $P/2025/survey.json
run gaps-province-json gaps $P/2025 --survey $P/2025/survey.json -f json
for u in HP-X01 HP-P07 HP-S01 HP-DK1; do
  run "score-$u-text" score $P/2025/$u.json
  run "score-$u-md-items-en" score $P/2025/$u.json -f markdown --items -l en
  run "score-$u-json" score $P/2025/$u.json -f json
  run "readiness-$u" readiness $P/2025/$u.json
  run "gaps-$u" gaps $P/2025/$u.json
  run "compare-$u-md" compare $P/2025/$u.json --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP
  run "compare-$u-md-en" compare $P/2025/$u.json --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -l en
  run "compare-$u-json" compare $P/2025/$u.json --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -f json
done
run compare-province-md compare $P/2025 --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP
run compare-province-md-en compare $P/2025 --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -l en
run compare-province-json compare $P/2025 --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -f json
run compare-unit compare $P/2025 --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP --unit HP-X02
run compare-district-self compare $D --previous $P/2024
for pair in "commune-2024-model commune-2025-model" "commune-2025-model department-2025-model" "commune-2024-model commune-2024-model"; do
  set -- $pair
  run "mdiff-$1-$2-md" methodology diff $1 $2
  run "mdiff-$1-$2-md-en" methodology diff $1 $2 -l en
  run "mdiff-$1-$2-csv" methodology diff $1 $2 -f csv
done
run mdiff-map-md methodology diff commune-2024-model commune-2025-model --map $MAP
run mdiff-map-en methodology diff commune-2024-model commune-2025-model --map $MAP -l en
run mdiff-map-csv methodology diff commune-2024-model commune-2025-model --map $MAP -f csv
for n in NG-04 NG-11; do
  run "rescore-$n-text" score $D/$n.json -m commune-2025-model --map $MAP
  run "rescore-$n-md-en" score $D/$n.json -m commune-2025-model --map $MAP -f markdown --items -l en
  run "rescore-$n-json" score $D/$n.json -m commune-2025-model --map $MAP -f json
  run "rescore-$n-carry" score $D/$n.json -m commune-2025-model --carry-over
  run "verify-rescore-$n" verify "$out/rescore-$n-json.out" --submission $D/$n.json --map $MAP
done
for f in examples/data/district-xlsx/NG-0[1-3].xlsx; do
  n=$(basename "$f" .xlsx)
  run "score-xlsx-$n" score "$f"
  run "score-xlsx-$n-json" score "$f" -f json
done
for f in tests/compat/*.json; do run "verify-compat-$(basename "$f" .json)" verify "$f"; done
run validate-bad validate tests/bad
run validate-fixtures validate tests/fixtures
run validate-province validate $P criteria/maps
run test-fixtures test tests/fixtures
run methodology-ids methodologies
for s in methodology submission scorecard stage survey roster cases; do run "schema-$s" schema $s; done
run score-unknown-file score does-not-exist.json
run score-bad-method score examples/data/xa-dong-tam.json -m no-such-methodology
run rank-empty rank tests/bad/stages
# HTML and Excel may change where the new renderers improve them: recorded to be looked at.
run html-score score examples/data/xa-dong-tam.json -f html
run html-rank rank $D --survey $D/survey.json -f html
run html-rank-province rank $P/2025 --survey $P/2025/survey.json --roster $P/roster.csv -f html
run html-gaps gaps examples/data/xa-dong-tam.json -f html
run html-gaps-batch gaps $D -f html
run html-appraise appraise $D/NG-01.json $(for s in $D/appraisals/NG-01.*.json; do echo -s $s; done) -f html
run html-compare compare $P/2025/HP-X01.json --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -f html
run html-compare-province compare $P/2025 --survey $P/2025/survey.json --previous $P/2024 --roster $P/roster.csv --map $MAP -f html
# Every command's help: the command line is part of the behaviour.
run help --help
for c in score validate schema test explain appraise diff rank compare gaps readiness verify methodologies methodology template; do
  run "help-$c" $c --help
done
run help-methodology-diff methodology diff --help
echo "recorded $(ls "$out" | wc -l) files in $out"
