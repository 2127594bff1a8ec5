"""Raw lines to blocks: one block per paragraph, joining page/column breaks (STYLE.md section 4).

Runs after furniture (running heads and page numbers are gone, so the two
halves of a broken sentence are neighbours) and before typography. Whether a
line continues the previous one is decided from the text alone: sentence-final
punctuation, length and shape, unclosed quotes or brackets, what the next line
starts with, and whether the two characters meeting at the break form a pair
that is common elsewhere in the same document. Line numbers never decide.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Block, Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl
from zhclean.tasks.text.markdown import CodeFences

#: This stage's rules: decisions its code makes, declared so they can be listed and disabled.
RULES = RuleList()
DEFAULT_OPTIONS = Options()

_DATA = load(__file__, "paragraphs")
#: A Markdown heading mark: its length is the heading's level.
HEADING_MARK = re.compile(_DATA["heading_mark"])
#: A line made only of OCR debris: bars, dots, lone arrows.
STRAY_LINE = re.compile(_DATA["stray_line"])
#: A bar left at the edge of a line by OCR of a column rule.
STRAY_EDGE = re.compile(_DATA["stray_edge"])
#: The junction pair `x|y` is a word when it occurs this often elsewhere in the document...
JUNCTION_MIN_COUNT: int = _DATA["junction"]["min_count"]
#: ...and accounts for this share of the rarer character's occurrences.
JUNCTION_MIN_SHARE: float = _DATA["junction"]["min_share"]
#: What ends the short first clause of a line that is the tail of a word cut by a break
#: (`务队。`); an opener such as `近日，` after a heading is not one.
SENTENCE_STOPS = cl.SENTENCE_STOPS
#: Such a tail is at most this many characters.
WORD_TAIL_MAX_CHARS: int = _DATA["word_tail_max_chars"]
#: A last clause this short (in CJK characters) is a word the break cut.
CUT_CLAUSE_MAX_CJK: int = _DATA["cut_clause_max_cjk"]
#: A document with this many Markdown-marked headings marks its headings: there an unmarked
#: heading-shaped line with a comma inside is a paragraph cut by a column break.
MARKED_HEADINGS_MIN: int = _DATA["marked_headings_min"]
#: A line ending on one of these introduces a list: an enumerated line after it is an item.
LIST_INTRO: str = _DATA["list_intro"]
#: A line that starts with one of these goes on with the line above, whatever that line's shape.
CLAUSE_OPENERS: str = _DATA["clause_openers"]
#: Clause commas (an enumeration comma `、` is common in headings and does not count).
CLAUSE_COMMA = cl.CLAUSE_COMMA
#: Characters of context kept on each side of a join in the edit log.
EDIT_CONTEXT: int = _DATA["edits"]["context"]
#: A Markdown list item (`- `, `* `, `+ `, `1. ` after any indentation); a definition (`- : `) is not.
LIST_ITEM = re.compile(_DATA["markdown"]["list_item"])
#: MDN's definition line (`  - : 定义`) under a term's list item.
DEFINITION = re.compile(_DATA["markdown"]["definition"])
#: The fence around front matter (`---`), and one `key: value` line inside it.
FRONT_MATTER_FENCE = re.compile(_DATA["markdown"]["front_matter_fence"])
FRONT_MATTER_FIELD = re.compile(_DATA["markdown"]["front_matter_field"])
#: Front matter closes within this many lines, or the `---` is a thematic break.
FRONT_MATTER_MAX_LINES: int = _DATA["markdown"]["front_matter_max_lines"]
#: The key of front matter whose value is the document's title.
FRONT_MATTER_TITLE: str = _DATA["markdown"]["front_matter_title"]
#: Markdown syntax other than headings (list items, fences, links, inline code, front matter):
#: a document with this many such lines is written in Markdown.
MARKDOWN_SYNTAX = re.compile(_DATA["markdown"]["syntax"])
MARKDOWN_MIN_LINES: int = _DATA["markdown"]["min_syntax_lines"]
#: A line that opens a Markdown block of its own with no blank line before it (a quote, a table row).
BLOCK_START = re.compile(_DATA["markdown"]["block_start"])
#: A custom container's fence (`::: warning 警告`, `:::tip`, `:::`).
CONTAINER_FENCE = re.compile(_DATA["markdown"]["container_fence"])
#: A table row, pipes at its edges or not.
TABLE_ROW = re.compile(_DATA["markdown"]["table_row"])
#: The repair rules that record the HTML tags they took out, a tag's name, and the block tags.
TAG_RULES: frozenset[str] = frozenset(_DATA["html"]["tag_rules"])
TAG_NAME = re.compile(_DATA["html"]["tag_name"])
BLOCK_TAGS: frozenset[str] = frozenset(_DATA["html"]["block_tags"])
#: A table's alignment row.
TABLE_RULE_ROW = re.compile(_DATA["markdown"]["table_rule_row"])
#: A list item that is only a link to an anchor of the same page: an entry of its table of contents.
ANCHOR_ITEM = re.compile(_DATA["markdown"]["anchor_item"])
#: A run of at least this many such items is a table of contents.
ANCHOR_CONTENTS_MIN: int = _DATA["markdown"]["anchor_contents_min"]
#: Prose lines right before a blank line that stop mid-sentence: at least this share of them
#: means the blank lines are layout (a print or OCR'd page), not paragraph ends.
LAYOUT_SHARE: float = _DATA["blank_line"]["layout_share"]
#: A heading-shaped line seen this often, by a page break, is a running head.
RUNNING_HEAD_MIN_REPEATS: int = _DATA["running_head"]["min_repeats"]
#: The indent a printed paragraph opens with (an ideographic space, two spaces or more).
INDENT = re.compile(_DATA["indent"]["mark"])
#: On an indented page, a line narrower than this share of the column ended its paragraph.
SHORT_SHARE: float = _DATA["indent"]["short_share"]
#: The lines above indented lines stop mid-sentence this often or more: a hanging indent.
HANGING_SHARE: float = _DATA["indent"]["hanging_share"]
#: A document with this many indented lines (and printed lines cut mid-sentence) opens its paragraphs with one.
INDENT_MIN_LINES: int = _DATA["indent"]["min_lines"]
#: Where a printed line stops that a paragraph never ends on: a clause comma.
CUT_AFTER: str = _DATA["blank_line"]["cut_after"]
#: A line is whole, not wrapped, when at least `min_longer` lines are `ratio` times as long.
WHOLE_LINE_RATIO: float = _DATA["whole_line"]["ratio"]
WHOLE_LINE_MIN_LONGER: int = _DATA["whole_line"]["min_longer"]

RULE_STRAY = RULES.declare(
    "join.stray_glyph",
    "join",
    "OCR debris that belongs to no sentence removed: a line of bars or dots, a bar at a line's edge, "
    "a heading mark over debris, a single orphan character between sentences",
).name
RULE_HEADING_MARK = RULES.declare(
    "join.heading_mark",
    "join",
    "a Markdown heading mark (`## `) becomes the heading's level instead of text",
).name
RULE_BARE_LEAD = RULES.declare(
    "byline.bare_lead_credit",
    "join",
    "the unbracketed credit of a news lead bracketed (`本报讯 记者 某某 正文` -> `本报讯（记者 某某）正文`) "
    "while the spaces that delimit it are still there",
).name
RULE_ARROW = RULES.declare(
    "caption.arrow",
    "classify",
    "the photo arrow opening a caption (`▲`, `▼`) removed; the line is a caption",
).name
RULE_PAGE_BREAK = RULES.declare(
    "join.page_break",
    "join",
    "a paragraph cut by a page or column break joined: the line stops mid-sentence and the next one goes on",
).name
RULE_HEADING_BREAK = RULES.declare(
    "join.heading_break",
    "join",
    "a heading printed over two lines joined into one heading",
).name
RULE_BLANK_LINE = RULES.declare(
    "join.blank_line",
    "join",
    "a blank line ends a paragraph in born-digital text: a join across it needs a page break "
    "between the halves (a line taken out as a running head or page number) or a document whose "
    "blank lines are print layout (the lines before them often stop mid-sentence; never one with a code fence)",
).name
RULE_LIST_ITEM = RULES.declare(
    "join.list_item",
    "join",
    "a Markdown list item (`- `, `* `, `1. `) starts a block of its own: it never continues the line before",
).name
RULE_DEFINITION = RULES.declare(
    "join.definition",
    "join",
    "MDN's definition (`- term` over `  - : definition`) goes with its term's item, one block, on a line of "
    "its own as written: CommonMark nests it under the term, so it is neither the term's words going on "
    "nor a list item apart",
).name
RULE_CONTAINER_FENCE = RULES.declare(
    "join.container_fence",
    "join",
    "in a Markdown document a custom container's fence (`::: warning 警告`, `:::tip`, the closing `:::`; "
    "VitePress, Docusaurus, Pandoc's fenced divs) is a line of its own: the text inside is not run into it",
).name
RULE_TAGGED_LINE = RULES.declare(
    "join.tagged_line",
    "join",
    'in a Markdown document a line whose words stood in inline HTML (`<span class="caption">示例 12-4：…</span>`, '
    "an example with `<kbd>`) is no heading, whatever its shape: Markdown marks its headings (CommonMark reads the "
    "line as a paragraph)",
).name
RULE_CODE_FENCE = RULES.declare(
    "join.code_fence",
    "join",
    "a Markdown code fence is one block of type `code`, its raw lines verbatim from fence to fence (blank lines, "
    "indentation, trailing spaces kept): a `#` there is a comment, not a heading, and no line is joined",
).name
RULE_ANCHOR_CONTENTS = RULES.declare(
    "join.anchor_contents",
    "join",
    "a Markdown table of contents (a list whose every item links to a heading of the same page, "
    "`- [标题](#标题)`) moved to the document's metadata (`contents`), out of the text",
).name
RULE_INDENT = RULES.declare(
    "join.indent",
    "join",
    "in a printed page whose paragraphs open with an indent, an indented line opens a paragraph and an "
    "unindented line goes on with the one before, whatever the shape of either",
).name
RULE_RUNNING_HEAD = RULES.declare(
    "join.running_head",
    "join",
    "a short line printed again and again next to page breaks (a line taken out as a page number "
    "beside it), or printed once between a sentence the page break cut and the page number, is a "
    "running head, a column name: removed, and the text runs on across it",
).name
RULE_SOFT_BREAK = RULES.declare(
    "join.soft_break",
    "join",
    "in a Markdown document, a line right under a paragraph line (no blank line between) goes on "
    "with the same paragraph, as Markdown renders it, unless it opens a block of its own",
).name
RULE_WHOLE_LINE = RULES.declare(
    "join.whole_line",
    "join",
    "in born-digital text whose lines are whole paragraphs (several lines run to more than twice its "
    "length), a line that stops without a sentence end (a long title, a date, an event line) did not stop "
    "at a wrap: the line under it starts a block of its own",
).name
RULE_SHORT_LINE = RULES.declare(
    "join.short_line",
    "join",
    "on a printed page whose paragraphs open with an indent, a line that stops well short of the column "
    "ended its paragraph: the unindented line after it (a heading, the next article's title) does not go on with it",
).name
RULE_HANGING_INDENT = RULES.declare(
    "join.hanging_indent",
    "join",
    "on a page whose indents hang (a list item's wrapped lines indented under its flush first line), an "
    "indented line right under a line that stops mid-sentence goes on with it, whatever the shape of either",
).name
RULE_CUE_TEXT = RULES.declare(
    "join.cue_text",
    "join",
    "in a subtitle file (cue timings taken out), each cue's words are one paragraph: never a heading, "
    "never joined across the cue's end",
).name
RULE_TABLE_ROW = RULES.declare(
    "join.table_row",
    "join",
    "in a Markdown document a table (a row of cells between `|`, its alignment row `| --- |` under it, the "
    "rows after) is one block of type `table`, its rows as written (edge bars kept: no OCR debris); a row "
    "with no alignment row under it is a block of its own, an alignment row of no table is removed",
).name
RULE_INLINE_TAG_LINE = RULES.declare(
    "join.inline_tag_line",
    "join",
    "a line that held only inline HTML tags (a link, a table cell), taken out by repair, is no blank line: "
    "the text above and below goes on; one that held a block tag (`<tr>`, `<p>`) still ends the block",
).name
RULE_FRONT_MATTER = RULES.declare(
    "join.front_matter",
    "join",
    "a Markdown document's front matter (a leading `---` block of `key: value` lines, read as YAML: a nested "
    "value stays nested) is metadata, not a paragraph; its `title` becomes the document's top heading",
).name


@dataclass(slots=True)
class Candidate:
    """One non-blank line after marks are stripped: the unit the joiner works on."""

    text: str
    number: int
    level: int | None = None
    caption: bool = False
    #: A blank line stands between this line and the one before.
    after_blank: bool = False
    #: A line an earlier stage took out (a running head, a page number) stands between them.
    after_gap: bool = False
    list_item: bool = False
    code: bool = False
    #: The raw line opens with an indent.
    indent: bool = False
    #: A Markdown table row, or a whole table (its rows one a line, the alignment row second).
    table: bool = False
    #: The raw line a candidate of several lines (code, a table) ends on.
    end: int | None = None
    #: Repair took inline HTML tags out of the line (`<span>…</span>`).
    tagged: bool = False
    #: A custom container's fence (`::: warning`, `:::`): a line of its own.
    container: bool = False
    #: An MDN definition line, as written (its indentation kept).
    definition: str | None = None


class PairStats:
    """Character and adjacent-pair counts of one document, for the junction test."""

    def __init__(self, texts: list[str]) -> None:
        self.chars: Counter[str] = Counter()
        self.pairs: Counter[str] = Counter()
        for text in texts:
            run = re.sub(r"\s+", "", text)
            self.chars.update(run)
            self.pairs.update(run[i : i + 2] for i in range(len(run) - 1))

    def is_word(self, left: str, right: str) -> bool:
        """True when `left`+`right` is a pair this document uses often: a word cut by the break."""
        if not (cl.CJK_CHAR.match(left) and cl.CJK_CHAR.match(right)):
            return False
        count = self.pairs[left + right]
        rarer = min(self.chars[left], self.chars[right]) or 1
        return count >= JUNCTION_MIN_COUNT and count / rarer >= JUNCTION_MIN_SHARE


def front_matter(
    lines: list[Line], options: Options = DEFAULT_OPTIONS
) -> tuple[int, dict[str, Any], Candidate | None, list[Edit], list[Removed]]:
    """A leading `---` block of `key: value` lines: how many lines it takes, its fields, and its
    `title` as a top heading (the key is the edit's `before`). `(0, {}, None, [], [])` when there is none.

    The fields are read as YAML (every scalar a string, as written), so a nested value stays nested
    (`l10n:` over `  sourceCommit: …`, `tags:` over `  - 客户端错误`); front matter that is no valid
    YAML is read line by line, each `key: value` a field."""
    body = [(i, line) for i, line in enumerate(lines) if line.text.strip()]
    if not options.enabled(RULE_FRONT_MATTER) or not body or not FRONT_MATTER_FENCE.match(body[0][1].text):
        return 0, {}, None, [], []
    first = body[0][0]
    close = next(
        (
            i
            for i in range(first + 1, min(len(lines), first + 2 + FRONT_MATTER_MAX_LINES))
            if FRONT_MATTER_FENCE.match(lines[i].text)
        ),
        None,
    )
    inside = [line for line in lines[first + 1 : close] if line.text.strip()] if close else []
    if not inside or not FRONT_MATTER_FIELD.match(inside[0].text.strip()):
        return 0, {}, None, [], []
    fields: dict[str, Any] = {}
    title: Candidate | None = None
    title_key = ""
    edits: list[Edit] = []
    removed = [Removed(lines[first].text.strip(), RULE_FRONT_MATTER, lines[first].number)]
    removed.append(Removed(lines[close].text.strip(), RULE_FRONT_MATTER, lines[close].number))
    for line in inside:
        m = FRONT_MATTER_FIELD.match(line.text.strip())
        key, value = (m.group(1), m.group(2).strip().strip("'\"")) if m else ("", line.text.strip())
        top = FRONT_MATTER_FIELD.match(line.text) is not None  # not a key nested under another
        if m and top and key.lower() == FRONT_MATTER_TITLE and value and title is None:
            title_key = key
            title = Candidate(value, line.number, 1)
            edits.append(
                Edit("join", RULE_FRONT_MATTER, line.text[: line.text.index(value)], "", line.number, 0)
            )
            continue
        if m:
            fields[key] = value
        removed.append(Removed(line.text.strip(), RULE_FRONT_MATTER, line.number))
    parsed = yaml_fields("\n".join(line.text for line in lines[first + 1 : close]))
    if parsed is not None:
        fields = {k: v for k, v in parsed.items() if not (title is not None and k == title_key)}
    return close + 1, fields, title, edits, removed


def yaml_fields(text: str) -> dict[str, Any] | None:
    """Front matter read as YAML with every scalar a string (`2` and `2024-01-01` as written), or
    None when it is no mapping of YAML."""
    try:
        parsed = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds no objects
    except yaml.YAMLError:
        return None
    return {str(k): v for k, v in parsed.items()} if isinstance(parsed, dict) else None


def tag_lines(edits: Iterable[Edit]) -> dict[int, bool]:
    """Raw lines the repair stage took HTML tags out of, each with whether one was a block tag."""
    out: dict[int, bool] = {}
    for e in edits:
        if e.kind in TAG_RULES and e.line is not None:
            names = {m.group(1).lower() for m in TAG_NAME.finditer(e.before)}
            out[e.line] = out.get(e.line, False) or bool(names & BLOCK_TAGS)
    return out


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
    containers = tables and options.enabled(RULE_CONTAINER_FENCE)
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
    blank = gap = False
    previous: int | None = None
    for line in lines:
        if previous is not None and line.number > previous + 1:
            gap = True  # an earlier stage took the lines between out
        previous = line.number
        text = line.text.strip()
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
    return out, edits, removed


def code_candidate(lines: list[Line], blank: bool, gap: bool) -> Candidate:
    """A code fence as one candidate: its raw lines verbatim, fences included (`Block`, type `code`)."""
    text = "\n".join(line.text for line in lines)
    return Candidate(text, lines[0].number, after_blank=blank, after_gap=gap, code=True, end=lines[-1].number)


def table_goes_on(table: str, row: str) -> bool:
    """Does `row`, right under the rows `table`, belong to the same Markdown table? The alignment
    row under a first row makes one (GFM); rows under a table's alignment row go on with it."""
    rows = table.split("\n")
    if len(rows) == 1:
        return TABLE_RULE_ROW.match(row) is not None
    return TABLE_RULE_ROW.match(rows[1]) is not None


def anchor_contents(
    candidates: list[Candidate], options: Options = DEFAULT_OPTIONS
) -> tuple[list[Candidate], list[dict[str, str]]]:
    """Runs of list items that only link to anchors of the same page: the page's table of
    contents, returned as entries (title, anchor) and taken out of the candidates."""
    if not options.enabled(RULE_ANCHOR_CONTENTS):
        return candidates, []
    keep: list[Candidate] = []
    entries: list[dict[str, str]] = []
    run: list[Candidate] = []

    def flush() -> None:
        if len(run) >= ANCHOR_CONTENTS_MIN:
            for c in run:
                m = ANCHOR_ITEM.match(c.text)
                assert m is not None
                entries.append({"title": m.group(1).strip(), "anchor": m.group(2), "line": str(c.number)})
        else:
            keep.extend(run)
        run.clear()

    for c in candidates:
        if c.list_item and ANCHOR_ITEM.match(c.text):
            run.append(c)
            continue
        flush()
        keep.append(c)
    flush()
    return keep, entries


def markdown_document(lines: list[Line], fields: dict[str, str] | None = None) -> bool:
    """Written in Markdown: front matter, or enough lines of Markdown syntax other than headings
    (a table's alignment row `| --- | --- |` is such a line)."""
    if fields:
        return True
    syntax = (MARKDOWN_SYNTAX.search(line.text) or TABLE_RULE_ROW.match(line.text) for line in lines)
    return sum(1 for found in syntax if found) >= MARKDOWN_MIN_LINES


def cut_line(text: str) -> bool:
    """A line that stops where a printed line would: inside a word or after a clause comma."""
    v = cl.visible(text)
    return bool(v) and not cl.ends_sentence(text) and bool(cl.CJK_CHAR.match(v[-1]) or v[-1] in CUT_AFTER)


def print_layout(candidates: list[Candidate]) -> bool:
    """Are the document's blank lines print layout? The prose lines right before a blank line
    (not headings, dated notes, list items or code) stop inside a word or after a clause comma
    often enough (an OCR'd page puts a blank line after every printed line)."""
    prose = cut = 0
    for c, nxt in itertools.pairwise(candidates):
        if not nxt.after_blank or c.level is not None or c.code or c.list_item or c.caption:
            continue
        if (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text)) or cl.DATE_START.match(c.text):
            continue  # a heading or a dated note (`2020年1月1日 施行`), not prose
        if BLOCK_START.match(c.text) or TABLE_ROW.search(c.text):
            continue  # a Markdown table row or quote: a block of its own, no printed line
        prose += 1
        cut += cut_line(c.text)
    return prose > 0 and cut / prose >= LAYOUT_SHARE


def running_heads(
    candidates: list[Candidate], options: Options = DEFAULT_OPTIONS
) -> tuple[list[Candidate], list[Removed]]:
    """Heading-shaped lines next to a page break (a line taken out right before or after it),
    below the first text, repeated verbatim or cutting a sentence in two: running heads, removed;
    the line after one stands after a page break."""
    if not options.enabled(RULE_RUNNING_HEAD):
        return candidates, []
    counts = Counter(cl.visible(c.text) for c in candidates if c.level is None)
    first_prose = next((k for k, c in enumerate(candidates) if not cl.heading_like(c.text)), len(candidates))
    for c in candidates[:first_prose]:
        counts[cl.visible(c.text)] = 0  # a line above the first text is a title, even when repeated
    keep: list[Candidate] = []
    removed: list[Removed] = []
    head = False
    for k, c in enumerate(candidates):
        nxt = candidates[k + 1] if k + 1 < len(candidates) else None
        by_break = c.after_gap or (nxt is not None and nxt.after_gap)
        repeated = counts[cl.visible(c.text)] >= RUNNING_HEAD_MIN_REPEATS
        heading = c.level is None and not c.code and cl.heading_like(c.text)
        if heading and by_break and (repeated or interrupts(candidates, k)):
            removed.append(Removed(c.text, RULE_RUNNING_HEAD, c.number))
            head = True
            continue
        if head:
            c.after_gap = True
            head = False
        keep.append(c)
    return keep, removed


def interrupts(candidates: list[Candidate], k: int) -> bool:
    """Does the heading-shaped line `k` stand inside a sentence a page break cut? The prose line
    before it stops where only a printed line stops (inside a word, after a clause comma), and a
    line taken out as a page number follows it: a heading never opens in the middle of a
    sentence, so the line is the page's running head, even printed once. (With the page number
    above it, the line could as well be the sentence going on, so that order decides nothing.)"""
    if k == 0 or k + 1 >= len(candidates) or not candidates[k + 1].after_gap or candidates[k].after_gap:
        return False  # the head stands between the cut text and the page number taken out
    prev = candidates[k - 1]
    heading = cl.heading_like(prev.text) and not CLAUSE_COMMA.search(prev.text)
    prose = prev.level is None and not prev.code and not prev.caption and not heading
    return prose and cl.byline_names(prev.text) is None and cut_line(prev.text)


def hangs_under(prev: Block, c: Candidate) -> bool:
    """On a page of hanging indents, is `c` a wrapped line of the item `prev`? It is indented, right
    under it (no blank line), and `prev` is an item (`三、…`) or stops mid-sentence."""
    if not c.indent or c.after_blank or c.level is not None or c.code or c.list_item or c.caption:
        return False
    item = cl.is_enumerated(prev.text) or cut_line(prev.text)
    return prev.level is None and prev.type != "caption" and item


def cue_blocks(lines: list[Line]) -> tuple[list[Block], list[Edit], list[Removed]]:
    """A subtitle file's text: each cue's words (the lines between two removed timings, or two
    blank lines) one paragraph, its lines joined as a player shows them, one under the other."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    previous: int | None = None
    for line in lines:
        text = line.text.strip()
        gap = previous is None or line.number > previous + 1
        previous = line.number
        if not text:
            previous = None  # a blank line ends the cue
            continue
        if blocks and not gap:
            a = blocks[-1].text
            joined = a + glue(a, text) + text
            tail, head = a[-EDIT_CONTEXT:], text[:EDIT_CONTEXT]
            edits.append(
                Edit(
                    "join",
                    RULE_CUE_TEXT,
                    f"{tail}\n{head}",
                    f"{tail}{glue(a, text)}{head}",
                    line.number,
                    len(a) - len(tail),
                )
            )
            blocks[-1] = Block("paragraph", joined, blocks[-1].start, line.number)
        else:
            blocks.append(Block("paragraph", text, line.number, line.number))
    return blocks, edits, []


def display_width(text: str) -> int:
    """Columns the line takes in print: a wide (CJK) character two, anything else one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def column_width(candidates: list[Candidate], width: Callable[[str], int]) -> float:
    """The width a full printed line reaches: the median of the wider half of the lines (headings,
    last lines of paragraphs and page furniture are the narrower ones)."""
    widths = sorted(width(c.text) for c in candidates if not c.code)
    upper = widths[len(widths) // 2 :]
    return upper[len(upper) // 2] if upper else 0.0


def char_count(text: str) -> int:
    return len(text.strip())


def short_lines(candidates: list[Candidate]) -> set[int]:
    """Raw numbers of the lines that stop well short of the column, measured both in print width
    and in characters (a typesetter's line of Latin words holds more characters in the same width;
    a line cut by character count holds fewer columns): short by both, the paragraph ended there."""
    columns = [(w, column_width(candidates, w)) for w in (display_width, char_count)]
    return {
        c.number
        for c in candidates
        if not c.code and all(w(c.text) < SHORT_SHARE * column for w, column in columns)
    }


def indented_layout(candidates: list[Candidate]) -> bool:
    """Does the document open its printed paragraphs with an indent? Enough indented lines, and the
    lines followed by an unindented one stop mid-line often enough (a column, not whole paragraphs),
    and the indents are no hanging ones."""
    if sum(c.indent for c in candidates) < INDENT_MIN_LINES:
        return False
    ends = [
        c
        for c, nxt in itertools.pairwise(candidates)
        if not nxt.indent and nxt.level is None and not nxt.code
    ]
    prose = [
        c
        for c in ends
        if c.level is None
        and not c.code
        and not (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text))
    ]
    if not prose or sum(cut_line(c.text) for c in prose) / len(prose) < LAYOUT_SHARE:
        return False
    return not hanging_indent(candidates)


def hanging_indent(candidates: list[Candidate]) -> bool:
    """Are the indents hanging (an item's wrapped lines indented under its flush first line)? The
    prose lines right above an indented line stop mid-sentence often enough: a paragraph indent
    follows the end of the paragraph before, a hanging one the middle of the item it goes on."""
    above = [
        c
        for c, nxt in itertools.pairwise(candidates)
        if nxt.indent
        and not nxt.after_blank
        and c.level is None
        and not c.code
        and not (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text))
    ]
    return bool(above) and sum(cut_line(c.text) for c in above) / len(above) >= HANGING_SHARE


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


def lone_mark(text: str) -> bool:
    """A line that is one punctuation mark (`。`, `、`): OCR put the end of a clause on its own line."""
    v = cl.visible(text)
    return len(v) == 1 and unicodedata.category(v).startswith("P")


def marks_headings(candidates: list[Candidate]) -> bool:
    return sum(c.level is not None for c in candidates) >= MARKED_HEADINGS_MIN


def heading_shape(text: str, marked: bool = False) -> bool:
    """`cl.heading_like`, and in a document that marks its headings, no clause comma inside
    an unmarked line (`改造完成后，各小区……负责日常` is prose cut by a column break)."""
    if not cl.heading_like(text):
        return False
    if not marked or not CLAUSE_COMMA.search(text) or cl.is_enumerated(text):
        return True
    return cl.subtitle_text(text) is not None or cl.byline_names(text) is not None


def never_continues(c: Candidate) -> bool:
    """Lines that start something of their own: marked headings, captions, bylines, subtitles, code."""
    if c.level is not None or c.caption or cl.byline_names(c.text) is not None or c.code:
        return True
    return cl.heading_like(c.text) and cl.subtitle_text(c.text) is not None


def held_apart(c: Candidate, blank_is_boundary: bool, options: Options = DEFAULT_OPTIONS) -> str | None:
    """The rule that keeps `c` from continuing the block before it, whatever the text says:
    a list item starts a block of its own; in born-digital text (`blank_is_boundary`) a blank
    line ends a paragraph unless a line taken out as a page break stands between the halves."""
    if c.list_item and options.enabled(RULE_LIST_ITEM):
        return RULE_LIST_ITEM
    if blank_is_boundary and c.after_blank and not c.after_gap:
        return RULE_BLANK_LINE
    return None


def continues(prev: Block, c: Candidate, stats: PairStats, marked: bool = False) -> bool:
    """Does candidate `c` carry on the sentence that block `prev` left unfinished?"""
    a, b = prev.text, c.text
    if never_continues(c) or cl.ends_sentence(a) or cl.byline_names(a) is not None:
        return False
    if a.rstrip()[-1:] in LIST_INTRO and cl.is_enumerated(b):
        return False  # `如下：` + `一、……`: the list's first item
    if b.lstrip()[:1] in CLAUSE_OPENERS:
        return True  # `……最高法院院长` + `、行政法院院长……`: a wrap cut before the mark
    if cl.heading_like(a) and cl.subtitle_text(a) is not None:
        return False
    if cl.visible_len(b) == 1 and (cl.cjk_count(b) == 1 or lone_mark(b)):
        return True  # a single character or mark cut off the end of a clause
    if cl.number_cut(a, b) and not cl.is_enumerated(a):
        return True
    if not heading_shape(a, marked) and prev.level is None:
        # prose that stops mid-sentence, unless it ends with a signature and a title follows
        return not (cl.trailing_signature(a) and cl.heading_like(b))
    if cl.unclosed(a) or cl.opens_with_closer(b):
        return True
    if prev.level is not None:
        return False
    head = cl.first_clause(b)
    ends_there = cl.visible(b)[len(head) : len(head) + 1] in SENTENCE_STOPS
    tail = len(head) <= WORD_TAIL_MAX_CHARS and ends_there
    if not cl.heading_like(b) and tail and cl.visible_len(b) > len(head) + 2:
        return True  # `务队。队员们……`: a word's tail ending a sentence, then the text goes on
    if len(cl.clauses(a)) >= 2 and cl.cjk_count(cl.last_clause(a)) <= CUT_CLAUSE_MAX_CJK:
        return True
    if stats.is_word(a.rstrip()[-1], b.lstrip()[0]):
        return True
    return cl.is_enumerated(a) and cl.heading_like(b) and not cl.is_enumerated(b) and not cl.is_name_line(b)


def whole_line(prev: Block, c: Candidate, widths: dict[int, int]) -> bool:
    """Did `prev`, one line, stop on its own rather than at a wrap width? `c` stands right under
    it (no blank line, no page break between), and enough lines of the document (`widths`:
    visible length per raw line) are far longer than it: no wrap width that short is in use.
    A block already joined from several lines is a wrapped paragraph: no evidence either way."""
    if c.after_blank or c.after_gap or prev.level is not None or prev.start != prev.end:
        return False
    width = widths.get(prev.end, 0)
    return sum(w > WHOLE_LINE_RATIO * width for w in widths.values()) >= WHOLE_LINE_MIN_LONGER


def soft_break(prev: Block, c: Candidate) -> bool:
    """In Markdown, does `c` go on with the paragraph `prev` (a soft line break)? It stands right
    under it, and neither is a marked heading, a caption or code, nor does `c` open a block of its
    own (a list item, a quote, a table row, a rule)."""
    if c.after_blank or c.after_gap or c.level is not None or c.list_item or c.caption or c.code:
        return False
    return prev.level is None and prev.type != "caption" and BLOCK_START.match(c.text) is None


def definition_under(prev: Block | None, c: Candidate, options: Options = DEFAULT_OPTIONS) -> bool:
    """Is `c` MDN's definition of the term item `prev`, right under it?"""
    if c.definition is None or prev is None or c.after_blank or c.after_gap:
        return False
    return options.enabled(RULE_DEFINITION) and LIST_ITEM.match(prev.text) is not None


def definition_joined(prev: Block, c: Candidate) -> tuple[Block, Edit]:
    """The term's block with its definition on a line of its own, as written."""
    assert c.definition is not None
    tail, head = prev.text[-EDIT_CONTEXT:], c.definition
    edit = Edit(
        "join", RULE_DEFINITION, f"{tail}\n{head}", f"{tail}\n{head}", c.number, len(prev.text) - len(tail)
    )
    return Block("paragraph", f"{prev.text}\n{c.definition}", prev.start, c.number, prev.level), edit


def glue(a: str, b: str) -> str:
    """What goes between the halves: a space between two Latin or digit runs, else nothing."""
    return " " if re.match(r"[A-Za-z0-9]", b) and re.search(r"[A-Za-z0-9]$", a) else ""


def join_kind(prev: Block, c: Candidate) -> str:
    """The rule a join of `c` onto `prev` is: a heading broken in two, or a paragraph cut by a break."""
    a, b = prev.text.rstrip(), c.text.lstrip()
    text = a + glue(a, b) + b
    # an enumerated heading cut on a function word (`二、……她是` + `……的“捍卫者”`) is still one
    opens_heading = prev.type == "heading" or (cl.is_enumerated(a) and cl.ends_on_function_word(a))
    both_heads = opens_heading and cl.heading_like(b) and cl.heading_like(text)
    return RULE_HEADING_BREAK if both_heads else RULE_PAGE_BREAK


def merge(prev: Block, c: Candidate) -> tuple[Block, Edit]:
    """Join `c` onto `prev`; the edit records the boundary (the text around the break)."""
    a, b = prev.text.rstrip(), c.text.lstrip()
    space = glue(a, b)
    kind = join_kind(prev, c)
    tail, head = a[-EDIT_CONTEXT:], b[:EDIT_CONTEXT]
    edit = Edit("join", kind, f"{tail}\n{head}", f"{tail}{space}{head}", c.number, len(a) - len(tail))
    block_type = "heading" if kind == RULE_HEADING_BREAK else "paragraph"
    return Block(block_type, a + space + b, prev.start, c.number, prev.level), edit


def open_block(blocks: list[Block]) -> int | None:
    """Index of the block a new line may continue: the last non-caption, past trailing captions."""
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].type != "caption":
            return i
    return None


def new_block(c: Candidate, marked: bool = False) -> Block:
    if c.caption:
        kind = "caption"
    elif c.list_item:
        kind = "paragraph"  # a list item is text, however short
    elif c.level is not None or heading_shape(c.text, marked):
        kind = "heading"
    else:
        kind = "paragraph"
    return Block(kind, c.text, c.number, c.number, c.level)


def join_lines(
    lines: list[Line],
    options: Options,
    metadata: dict[str, Any] | None = None,
    cued: bool = False,
    earlier: Iterable[Edit] = (),
) -> tuple[list[Block], list[Edit], list[Removed]]:
    """Lines to blocks: page and column breaks and broken headings joined, stray glyphs removed.

    `metadata`, when given, gains the front matter and whether the document is Markdown. `cued`:
    the document is a subtitle file whose cue timings furniture took out (`cue_blocks`). `earlier`:
    the edits of the stages before (the HTML tags repair took out, `tag_lines`)."""
    if cued and options.enabled(RULE_CUE_TEXT):
        return cue_blocks(lines)
    skip, fields, title, edits, removed = front_matter(lines, options)
    markdown = markdown_document(lines, fields)
    candidates, more_edits, more_removed = prepare(lines[skip:], options, markdown, tag_lines(earlier))
    edits += more_edits
    removed += more_removed
    candidates, contents = anchor_contents(candidates, options)
    candidates, heads = running_heads(candidates, options)
    removed += heads
    if metadata is not None and contents:
        metadata["contents"] = contents
    if metadata is not None and skip:
        metadata["front_matter"] = fields
    if metadata is not None and markdown:
        metadata["format"] = "markdown"
    stats = PairStats([c.text for c in candidates])
    marked = marks_headings(candidates)
    layout = print_layout(candidates) and not any(c.code for c in candidates)  # fenced code: born digital
    boundary = options.enabled(RULE_BLANK_LINE) and not layout
    # a printed page whose blank lines are layout is no born-digital Markdown, whatever its marks
    # (inline code quoted in a printed article): its indents open paragraphs, its lines wrap
    indented = options.enabled(RULE_INDENT) and (layout or not markdown) and indented_layout(candidates)
    soft = options.enabled(RULE_SOFT_BREAK) and boundary and markdown
    whole = options.enabled(RULE_WHOLE_LINE) and boundary and not markdown and not indented
    widths = {c.number: cl.visible_len(c.text) for c in candidates if not c.code}
    short = short_lines(candidates) if indented and options.enabled(RULE_SHORT_LINE) else set()
    hanging = options.enabled(RULE_HANGING_INDENT) and not markdown and hanging_indent(candidates)
    opened: set[int] = set()  # blocks opened by an indented line
    blocks: list[Block] = [new_block(title)] if title else []
    code: set[int] = set()
    for c in candidates:
        i = open_block(blocks)
        prev = blocks[i] if i is not None else None
        if c.code or c.table or c.container:
            code.add(len(blocks))  # code, a table, a container's fence: a block of its own, as written
            kind = "code" if c.code else "table" if "\n" in c.text else "paragraph"
            blocks.append(Block(kind, c.text, c.number, c.end or c.number))
            continue
        if i in code:
            prev = None  # nothing continues a line of code or a table row
        if definition_under(prev, c, options) and prev is not None and i not in code:
            blocks[i], edit = definition_joined(prev, c)
            edits.append(edit)
            continue
        if soft and prev is not None and i not in code and soft_break(prev, c):
            blocks[i], edit = merge(prev, c)
            blocks[i].type = "paragraph"
            edits.append(Edit("join", RULE_SOFT_BREAK, edit.before, edit.after, edit.line, edit.offset))
            continue
        if hanging and prev is not None and hangs_under(prev, c):
            blocks[i], edit = merge(prev, c)  # the item's wrapped line
            blocks[i].type = "paragraph"
            edits.append(Edit("join", RULE_HANGING_INDENT, edit.before, edit.after, edit.line, edit.offset))
            continue
        joins = prev is not None and continues(prev, c, stats, marked) and options.enabled(join_kind(prev, c))
        apart = held_apart(c, boundary, options) if joins else None
        if joins and not apart and whole and prev is not None and whole_line(prev, c, widths):
            apart = RULE_WHOLE_LINE
        if (
            indented
            and prev is not None
            and i is not None
            and not (c.after_blank and not c.after_gap and boundary)
        ):
            runs_on = (
                not c.indent and not joins and i in opened and not never_continues(c) and not c.list_item
            )
            stopped = i in opened and prev.end in short
            if stopped and not c.indent and c.level is None and (joins or runs_on) and not apart:
                apart, runs_on = RULE_SHORT_LINE, False  # the paragraph ended on its short last line
            if c.indent and joins and not apart:
                apart = RULE_INDENT  # an indent opens a paragraph
            elif runs_on and (not cl.ends_sentence(prev.text) or not cl.heading_like(c.text)):
                merged, edit = merge(prev, c)  # no indent: the paragraph goes on
                blocks[i] = Block("paragraph", merged.text, merged.start, merged.end, merged.level)
                edits.append(Edit("join", RULE_INDENT, edit.before, edit.after, edit.line, edit.offset))
                continue
        if prev is not None and apart:
            a, b = prev.text.rstrip()[-EDIT_CONTEXT:], c.text.lstrip()[:EDIT_CONTEXT]
            kept = f"{a}\n\n{b}"  # the boundary the text alone would have joined, kept
            edits.append(Edit("join", apart, kept, kept, c.number, len(prev.text.rstrip()) - len(a)))
        elif prev is not None and joins:
            blocks[i], edit = merge(prev, c)
            edits.append(edit)
            continue
        orphan = cl.visible_len(c.text) == 1 and c.level is None and len(candidates) > 1
        if orphan and options.enabled(RULE_STRAY):
            removed.append(Removed(c.text, RULE_STRAY, c.number))  # an orphan between sentences
            continue
        block = new_block(c, marked)
        tagged = markdown and c.tagged and block.type == "heading" and c.level is None
        if tagged and options.enabled(RULE_TAGGED_LINE):
            edits.append(Edit("join", RULE_TAGGED_LINE, c.text, c.text, c.number, 0))
            block.type = "paragraph"  # words in inline HTML: Markdown marks its headings
        if indented and c.indent and c.level is None and not c.caption:
            block = Block(
                "paragraph", block.text, block.start, block.end, block.level
            )  # an indent opens prose
            opened.add(len(blocks))
        blocks.append(block)
    return blocks, edits, removed
