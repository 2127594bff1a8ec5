"""Markup left in Markdown sources: template macros and HTML link lines (STYLE.md section 5).

A page written for a site generator carries instructions for the generator that are no
text: MDN's `{{jsSidebar("JavaScript Guide")}}` (the sidebar), a Hugo shortcode line
`{{% capture overview %}}`, a VitePress template line `# {{ $frontmatter.title }}` (the title the
generator fills in) or directive `[[toc]]` (the table of contents it builds). A line made only of such macros leaves the body; a macro
inside a sentence (`{{jsxref("Proxy")}} 对象`) stands for a word and stays.

A line of raw HTML whose only text is the text of its links (`<div><a href=…>观看本节视频
讲解</a></div>`, a button `<a class="button" href=…>安装</a>`) is a link or a button, not a
paragraph. The repair stage has already taken the tags out of the line, so the evidence is
its record: the tags it removed from the line, at their offsets. A line with text outside
its links (`<p class="tip">官方指南……</p>`, a sentence with a link in it) stays.

Lines inside code (a fenced or an indented block) are never touched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit, Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found

RULES = RuleList()
MACRO_RULE = RULES.declare(
    "furniture.markup_macro",
    "furniture",
    'a line made only of template macros (`{{jsSidebar("…")}}`, `{{% capture overview %}}`), template '
    "expressions (`# {{ $frontmatter.title }}`) or directives (`[[toc]]`) leaves the body",
).name
LINK_RULE = RULES.declare(
    "furniture.html_link_line",
    "furniture",
    "a line of raw HTML whose only text is the text of its links (a link or a button) leaves the body",
).name

_DATA = load(__file__, "markup")
MACRO = re.compile(_DATA["macro"])
#: A template expression (`{{ $frontmatter.title }}`) or a generator directive (`[[toc]]`).
TEMPLATE = re.compile(f"{_DATA['template_expression']}|{_DATA['directive']}")
HEADING_MARK = re.compile(_DATA["heading_mark"])
CODE_FENCE = re.compile(_DATA["code_fence"])
INDENTED_CODE = re.compile(_DATA["indented_code"])
LINK_OPEN = re.compile(_DATA["link_open"], re.IGNORECASE)
LINK_CLOSE = re.compile(_DATA["link_close"], re.IGNORECASE)
#: The repair rule whose record names the tags taken out of a line.
TAG_RULE = "repair.html_tag"


def in_code(lines: list[Line]) -> set[int]:
    """Indices of lines inside a code fence (the fences included) or an indented code block."""
    code: set[int] = set()
    fenced = False
    for i, line in enumerate(lines):
        fence = CODE_FENCE.match(line.text) is not None
        if fenced or fence or INDENTED_CODE.match(line.text):
            code.add(i)
        if fence:
            fenced = not fenced
    return code


def macro_line(text: str) -> bool:
    """Only macros (at least one) and space on the line; or only template expressions and
    directives, under a heading mark or not (a heading whose only words the generator fills in)."""
    if MACRO.search(text) is not None and not MACRO.sub("", text).strip():
        return True
    body = HEADING_MARK.sub("", text, count=1)
    return TEMPLATE.search(body) is not None and not TEMPLATE.sub("", body).strip()


def link_only(text: str, tags: list[Edit]) -> bool:
    """Was the line, before its tags were taken out, a line of HTML whose only text sits inside
    links? `tags` are the repair records of this line, in the order of their offsets."""
    if not tags or tags[0].offset != 0 or any(t.offset is None for t in tags) or not text.strip():
        return False
    outside, inside, depth, at = [], [], 0, 0  # `at`: characters of `text` consumed
    consumed_tags = 0
    for tag in tags:
        before = (tag.offset or 0) - consumed_tags - at  # text between the previous tag and this one
        if before < 0:
            return False  # records that do not fit the line: decide nothing
        (inside if depth else outside).append(text[at : at + before])
        at += before
        consumed_tags += len(tag.before)
        if LINK_OPEN.match(tag.before):
            depth += 1
        elif LINK_CLOSE.match(tag.before):
            depth = max(0, depth - 1)
    (inside if depth else outside).append(text[at:])
    return not "".join(outside).strip() and bool("".join(inside).strip())


def _tags_by_line(edits: Iterable[Edit]) -> dict[int, list[Edit]]:
    out: dict[int, list[Edit]] = defaultdict(list)
    for e in edits:
        if e.line is not None:
            out[e.line].append(e)
    return {n: sorted(es, key=lambda e: e.offset or 0) for n, es in out.items()}


def find_markup(lines: list[Line], taken: set[int], earlier: Iterable[Edit] = ()) -> Found:
    """Macro-only lines and link-only HTML lines outside code; `earlier` are the edits of the
    stages before (the repair stage's tag records among them)."""
    found = Found()
    repaired = _tags_by_line(earlier)
    code = in_code(lines)
    for i, line in enumerate(lines):
        if i in taken or i in code or not line.text.strip():
            continue
        edits = repaired.get(line.number, [])
        if macro_line(line.text):
            found.claims.append(Claim(i, MACRO_RULE))
        elif edits and all(e.kind == TAG_RULE for e in edits) and link_only(line.text, edits):
            found.claims.append(Claim(i, LINK_RULE))
    return found
