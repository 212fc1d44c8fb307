"""Shared fixtures: the repository's root (the samples) and the command-line tool whose
outputs the binding must equal byte for byte."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _binary() -> Path:
    given = os.environ.get("PAR_INDEX_BIN")
    if given:
        return Path(given)
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "par-index"
        if p.is_file():
            return p
    pytest.fail("no par-index binary: run `cargo build` first or set PAR_INDEX_BIN")


class Cli:
    """The command-line tool, run in the repository's root."""

    def __init__(self, binary: Path) -> None:
        self.binary = binary

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(self.binary), *args], cwd=ROOT, capture_output=True, check=False)

    def out(self, *args: str) -> bytes:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_binary())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
