#!/usr/bin/env bash
# The Python binding's cost as ratios measured in one run: `score` of the sample from Python
# against the same call in Rust (target: within 1.2×), and `Submission.from_dict` against
# `from_json` of the same data (target: within 2×). Builds the wheel (release) into a fresh
# virtual environment under target/. A measurement, not a test: not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-bench-venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q maturin
"$venv/bin/maturin" build -q --release -m bindings/python/Cargo.toml -o target/wheels-bench
"$venv/bin/pip" install -q --force-reinstall target/wheels-bench/par_index-*.whl
cargo build -q --release --example binding_baseline
rust=$(target/release/examples/binding_baseline)
py=$("$venv/bin/python" bindings/python/bench.py)
echo "$rust"
echo "$py"
num() { echo "$1" | sed -n "s/^$2: \([0-9.]*\) µs/\1/p"; }
rs=$(num "$rust" "rust score"); ps=$(num "$py" "python score"); rj=$(num "$rust" "rust from_json")
pj=$(num "$py" "python from_json"); pd=$(num "$py" "python from_dict")
awk -v a="$ps" -v b="$rs" 'BEGIN { printf "score from Python ÷ in Rust: %.2f× (target ≤ 1.2×)\n", a / b }'
awk -v a="$pj" -v b="$rj" 'BEGIN { printf "from_json from Python ÷ in Rust: %.2f×\n", a / b }'
awk -v a="$pd" -v b="$pj" 'BEGIN { printf "from_dict ÷ from_json: %.2f× (target ≤ 2×)\n", a / b }'
