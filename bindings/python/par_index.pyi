"""Vietnam's PAR Index (Chỉ số CCHC) scored exactly and explainably.

Every number is a ``decimal.Decimal``, never a ``float``. Every input problem is an
``InputError`` carrying all of them.
"""

from collections.abc import Sequence
from decimal import Decimal
from os import PathLike
from typing import Any, Optional, Union, final

__version__: str

_Path = Union[str, PathLike[str]]

class InputError(ValueError):
    """An input with problems; ``problems`` lists every one."""

    problems: list[Problem]

@final
class Problem:
    """One problem of an input: where it is and what was expected."""

    @property
    def kind(self) -> str: ...
    @property
    def file(self) -> Optional[str]: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    @property
    def cell(self) -> Optional[str]: ...
    @property
    def code(self) -> Optional[str]: ...
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...

@final
class Criterion:
    """An area or item of a methodology."""

    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_en(self) -> Optional[str]: ...
    @property
    def max(self) -> Decimal: ...

@final
class Methodology:
    """A methodology (bộ tiêu chí): areas, criteria and items with their rules and points."""

    @staticmethod
    def embedded(id: str) -> Methodology: ...
    @staticmethod
    def from_toml(text: str, file: Optional[str] = None) -> Methodology: ...
    @staticmethod
    def from_file(path: _Path) -> Methodology: ...
    @property
    def id(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def areas(self) -> list[Criterion]: ...
    @property
    def items(self) -> list[Criterion]: ...

def methodologies() -> list[Methodology]:
    """The embedded methodologies."""

@final
class Submission:
    """A self-assessment (bản tự đánh giá) of one unit for one period."""

    @staticmethod
    def from_json(
        data: Union[str, bytes], file: Optional[str] = None, methodology: Optional[Methodology] = None
    ) -> Submission: ...
    @staticmethod
    def from_dict(data: dict[str, Any], methodology: Optional[Methodology] = None) -> Submission: ...
    @staticmethod
    def from_file(path: _Path, methodology: Optional[Methodology] = None) -> Submission: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def sha256(self) -> str: ...
    @property
    def methodology(self) -> str: ...
    @property
    def unit_code(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def period(self) -> str: ...

@final
class Stage:
    """An appraisal stage file."""

    @staticmethod
    def from_json(data: Union[str, bytes], file: Optional[str] = None) -> Stage: ...
    @staticmethod
    def from_file(path: _Path) -> Stage: ...
    @property
    def unit(self) -> str: ...
    @property
    def stage(self) -> str: ...

@final
class Survey:
    """The survey results file of a year."""

    @staticmethod
    def from_json(data: Union[str, bytes]) -> Survey: ...
    @staticmethod
    def from_file(path: _Path) -> Survey: ...

@final
class Roster:
    """The units of a year in their ranking blocks, with merged units' predecessors."""

    @staticmethod
    def from_file(path: _Path) -> Roster: ...
    @property
    def title(self) -> str: ...

@final
class Node:
    """An area, criterion or item of a scorecard."""

    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_en(self) -> Optional[str]: ...
    @property
    def points(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def applicable(self) -> bool: ...
    @property
    def lost(self) -> Decimal: ...
    @property
    def trace(self) -> Optional[dict[str, Any]]: ...

@final
class Scorecard:
    """A scorecard (phiếu chấm điểm): every point traced, hashed against its inputs."""

    @staticmethod
    def from_json(data: Union[str, bytes]) -> Scorecard: ...
    @property
    def index(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def applicable_max(self) -> Decimal: ...
    @property
    def band(self) -> str: ...
    @property
    def methodology(self) -> str: ...
    @property
    def unit_code(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def areas(self) -> list[Node]: ...
    @property
    def items(self) -> list[Node]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def render(self, format: str = "markdown", lang: str = "vi") -> str: ...
    def write_xlsx(self, path: _Path, lang: str = "vi") -> None: ...

def score(methodology: Methodology, submission: Submission) -> Scorecard:
    """Score a submission against a methodology."""

@final
class Verification:
    """Whether a scorecard is what its methodology and inputs give."""

    @property
    def ok(self) -> bool: ...
    @property
    def mismatches(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]: ...
    def __bool__(self) -> bool: ...

def verify(scorecard: Scorecard, methodology: Optional[Methodology] = None) -> Verification:
    """Recompute a scorecard and compare."""

def appraise(
    submission: Submission,
    stages: Sequence[Stage],
    survey: Optional[Survey] = None,
    methodology: Optional[Methodology] = None,
) -> list[Scorecard]:
    """Every stage's scorecard, the self-assessment's first."""

class Report:
    """A report: its data and its renderings."""

    def to_json(self, lang: str = "vi") -> str: ...
    def to_dict(self, lang: str = "vi") -> dict[str, Any]: ...
    def render(self, format: str = "markdown", lang: str = "vi") -> str: ...
    def write_xlsx(self, path: _Path, lang: str = "vi") -> None: ...

@final
class Readiness(Report):
    """Readiness before sending."""

    @property
    def ready(self) -> bool: ...

def readiness(methodology: Methodology, submission: Submission) -> Readiness:
    """Whether a self-assessment is ready to send."""

def gaps(scorecard: Scorecard) -> Report:
    """Where a scorecard loses points, by office and area."""

def explain(scorecard: Scorecard, code: str, format: str = "text", lang: str = "vi") -> str:
    """How one item or area got its points."""

def template(
    methodology: Methodology,
    unit: Optional[str] = None,
    name: Optional[str] = None,
    period: Optional[str] = None,
    submission: Optional[Submission] = None,
    lang: str = "vi",
    path: Optional[_Path] = None,
) -> Optional[bytes]:
    """The office's Excel form: written to ``path``, else returned as bytes."""

@final
class Row:
    """A unit's row of a ranking."""

    @property
    def rank(self) -> int: ...
    @property
    def tied(self) -> bool: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def index(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def band(self) -> str: ...
    @property
    def block(self) -> Optional[str]: ...

@final
class Block:
    """A block of a ranking by roster."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def rows(self) -> list[Row]: ...

@final
class Ranking:
    """Units ranked: one list, or by the blocks of a roster."""

    @property
    def rows(self) -> list[Row]: ...
    @property
    def blocks(self) -> list[Block]: ...
    @property
    def failures(self) -> list[str]: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def render(self, format: str = "markdown", lang: str = "vi") -> str: ...
    def write_xlsx(self, path: _Path, lang: str = "vi") -> None: ...

def rank(
    paths: Union[_Path, Sequence[_Path]],
    survey: Union[Survey, _Path, None] = None,
    roster: Union[Roster, _Path, None] = None,
    methodology: Optional[Methodology] = None,
    include_unlisted: bool = False,
) -> Ranking:
    """Score and rank the self-assessments of files and folders, as ``par-index rank``."""
