"""The README's one-liner and the notebook example run as they are written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_readme_one_liner_prints_the_index(root: Path) -> None:
    code = (
        "import par_index as p; m = p.Methodology.embedded('commune-2024-model'); "
        "print(p.score(m, p.Submission.from_file('examples/data/xa-dong-tam.json')).index)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, check=True)
    assert done.stdout == b"95.29\n"


def test_the_notebook_example_runs(root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "bindings/python/examples/notebook.py"], cwd=root, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "NG-17" in out and "points lost" in out and "To earn more" in out
