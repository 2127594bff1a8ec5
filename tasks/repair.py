"""Damage repair: mojibake, HTML remnants, converter pinyin, Unicode oddities (STYLE.md section 6).

Runs before script conversion: converting first rewrites garbage characters
and destroys the bytes a mojibake reversal needs. The rules run per line in
the order they are registered here: HTML first (a tag can hide a mojibake
boundary), then ftfy, pinyin readings (before any spacing rule), mojibake,
and in-line OCR duplicates; whole repeated lines are dropped last.
"""

from __future__ import annotations

# Imported for their side effect: each module registers its named `repair` rules, in this order.
# isort: off
from tasks import html_remnants, unicode_fixes, pinyin, mojibake, ocr_duplicates  # noqa: F401

# isort: on
from tasks.model import Edit, Line, Removed
from tasks.options import Options
from tasks.rules import apply_stage


def repair_lines(lines: list[Line], options: Options) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Apply every enabled `repair` rule to each line, then drop lines OCR repeated."""
    out: list[Line] = []
    edits: list[Edit] = []
    for line in lines:
        text, new = apply_stage("repair", line.text, options, line.number)
        edits.extend(new)
        out.append(Line(text, line.number))
    removed: list[Removed] = []
    if options.enabled("repair.ocr_duplicate_line"):
        out, removed = ocr_duplicates.drop_repeated_lines(out)
    return out, edits, removed
