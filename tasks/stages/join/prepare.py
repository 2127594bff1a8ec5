"""Raw lines to candidates: heading marks, caption arrows and stray glyphs taken off, blank lines
dropped (remembered on the line after), code fences, tables and container fences gathered whole.

Everything the join decision later reads about a line is found here, once, in the line's raw form."""

from __future__ import annotations

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import (
    CONTAINER_FENCE,
    DEFINITION,
    EAST_ASIAN,
    HEADING_MARK,
    INDENT,
    INDENTED_CODE,
    INDENTED_CODE_MAX_CJK,
    INDENTED_LINE,
    LIST_ITEM,
    STRAY_EDGE,
    STRAY_LINE,
    TABLE_ROW,
    TABLE_RULE_ROW,
)
from zhclean.tasks.stages.join.markup import code_candidate, setext_heading, table_goes_on
from zhclean.tasks.stages.join.rules import (
    DEFAULT_OPTIONS,
    RULE_ARROW,
    RULE_BARE_LEAD,
    RULE_CODE_FENCE,
    RULE_CONTAINER_FENCE,
    RULE_HEADING_MARK,
    RULE_INDENTED_CODE,
    RULE_INLINE_TAG_LINE,
    RULE_LIST_ITEM,
    RULE_PLAIN_CODE,
    RULE_STRAY,
    RULE_TABLE_ROW,
)
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl
from zhclean.tasks.text.markdown import FENCE_OPEN_RE, CodeFences


def prepare(
    lines: list[Line],
    options: Options = DEFAULT_OPTIONS,
    tables: bool = False,
    tags: dict[int, bool] | None = None,
) -> tuple[list[Candidate], list[Edit], list[Removed]]:
    """Strip heading marks, caption arrows and stray glyphs; drop blank lines.

    A disabled rule leaves its text in the line (a kept `##` is text, not a level). `tables`: the
    document is Markdown, whose table rows are kept whole (`join.table_row`). `tags`: the lines
    repair took HTML tags out of (`tag_lines`); one left empty by inline tags only is no blank line."""
    setext = tables and options.enabled(RULE_HEADING_MARK)
    indented_code = tables and options.enabled(RULE_INDENTED_CODE)
    containers = tables and options.enabled(RULE_CONTAINER_FENCE)
    plain = {} if tables or not options.enabled(RULE_PLAIN_CODE) else plain_code_runs(lines)
    tables = tables and options.enabled(RULE_TABLE_ROW)
    inline = (
        {n for n, block in (tags or {}).items() if not block}
        if options.enabled(RULE_INLINE_TAG_LINE)
        else set()
    )
    out: list[Candidate] = []
    edits: list[Edit] = []
    removed: list[Removed] = []
    strays = options.enabled(RULE_STRAY)
    fences = CodeFences() if options.enabled(RULE_CODE_FENCE) else None
    code: list[Line] = []  # the lines of the open code fence, as written
    block: list[Line] = []  # the lines of the open indented code block, as written
    held: list[Line] = []  # blank lines after them, which a next indented line takes in
    opened = (False, False)  # whether that block stood after a blank line, after a gap
    blank = gap = False
    previous: int | None = None
    until = -1  # the index of the last line of the plain-text code run being taken
    for index, line in enumerate(lines):
        if index <= until:
            continue
        if previous is not None and line.number > previous + 1:
            gap = True  # an earlier stage took the lines between out
        previous = line.number
        text = line.text.strip()
        if index in plain:
            until = plain[index]
            run = lines[index : until + 1]
            edits.append(Edit("join", RULE_PLAIN_CODE, text, text, line.number, 0))
            out.append(code_candidate(run, blank, gap))
            previous, blank, gap = run[-1].number, False, False
            continue
        if block:
            if text and INDENTED_CODE.match(line.text):
                block += [*held, line]
                held = []
                continue
            if not text:
                held.append(line)
                continue
            out.append(code_candidate(block, *opened))
            block, blank, held = [], bool(held), []
        if fences is not None and fences.step(line.text)[0]:
            if not code:
                edits.append(Edit("join", RULE_CODE_FENCE, text, text, line.number, 0))
            code.append(line)
            if fences.open is None:  # the closing fence
                out.append(code_candidate(code, blank, gap))
                code, blank, gap = [], False, False
            continue
        if not text and line.number in inline:
            if not blank:
                edits.append(Edit("join", RULE_INLINE_TAG_LINE, "", "", line.number, 0))
            continue  # only inline tags stood here: no paragraph ends
        if not text:
            blank = True
            continue
        if indented_code and (blank or not out) and opens_indented_code(line, out):
            edits.append(Edit("join", RULE_INDENTED_CODE, text, text, line.number, 0))
            block, opened = [line], (blank, gap)
            blank = gap = False
            continue
        if setext and not blank and not gap and setext_heading(out, line) is not None:
            edits.append(Edit("join", RULE_HEADING_MARK, text, "", line.number, 0))
            continue
        if containers and CONTAINER_FENCE.match(text):
            edits.append(Edit("join", RULE_CONTAINER_FENCE, text, text, line.number, 0))
            out.append(Candidate(text, line.number, after_blank=blank, after_gap=gap, container=True))
            blank = gap = False
            continue
        if tables and TABLE_ROW.search(text):
            last = out[-1] if out and out[-1].table and not blank and not gap else None
            if last is not None and table_goes_on(last.text, text):
                last.text, last.end = f"{last.text}\n{text}", line.number
                if last.text.count("\n") == 1:  # the alignment row: the rows are a table
                    edits.append(Edit("join", RULE_TABLE_ROW, text, text, line.number, 0))
                continue
            if TABLE_RULE_ROW.match(text):
                removed.append(Removed(text, RULE_TABLE_ROW, line.number))  # alignment of no table
                continue
            out.append(Candidate(text, line.number, after_blank=blank, after_gap=gap, table=True))
            blank = gap = False
            continue
        if strays and STRAY_LINE.match(cl.visible(text) or " "):
            removed.append(Removed(text, RULE_STRAY, line.number))
            continue
        for m in reversed(list(STRAY_EDGE.finditer(text)) if strays else []):
            removed.append(Removed(m.group(0).strip(), RULE_STRAY, line.number))
            text = (text[: m.start()] + text[m.end() :]).strip()
        level = None
        m = HEADING_MARK.match(text) if options.enabled(RULE_HEADING_MARK) else None
        rest = cl.visible(text[m.end() :]) if m else ""
        if m and strays and (STRAY_LINE.match(rest or " ") or (len(rest) == 1 and not cl.cjk_count(rest))):
            removed.append(Removed(text, RULE_STRAY, line.number))  # `# |`: a mark over debris
            continue
        if m:
            edits.append(Edit("join", RULE_HEADING_MARK, m.group(0), "", line.number, 0))
            level, text = len(m.group(1)), text[m.end() :].strip()
        if options.enabled(RULE_BARE_LEAD):
            text = bracket_lead_credit(text, line.number, edits)
        caption = False
        arrow = cl.caption_arrow(text) if options.enabled(RULE_ARROW) else None
        if arrow:
            edits.append(Edit("classify", RULE_ARROW, arrow.group(0), "", line.number, 0))
            text, caption = text[arrow.end() :].strip(), True
        if text:
            item = (
                level is None and options.enabled(RULE_LIST_ITEM) and LIST_ITEM.match(line.text) is not None
            )
            c = Candidate(text, line.number, level, caption or cl.strong_caption(text), blank, gap, item)
            c.indent = INDENT.match(line.text) is not None
            c.tagged = (tags or {}).get(line.number) is False
            if DEFINITION.match(line.text) and level is None:
                c.definition = line.text.rstrip()
            out.append(c)
            blank = gap = False
    while code and len(code) > 1 and not code[-1].text.strip():
        code.pop()  # a fence never closed runs to the end of the text, not of the file's blank lines
    if code:
        out.append(code_candidate(code, blank, gap))
    if block:
        out.append(code_candidate(block, *opened))
    return out, edits, removed


def bracket_lead_credit(text: str, number: int, edits: list[Edit]) -> str:
    """`本报讯 记者 某某 正文` -> `本报讯（记者 某某）正文`, the form the segmenter reads as a credit.

    Typography removes the spaces that alone tell the names from the body, so the
    credit is bracketed here, while they are still there.
    """
    span = bylines.bare_lead_credit(text)
    if not span:
        return text
    start, end, body = span
    after = f"{text[:start].rstrip()}（{text[start:end]}）"
    edits.append(Edit("join", RULE_BARE_LEAD, text[:body], after, number, 0))
    return after + text[body:]


def plain_code_runs(lines: list[Line]) -> dict[int, int]:
    """The runs of code in a plain-text document, as {index of the first line: index of the last}:
    lines next to each other (no blank line, none taken out between), none with Chinese, Japanese
    or Korean, one of them after the first indented (`join.plain_code`); a fence's lines are the
    fence's (`join.code_fence`)."""
    latin = [bool(line.text.strip()) and not EAST_ASIAN.search(line.text) for line in lines]
    runs: dict[int, int] = {}
    first = 0
    for i, line in enumerate(lines):
        if not latin[i]:
            first = i + 1
            continue
        if i + 1 < len(lines) and latin[i + 1] and lines[i + 1].number == line.number + 1:
            continue  # the run goes on
        run = lines[first : i + 1]
        if any(INDENTED_LINE.match(x.text) for x in run[1:]) and not any(
            FENCE_OPEN_RE.match(x.text) for x in run
        ):
            runs[first] = i
        first = i + 1
    return runs


def opens_indented_code(line: Line, out: list[Candidate]) -> bool:
    """Does `line` (after a blank line, or first) open an indented code block (CommonMark 4.4)? It
    is indented four columns, not under a list item (there it goes on with the item), and not mostly
    Chinese: an indented paragraph of Chinese is prose, whatever a Markdown renderer makes of it."""
    if not INDENTED_CODE.match(line.text) or (out and out[-1].list_item):
        return False
    visible = "".join(line.text.split())
    return cl.cjk_count(visible) <= INDENTED_CODE_MAX_CJK * len(visible)
