"""The join stage's rules, declared in one ordered list.

The order of the declarations is the order the stage lists (and documents) its rules in, so
it stays in one place rather than spread over the modules that apply them."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList

#: This stage's rules: decisions its code makes, declared so they can be listed and disabled.
RULES = RuleList()
DEFAULT_OPTIONS = Options()


RULE_STRAY = RULES.declare(
    "join.stray_glyph",
    "join",
    "OCR debris that belongs to no sentence removed: a line of bars or dots, a bar at a line's edge, "
    "a heading mark over debris, a single orphan character between sentences",
).name
RULE_HEADING_MARK = RULES.declare(
    "join.heading_mark",
    "join",
    "a Markdown heading mark (`## `, or a setext underline `===`/`---` under a paragraph, CommonMark 4.3) "
    "becomes the heading's level instead of text",
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
    "a Markdown list item (`- `, `* `, `1. `, also inside a block quote: `> - `) starts a block of its own: "
    "it never continues the line before",
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
RULE_INDENTED_CODE = RULES.declare(
    "join.indented_code",
    "join",
    "in a Markdown document an indented code block (lines indented four columns after a blank line, not "
    "under a list item, CommonMark 4.4) is one block of type `code`, its lines verbatim: not prose to join and "
    "typeset; an indented line that is mostly Chinese stays prose",
).name
RULE_PLAIN_CODE = RULES.declare(
    "join.plain_code",
    "join",
    "in a plain-text document a run of lines with no Chinese (nor Japanese or Korean) in which a line after the "
    "first is indented is code (a program, a shell session, a configuration): one block of type `code`, its lines "
    "verbatim, not prose to join and typeset",
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
