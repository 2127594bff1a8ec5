"""Repair applied line by line: HTML comments that span lines and tags broken over two lines
are removed first (no line rule can see where they end), then every enabled repair rule runs,
in the stage's order (the HTML rules first, kept out of Markdown code and front matter:
`repair.html_in_code`), then whole lines that OCR scanned twice are dropped."""

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
    html = tuple(r for r in rules if r.name in html_remnants.LINE_RULES)
    rest = tuple(r for r in rules if r.name not in html_remnants.LINE_RULES)
    code = options.enabled(html_remnants.HTML_IN_CODE.name)
    kept = html_remnants.code_lines(lines) if code else set()
    for line in lines:
        if code:
            text, new = html_remnants.repair_html(html, line, options, line.number in kept)
        else:
            text, new = apply_rules(html, "repair", line.text, options, line.number)
        edits.extend(new)
        text, new = apply_rules(rest, "repair", text, options, line.number)
        edits.extend(new)
        out.append(Line(text, line.number))
    if options.enabled(ocr_duplicates.OCR_DUPLICATE_LINE.name):
        out, repeated = ocr_duplicates.drop_repeated_lines(out)
        removed.extend(repeated)
    return out, edits, removed
