"""The figures and patterns the join rules read, from `data/paragraphs.toml`, in one place.

Kept apart from the code so each module of the stage reads the same loaded table, and a threshold
is found (and tested, tests/thresholds) under one name."""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.text import classify as cl
from zhclean.tasks.text.charsets import IDEOGRAPH_CLASS
from zhclean.tasks.text.korean import HANGUL_CLASS

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
#: One `key: value` line inside front matter (`text.markdown.front_matter_span` finds the block).
FRONT_MATTER_FIELD = re.compile(_DATA["markdown"]["front_matter_field"])
#: The key of front matter whose value is the document's title.
FRONT_MATTER_TITLE: str = _DATA["markdown"]["front_matter_title"]
#: Markdown syntax other than headings (list items, fences, links, inline code, front matter):
#: a document with this many such lines is written in Markdown.
MARKDOWN_SYNTAX = re.compile(_DATA["markdown"]["syntax"])
MARKDOWN_MIN_LINES: int = _DATA["markdown"]["min_syntax_lines"]
#: A line that opens a Markdown block of its own with no blank line before it (a quote, a table row).
BLOCK_START = re.compile(_DATA["markdown"]["block_start"])
#: A setext underline (`===` level 1, `---` level 2); group 1 is set for `=`.
SETEXT_UNDERLINE = re.compile(_DATA["markdown"]["setext_underline"])
#: A custom container's fence (`::: warning 警告`, `:::tip`, `:::`).
CONTAINER_FENCE = re.compile(_DATA["markdown"]["container_fence"])
#: A line of an indented code block (four columns of indentation).
INDENTED_CODE = re.compile(_DATA["markdown"]["indented_code"])
#: Above this share of ideographs, an indented first line opens a paragraph, not code.
INDENTED_CODE_MAX_CJK: float = _DATA["markdown"]["indented_code_max_cjk_share"]
#: A table row, pipes at its edges or not.
TABLE_ROW = re.compile(_DATA["markdown"]["table_row"])
#: In plain text, a line with none of these may be code (`paragraphs.toml` [plain_code]): the
#: ideographs, the blocks of CJK marks, hiragana and katakana, Hangul, full-width forms.
EAST_ASIAN = re.compile(f"[{IDEOGRAPH_CLASS}\u3000-\u30ff{HANGUL_CLASS}\uff00-\uffef]")
#: An indented line: in a run of lines without Chinese, it makes the run code.
INDENTED_LINE = re.compile(_DATA["plain_code"]["indented"])
#: A block quote's line: a quote, never an unmarked heading.
QUOTE_LINE = re.compile(_DATA["markdown"]["quote_line"])
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
