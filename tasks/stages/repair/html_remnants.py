"""HTML remnants in scraped text: tags removed, entities decoded (STYLE.md section 6).

A scraper that keeps markup leaves `</p>`, `<br/>` and `&nbsp;` in the text.
Entities are decoded with the stdlib `html` module; a non-breaking space
becomes a plain space (the spacing rules decide later whether it stays).
A closing tag whose `<` was eaten by a mojibake byte (`/p>`) is still markup.
An HTML comment that spans lines (a Markdown source keeps the English original of each
translated paragraph in `<!-- … -->`) is removed whole, before the line rules run: no
rule that reads one line at a time can see where it ends. So is a tag that an HTML
formatter broke before its `>` (`<a href="…"` at the end of a line, `>text</a` + `>` on
the next ones), which no line holds whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, apply_rule, enabled_rules
from zhclean.tasks.text import markdown

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "html")

#: Element names common in scraped article bodies; used only for tags that lost their `<`.
BROKEN_TAG_NAMES = "|".join(_DATA["broken_tag_names"])
#: Element names a tag may have (besides namespaced `o:p` and custom `x-box` ones).
TAG_NAMES = "|".join(sorted(_DATA["tag_names"], key=len, reverse=True))

#: One attribute as HTML writes it: an ASCII name, and a quoted or bare value. A comparison
#: (`如果 a<b 且 c>d 则`) has no such shape after its letter and is not a tag.
ATTRIBUTE = r"""\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?"""

TAG = re.compile(
    r"<!--.*?-->"
    rf"|</?(?:(?i:{TAG_NAMES})|[A-Za-z][A-Za-z0-9]*[:-][A-Za-z0-9:-]+)(?![A-Za-z0-9])(?:{ATTRIBUTE})*\s*/?>"
    rf"|(?<![<A-Za-z0-9/])/(?:{BROKEN_TAG_NAMES})>"
)

#: An entity, possibly escaped again by a second pass of the scraper (`&amp;nbsp;`).
ENTITY = re.compile(_DATA["entity"])
DOUBLE_ESCAPE = re.compile(_DATA["double_escape"])

#: Elements whose content is code, not text: removed with their content (within one line).
NON_TEXT_ELEMENT = re.compile(_DATA["non_text_element"], re.IGNORECASE | re.DOTALL)

#: Entities that decode to a space-like character become a plain space.
SPACE_LIKE: str = _DATA["space_like"]


def decode_entity(m: re.Match[str]) -> str:
    """The character an entity stands for; unknown entities are left alone."""
    entity = DOUBLE_ESCAPE.sub("&", m.group(0))
    decoded = html.unescape(entity)
    if decoded == entity:
        return m.group(0)
    return "".join(" " if ch in SPACE_LIKE else ch for ch in decoded)


HTML_ENTITY = RULES.regex(
    "repair.html_entity",
    "repair",
    ENTITY,
    decode_entity,
    "HTML entities (&nbsp; &amp; &#8220;) decoded",
    needles=("&",),
)
#: Every form of TAG ends in `>`.
HTML_NON_TEXT = RULES.regex(
    "repair.html_script",
    "repair",
    NON_TEXT_ELEMENT,
    "",
    "<script> and <style> elements removed with their code",
    needles=("</",),
)
HTML_TAG = RULES.regex("repair.html_tag", "repair", TAG, "", "HTML tags and comments removed", needles=(">",))

HTML_TAG_LINES = RULES.declare(
    "repair.html_tag_lines",
    "repair",
    "an HTML tag broken before its `>` (`<a href=…` on one line, `>` on the next) removed, outside code blocks",
)
#: The start of a tag that its line does not close: a known element name, whole attributes.
OPEN_TAG_TAIL = re.compile(rf"</?(?:(?i:{TAG_NAMES}))(?![A-Za-z0-9])(?:{ATTRIBUTE})*\s*$")
#: The rest of that tag at the start of the next line.
TAG_END_HEAD = re.compile(r"^\s*/?>")

HTML_COMMENT_LINES = RULES.declare(
    "repair.html_comment_lines",
    "repair",
    "an HTML comment that spans lines (`<!--` … `-->`) removed whole, outside code blocks",
)

HTML_IN_CODE = RULES.declare(
    "repair.html_in_code",
    "repair",
    "HTML in Markdown code (a fenced block's lines, inline code `<template>`), in front matter (`title: <kbd>`) "
    "or escaped (`\\<kbd>`) is text the page shows, no remnant: the HTML rules leave it; tags taken out "
    "from between two code spans leave a space, so the spans stay two",
)
#: The rules that take HTML out of a line, which `HTML_IN_CODE` keeps away from code.
LINE_RULES = frozenset({HTML_ENTITY.name, HTML_NON_TEXT.name, HTML_TAG.name})
#: A tag or entity escaped with a backslash: Markdown shows it as written.
ESCAPED = re.compile(_DATA["escaped"])

COMMENT_OPEN = "<!--"
COMMENT_CLOSE = "-->"
#: A Markdown code fence: a comment marker between two fences is code, not markup.
CODE_FENCE = re.compile(_DATA["code_fence"])


def _comment_end(lines: list[Line], i: int) -> tuple[int, int] | None:
    """Where the comment opened on line `i` ends: (line index, offset after `-->`), or None
    when it opens and closes on line `i` (the tag rule's case) or never closes."""
    start = lines[i].text.find(COMMENT_OPEN)
    if start < 0 or COMMENT_CLOSE in lines[i].text[start + len(COMMENT_OPEN) :]:
        return None
    for j in range(i + 1, len(lines)):
        if CODE_FENCE.match(lines[j].text):
            return None
        end = lines[j].text.find(COMMENT_CLOSE)
        if end >= 0:
            return j, end + len(COMMENT_CLOSE)
    return None


def _cut(line: Line, kept: str, gone: str, out: list[Line], log: tuple[list[Edit], list[Removed]]) -> None:
    """Keep what is left of a line a comment began or ended in; a line left with nothing
    stays as a blank line (the comment stood between blocks, and its raw lines must not
    read as a page break that a paragraph could be joined across)."""
    edits, removed = log
    if kept.strip():
        edits.append(Edit("repair", HTML_COMMENT_LINES.name, gone, "", line.number))
        out.append(Line(kept, line.number))
    else:
        removed.append(Removed(line.text.strip(), HTML_COMMENT_LINES.name, line.number))
        out.append(Line("", line.number))


def drop_comment_lines(lines: list[Line]) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Remove every HTML comment that spans lines, outside code fences."""
    out: list[Line] = []
    log: tuple[list[Edit], list[Removed]] = ([], [])
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if CODE_FENCE.match(line.text):
            fenced = not fenced
        end = None if fenced else _comment_end(lines, i)
        if end is None:
            out.append(line)
            i += 1
            continue
        j, after = end
        start = line.text.find(COMMENT_OPEN)
        _cut(line, line.text[:start], line.text[start:], out, log)
        for inner in lines[i + 1 : j]:
            if inner.text.strip():
                log[1].append(Removed(inner.text.strip(), HTML_COMMENT_LINES.name, inner.number))
            out.append(Line("", inner.number))
        closing = lines[j]
        _cut(closing, closing.text[after:], closing.text[:after], out, log)
        i = j + 1
    return out, *log


def drop_broken_tags(lines: list[Line]) -> tuple[list[Line], list[Edit]]:
    """Remove every tag broken over two lines before its `>`, outside code fences."""
    out = list(lines)
    edits: list[Edit] = []
    fenced = False
    for i in range(len(out) - 1):
        if CODE_FENCE.match(out[i].text):
            fenced = not fenced
        tail = None if fenced else OPEN_TAG_TAIL.search(out[i].text)
        head = TAG_END_HEAD.match(out[i + 1].text) if tail else None
        if tail is None or head is None:
            continue
        edits.append(Edit("repair", HTML_TAG_LINES.name, tail.group(), "", out[i].number, tail.start()))
        edits.append(Edit("repair", HTML_TAG_LINES.name, head.group(), "", out[i + 1].number, 0))
        out[i] = Line(out[i].text[: tail.start()], out[i].number)
        out[i + 1] = Line(out[i + 1].text[head.end() :], out[i + 1].number)
    return out, edits


def code_lines(lines: list[Line]) -> set[int]:
    """The raw numbers of the lines that are Markdown code (a fence's lines) or front matter."""
    texts = [line.text for line in lines]
    head = markdown.front_matter_lines(texts)
    flags = markdown.code_flags(texts)
    return {line.number for i, (line, code) in enumerate(zip(lines, flags, strict=True)) if code or i < head}


def kept_spans(text: str) -> list[tuple[int, int]]:
    """The parts of a prose line the HTML rules leave: inline code and escaped tags."""
    return (
        markdown.code_spans(text) + [m.span() for m in ESCAPED.finditer(text)]
        if "`" in text or "\\" in text
        else []
    )


def repair_html(rules: tuple[Rule, ...], line: Line, options: Options, whole: bool) -> tuple[str, list[Edit]]:
    """Run the HTML rules of `rules` over a line, except inside code (`whole`: the line is code or
    front matter); each change held back is recorded as `repair.html_in_code`."""
    text = line.text
    edits: list[Edit] = []
    for rule in enabled_rules(rules, "repair", options):
        spans = [(0, len(text))] if whole else kept_spans(text)
        if not spans or rule.name not in LINE_RULES:
            text, new = apply_rule(rule, text, options, line.number)
            edits.extend(new)
            continue
        if rule.find is None or not rule.might_change(text):
            continue
        changes = list(rule.find(text, options))
        inside = [c for c in changes if any(c.start < end and start < c.end for start, end in spans)]
        for c in inside:
            edits.append(
                Edit(
                    "repair",
                    HTML_IN_CODE.name,
                    text[c.start : c.end],
                    text[c.start : c.end],
                    line.number,
                    c.start,
                )
            )
        outside = apart([c for c in changes if c not in inside], text)
        text, new = apply_rule(
            Rule(rule.name, rule.stage, rule.description, _given(outside)), text, options, line.number
        )
        edits.extend(new)
    return text, edits


def apart(changes: list[Change], text: str) -> list[Change]:
    """Tags taken out from between two code spans (`` `a`</span><span>`b` ``) leave a space: with
    nothing between them, the spans' backticks would touch and read as one span."""
    out = sorted(changes, key=lambda c: c.start)
    first = 0
    for k, c in enumerate(out):
        if k > first and out[k - 1].end != c.start:
            first = k
        last = k + 1 == len(out) or out[k + 1].start != c.end
        gone = all(x.replacement == "" for x in out[first : k + 1])
        if (
            last
            and gone
            and text[out[first].start - 1 : out[first].start] == "`"
            and text[c.end : c.end + 1] == "`"
        ):
            out[k] = Change(c.start, c.end, " ")
    return out


def _given(changes: list[Change]) -> Callable[[str, Options], list[Change]]:
    return lambda _text, _options: changes
