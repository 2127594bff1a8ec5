"""Repair applied line by line: HTML comments that span lines and tags broken over two lines
are removed first (no line rule can see where they end), then every enabled repair rule runs,
in the stage's order, then whole lines that OCR scanned twice are dropped."""

from __future__ import annotations

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule, apply_rules
from zhclean.tasks.stages.repair import html_remnants, ocr_duplicates


def repair_lines(
    lines: list[Line], rules: tuple[Rule, ...], options: Options
) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Apply every enabled rule of `rules` to each line, then drop lines OCR repeated."""
    out: list[Line] = []
    edits: list[Edit] = []
    removed: list[Removed] = []
    if options.enabled(html_remnants.HTML_COMMENT_LINES.name):
        lines, edits, removed = html_remnants.drop_comment_lines(lines)
    if options.enabled(html_remnants.HTML_TAG_LINES.name):
        lines, broken = html_remnants.drop_broken_tags(lines)
        edits.extend(broken)
    for line in lines:
        text, new = apply_rules(rules, "repair", line.text, options, line.number)
        edits.extend(new)
        out.append(Line(text, line.number))
    if options.enabled(ocr_duplicates.OCR_DUPLICATE_LINE.name):
        out, repeated = ocr_duplicates.drop_repeated_lines(out)
        removed.extend(repeated)
    return out, edits, removed
