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
  sed -i -E 's/par-index [0-9]+\.[0-9]+\.[0-9]+/par-index VERSION/g' "$out/$name.out" "$out/$name.err"
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
echo "recorded $(ls "$out" | wc -l) files in $out"
