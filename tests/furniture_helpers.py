"""Run a raw file up to and including the furniture stage (shared by the furniture tests)."""

from __future__ import annotations

from functools import cache

from paths import RAW, UNSEEN

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.run import run_until
from zhclean.tasks.stages.furniture.strip import Furniture, strip_furniture


@cache
def raw_lines(prefix: str) -> tuple[Line, ...]:
    """The lines furniture receives for raw/<prefix>*.txt: decoded, repaired, simplified."""
    path = next(RAW.glob(f"{prefix}_*.txt"))
    return tuple(run_until(path.read_bytes(), path.name, until="script").lines)


def raw_furniture(prefix: str) -> Furniture:
    return strip_furniture(list(raw_lines(prefix)), Options())


def text_of(lines: list[Line]) -> list[str]:
    return [ln.text.strip() for ln in lines if ln.text.strip()]


@cache
def fixture_lines(name: str) -> tuple[Line, ...]:
    """The lines furniture receives for tests/fixtures/unseen/<name>.txt."""
    path = UNSEEN / f"{name}.txt"
    return tuple(run_until(path.read_bytes(), path.name, until="script").lines)


def fixture_furniture(name: str, options: Options | None = None) -> Furniture:
    return strip_furniture(list(fixture_lines(name)), options or Options())
