#!/usr/bin/env bash
# The Python package (bindings/python): build the wheel with maturin, install it into a fresh
# virtual environment, run its pytest suite (each answer against the command line's) and
# mypy --strict on the tests and examples. Run by .ci/run after `cargo test` (which builds the
# command-line tool the tests compare with); everything comes from PyPI into target/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/py-tools-venv
venv=target/py-venv
[ -x "$tools/bin/maturin" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q "maturin>=1.7,<2"; }
rm -rf target/wheels "$venv"
"$tools/bin/maturin" build -q --release -m bindings/python/Cargo.toml -o target/wheels
python3 -m venv "$venv"
"$venv/bin/pip" install -q target/wheels/par_index-*.whl pytest hypothesis mypy
cargo build -q --bin par-index
PAR_INDEX_BIN="$PWD/target/debug/par-index" "$venv/bin/python" -m pytest -q bindings/python/tests
# mypy reads the installed package's stubs (par_index.pyi, py.typed).
(cd bindings/python && "../../$venv/bin/python" -m mypy --strict tests examples bench.py)
