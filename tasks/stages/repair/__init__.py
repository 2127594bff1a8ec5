"""Repair: HTML remnants, ftfy (Chinese-safe), converter pinyin, mojibake, OCR duplicates.

Runs before script conversion: converting first rewrites garbage characters and
destroys the bytes a mojibake reversal needs. The rules run per line in this
order: HTML first (a tag can hide a mojibake boundary), then ftfy, pinyin
readings (before any spacing rule), mojibake, in-line OCR duplicates; whole
repeated lines are dropped last."""

from __future__ import annotations

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.repair import html_remnants, lines, mojibake, ocr_duplicates, pinyin, unicode_fixes

RULES = (
    *html_remnants.RULES,
    *unicode_fixes.RULES,
    *pinyin.RULES,
    *mojibake.RULES,
    *ocr_duplicates.RULES,
)


def run(state: State, options: Options) -> StageResult:
    out, edits, removed = repair_lines(state.lines, options)
    return StageResult(lines=out, edits=edits, removed=removed)


STAGE = StageDef("repair", RULES, run)


def repair_lines(lines_in: list[Line], options: Options) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Repair these lines with the stage's rules (for callers holding lines, not a state)."""
    return lines.repair_lines(lines_in, RULES, options)
