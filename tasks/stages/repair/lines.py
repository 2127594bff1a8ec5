"""Repair applied line by line: every enabled repair rule, in the stage's order, then whole
lines that OCR scanned twice are dropped."""

from __future__ import annotations

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule, apply_rules
from zhclean.tasks.stages.repair import ocr_duplicates


def repair_lines(
    lines: list[Line], rules: tuple[Rule, ...], options: Options
) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Apply every enabled rule of `rules` to each line, then drop lines OCR repeated."""
    out: list[Line] = []
    edits: list[Edit] = []
    for line in lines:
        text, new = apply_rules(rules, "repair", line.text, options, line.number)
        edits.extend(new)
        out.append(Line(text, line.number))
    removed: list[Removed] = []
    if options.enabled(ocr_duplicates.OCR_DUPLICATE_LINE.name):
        out, removed = ocr_duplicates.drop_repeated_lines(out)
    return out, edits, removed
