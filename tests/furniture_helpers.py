"""Run a raw file up to and including the furniture stage (shared by the furniture tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tasks import ingest, repair, script
from tasks.furniture import Furniture, strip_furniture
from tasks.model import Line
from tasks.options import Options
from tasks.pipeline import split_lines

RAW = Path(__file__).resolve().parent.parent / "raw"


@cache
def raw_lines(prefix: str) -> tuple[Line, ...]:
    """The lines furniture receives for raw/<prefix>*.txt: decoded, repaired, simplified."""
    path = next(RAW.glob(f"{prefix}_*.txt"))
    options = Options()
    decoded = ingest.decode(path.read_bytes(), path.name, options)
    lines, _, _ = repair.repair_lines(split_lines(decoded.text), options)
    lines, _, _ = script.convert_lines(lines, options)
    return tuple(lines)


def raw_furniture(prefix: str) -> Furniture:
    return strip_furniture(list(raw_lines(prefix)), Options())


def text_of(lines: list[Line]) -> list[str]:
    return [ln.text.strip() for ln in lines if ln.text.strip()]


UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"


@cache
def fixture_lines(name: str) -> tuple[Line, ...]:
    """The lines furniture receives for tests/fixtures/unseen/<name>.txt."""
    path = UNSEEN / f"{name}.txt"
    options = Options()
    decoded = ingest.decode(path.read_bytes(), path.name, options)
    lines, _, _ = repair.repair_lines(split_lines(decoded.text), options)
    lines, _, _ = script.convert_lines(lines, options)
    return tuple(lines)


def fixture_furniture(name: str, options: Options | None = None) -> Furniture:
    return strip_furniture(list(fixture_lines(name)), options or Options())
