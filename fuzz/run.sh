#!/usr/bin/env bash
# Run every fuzz target for SECONDS seconds each (default 60); fail on any crash.
#
#   fuzz/run.sh 60                 # every target
#   fuzz/run.sh 600 staged batch   # some targets
#
# cargo-fuzz passes flags that need a nightly compiler; this machine has the stable one, so
# RUSTC_BOOTSTRAP=1 lets it accept them, and the sanitizer is off (coverage-guided fuzzing
# still works; checked arithmetic and the absence of unsafe code do what ASan would).
# The seed corpora are built from the samples and the bad-input corpus each run.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

seed() {
    local target="$1"; shift
    mkdir -p "corpus/$target"
    for f in "$@"; do
        [ -f "$f" ] && cp -f "$f" "corpus/$target/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    return 0
}
seed methodology ../criteria/*.toml ../tests/fixtures/*.toml ../tests/bad/methodologies/* ../tests/cases/bad/methodologies/*
seed submission ../examples/data/*.json ../examples/data/district/NG-*.json ../tests/bad/submissions/* ../tests/cases/*.json
seed stage ../examples/data/district/appraisals/*.json ../tests/bad/stages/*
seed survey ../examples/data/district/survey.json ../tests/bad/surveys/*
seed cases ../tests/cases/good/*.toml ../tests/cases/bad/*.toml ../tests/bad/cases/*.toml
seed two_tier ../examples/data/district/roster.csv ../examples/data/province/roster.csv ../criteria/maps/*.toml
mkdir -p corpus/scorecard
cargo run -q --manifest-path ../Cargo.toml -- score -f json > corpus/scorecard/seed-sample.json
mkdir -p corpus/score corpus/form
cp -f ../examples/data/district-xlsx/NG-0[1-3].xlsx ../tests/fixtures/form/*.xlsx corpus/form/ 2>/dev/null || true
# Stage files of one unit (and the survey) in one input, cut at NUL bytes; a batch likewise.
mkdir -p corpus/staged corpus/batch
python3 - <<'PY'
from pathlib import Path
a = Path("../examples/data/district/appraisals")
parts = [(a / f"NG-04.{s}.json").read_bytes() for s in ("appraisal-1", "explanation", "final")]
parts.append(Path("../examples/data/district/survey.json").read_bytes())
Path("corpus/staged/seed-ng04").write_bytes(b"\0".join(parts))
d = Path("../examples/data/district")
subs = [(d / f"NG-0{i}.json").read_bytes() for i in range(1, 5)]
Path("corpus/batch/seed-district").write_bytes(b"\0".join(subs + [(a / "NG-04.final.json").read_bytes()]))
PY

status=0
targets="${*:-$(cargo fuzz list)}"
for target in $targets; do
    echo "== $target (${secs}s)"
    if ! cargo fuzz run "$target" --sanitizer none "corpus/$target" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -len_control=0 -print_final_stats=1 2>"$target.log"; then
        echo "!! $target crashed: see fuzz/$target.log and fuzz/artifacts/$target/"
        status=1
    fi
    grep -E "^(stat::number_of_executed_units|#[0-9]+.*DONE)" "$target.log" | tail -2 || true
done
exit "$status"
