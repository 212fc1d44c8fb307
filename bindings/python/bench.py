"""The binding's cost, from Python: `score` of the sample, and `Submission.from_dict` beside
`Submission.from_json` of the same data. `scripts/python-bench.sh` runs it beside the same
calls timed in Rust (examples/binding_baseline.rs) and prints the ratios.

Run from the repository's root: `python bindings/python/bench.py [ROUNDS]`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from decimal import Decimal

import par_index as p


def per_call(f: Callable[[], object], rounds: int) -> float:
    """Microseconds per call: a warm-up, then the mean of `rounds` calls."""
    for _ in range(rounds // 10):
        f()
    start = time.perf_counter()
    for _ in range(rounds):
        f()
    return (time.perf_counter() - start) / rounds * 1e6


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with open("examples/data/xa-dong-tam.json", encoding="utf-8") as f:
        text = f.read()
    m = p.Methodology.embedded("commune-2024-model")
    s = p.Submission.from_json(text)
    d = json.loads(text, parse_float=Decimal)
    print(f"python score: {per_call(lambda: p.score(m, s), rounds):.1f} µs")
    print(f"python from_json: {per_call(lambda: p.Submission.from_json(text), rounds):.1f} µs")
    print(f"python from_dict: {per_call(lambda: p.Submission.from_dict(d), rounds):.1f} µs")


if __name__ == "__main__":
    main()
