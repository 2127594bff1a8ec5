"""Markdown structure that is no prose, found the same way by every stage that must leave it
alone: code fences (repair leaves the HTML in them, join makes each one a `code` block,
typography and lint skip them), inline code spans and front matter.

A fence follows CommonMark (0.31, 4.5): it closes on a line of the opener's character, at
least as long, with nothing after it; a fence never closed runs to the end of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from zhclean.tasks.core.data import load

DATA = load(__file__, "markdown")
FENCE_OPEN_RE = re.compile(DATA["fence_open"])
FENCE_CLOSE_RE = re.compile(DATA["fence_close"])
CODE_SPAN_RE = re.compile(DATA["code_span"])
FRONT_MATTER_FENCE_RE = re.compile(DATA["front_matter_fence"])
INDENTED_CODE_INDENT_RE = re.compile(DATA["indented_code_indent"])
FRONT_MATTER_KEY_RE = re.compile(DATA["front_matter_key"])
FRONT_MATTER_MAX_LINES: int = DATA["front_matter_max_lines"]


class CodeFences:
    """Walks a document's lines (or one-line blocks) in order and says which are code, the
    fences themselves too."""

    def __init__(self) -> None:
        self.open: str | None = None

    def step(self, text: str) -> tuple[bool, bool]:
        """Whether the line `text` is code, and whether it opens a fence. A text of several lines (a
        Markdown file's block) is code when its first line is, and leaves the fence as its last left it."""
        first, *rest = text.split("\n")
        code, opens = self._line(first)
        for line in rest:
            self._line(line)
        return code, opens

    def _line(self, text: str) -> tuple[bool, bool]:
        if self.open is not None:
            close = FENCE_CLOSE_RE.match(text)
            if (
                close
                and close.group("fence")[0] == self.open[0]
                and len(close.group("fence")) >= len(self.open)
            ):
                self.open = None
            return True, False
        opener = FENCE_OPEN_RE.match(text)
        if opener is None:
            return False, False
        self.open = opener.group("fence")
        return True, True


def code_flags(texts: Iterable[str]) -> list[bool]:
    """For each line of a document, in order, whether it is code."""
    fences = CodeFences()
    return [fences.step(text)[0] for text in texts]


def fence_parts(text: str) -> tuple[str, str]:
    """A fenced `code` block's info string and content (its lines between the fences, each with
    as much indentation taken off as the opening fence had, as CommonMark reads it). A text that
    opens with no fence is all content: an indented code block's lines each four columns less
    indented (CommonMark 4.4), a plain-text document's code as written."""
    lines = text.split("\n")
    opener = FENCE_OPEN_RE.match(lines[0])
    if opener is None:
        if all(INDENTED_CODE_INDENT_RE.match(line) or not line.strip() for line in lines):
            lines = [INDENTED_CODE_INDENT_RE.sub("", line, count=1) for line in lines]
        return "", "".join(line + "\n" for line in lines)  # else a plain-text document's code
    body = lines[1:]
    close = FENCE_CLOSE_RE.match(body[-1]) if body else None
    if close and close.group("fence")[0] == opener.group("fence")[0]:
        body = body[:-1]
    indent = len(opener.group("indent"))
    content = [line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in body]
    return opener.group("info").strip(), "".join(line + "\n" for line in content)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each inline code span of a line."""
    return [m.span() for m in CODE_SPAN_RE.finditer(text)] if "`" in text else []


def front_matter_span(texts: Sequence[str]) -> tuple[int, int] | None:
    """Where a leading front matter block stands: the indexes of its opening and closing `---`
    (blank lines may come before it), or None when there is none. The one reading of front
    matter's bounds: repair leaves the lines alone and join reads their fields."""
    first = next((i for i, text in enumerate(texts) if text.strip()), len(texts))
    if first == len(texts) or not FRONT_MATTER_FENCE_RE.match(texts[first]):
        return None
    for i in range(first + 1, min(len(texts), first + FRONT_MATTER_MAX_LINES + 2)):
        if FRONT_MATTER_FENCE_RE.match(texts[i]):
            inside = [t for t in texts[first + 1 : i] if t.strip()]
            return (first, i) if inside and FRONT_MATTER_KEY_RE.match(inside[0]) else None
    return None


def front_matter_lines(texts: Sequence[str]) -> int:
    """How many lines, from the document's start, a leading front matter block takes with its
    fences (blank lines before it included; 0: there is none)."""
    span = front_matter_span(texts)
    return span[1] + 1 if span else 0
