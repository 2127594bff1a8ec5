"""Ingest: bytes to numbered lines (encoding detected, NUL and controls out, NFC).

Everything after works on `str`; unusable input raises `IngestError`."""

from __future__ import annotations

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.ingest import decode

RULES = tuple(decode.RULES)


def split_lines(text: str) -> list[Line]:
    """Number the raw lines from 1, as the edit log and article spans refer to them."""
    return [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]


def run(state: State, options: Options) -> StageResult:
    decoded = decode.decode(state.data, state.name, options)
    return StageResult(
        lines=split_lines(decoded.text),
        edits=decoded.edits,
        problems=decoded.problems,
        encoding=decoded.encoding,
    )


STAGE = StageDef("ingest", RULES, run)
