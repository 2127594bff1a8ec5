"""Protected spans: the parts of a text that are not prose (STYLE.md section 2, "What is not
Chinese prose is left alone").

Code, URLs, e-mail addresses, paths, `#anchors`, HTML tags and entities, and Markdown
syntax (line markers, table bars, the `](target)` of links and images, code fences) are
copied as they are: no mark is changed and no space is inserted inside them. The API is
two functions:

- `protected_spans(text)`: sorted, non-overlapping `(start, end, kind)` triples; `kind` is
  `TOKEN` (a call in code, a path: a word of the text, spaced like a Latin word), `ADDRESS`
  (URL, e-mail address, inline code: a token that keeps the one space that sets it off) or `MARKUP` (HTML tags and
  entities, Markdown syntax: structure, which no space is added next to; and Japanese, another
  language written with the same characters, and Korean, which no space is added next to
  either: `text.languages`).
- `mask(text)`: the text with each span replaced by as many placeholder characters of its
  kind (same length, so offsets hold), and a function that puts the spans back.

A placeholder is a private-use character: no rule reads it as Chinese, Latin, a digit or a
mark, so a rule sees a protected span as an opaque token.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zhclean.tasks.text.languages import other_language_spans

#: The kinds of span, and the placeholder that stands in for each character of one in `mask`.
TOKEN = "\ue000"
MARKUP = "\ue001"
ADDRESS = "\ue002"
PLACEHOLDERS = TOKEN + MARKUP + ADDRESS

_TRAIL = ".,;:!?)\"'"
_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_STOP = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’《》"

#: Whole lines that are Markdown structure: code fences, thematic breaks / front matter fences.
_FENCE_LINE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}).*$|^[ \t]*(?:-{3,}|\*{3,}|_{3,}|\+{3,})[ \t]*$", re.M)
#: Markdown line markers (group 1, after the indentation): headings, list items, block quotes;
#: MDN's definition item (`- : 定义`) keeps its colon: `- :` is its marker.
_LINE_MARKER = re.compile(
    r"^[ \t]*((?:>[ \t]?)*>|[-*+][ \t]+:(?=[ \t]+\S)|(?:#{1,6}|[-*+]|\d{1,3}[.)])(?=[ \t]+\S))", re.M
)
#: The indentation of a list line inside a block (MDN's `  - : 定义` under its term): it nests the item.
_NESTED_INDENT = re.compile(r"(?<=\n)[ \t]+(?=(?:[-*+]|\d{1,3}[.)])[ \t])")
#: A table row's bars with the spaces that pad its cells.
_TABLE_BARS = re.compile(r"[ \t]*\|[ \t]*")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)

_MARKUP_PATTERNS = [
    # HTML tags (not a generic: `List<String>`) and entities
    r"(?<![A-Za-z0-9])</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>",
    r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    # the target of a Markdown link or image, and the `!` of an image; a heading's `{#id}`
    r"!(?=\[)",
    r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)",
    r"\{#[A-Za-z0-9_-]+\}",
    # a custom container's fence and its kind (`::: warning`, `:::tip`, VitePress, Docusaurus, Pandoc's
    # fenced divs): three colons are no punctuation of a sentence
    r"(?<![:\w]):{3,}(?:[ \t]*[A-Za-z][\w-]*)?(?![\w:])",
    # a template's call: a Hugo shortcode (`{{< note >}}`, `{{% alert title="注意" %}}`) or an MDN
    # macro (`{{Glossary("URL")}}`): its quotes and spaces are the template's syntax
    r"\{\{[<%][^\n]*?[>%]\}\}|\{\{[A-Za-z_][^{}\n]*\}\}",
    # a hashtag set off by a space (`#话题 后面`) or closed by a second # (`#话题#`): kept whole,
    # and the space that ends it stays
    r"(?<!\S)#[^\s#]+(?=\s)|(?<![A-Za-z0-9&#])#[^\s#]{1,30}#",
    # a mention ended by a space (`@张三 你好`, Weibo's and most sites' syntax): kept whole, and the
    # space that ends it stays, or the name would run on into the words after it (not an e-mail
    # address's or a path's `@`: `a@b.cn`, `node_modules/@babel/core`)
    r"(?<![A-Za-z0-9._%+/@-])@[^\s@/]{1,30}(?=[ \t])",
]
_MARKUP_RE = re.compile("|".join(f"(?:{p})" for p in _MARKUP_PATTERNS))
_ADDRESS_PATTERNS = [
    # inline code (one or more backticks, closed by the same run)
    r"(`+)(?!`).*?(?<!`)\1(?!`)",
    # URLs: ASCII, or, where the host, a label of it, a path segment or an anchor begins with
    # another script, up to a space or Chinese punctuation (an internationalised domain name,
    # `http://例子.测试/`, IANA's test domain; `https://zh.wikipedia.org/wiki/网页#基於WebKit`)
    rf"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)(?:[!-~]*(?<=[/#=.])(?=[^\x00-\x7f])[^\s<>{_CJK_STOP}]*|[!-~]+)",
    # e-mail addresses
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
]
_ADDRESS_RE = re.compile("|".join(f"(?:{p})" for p in _ADDRESS_PATTERNS))
#: What every match of `_ADDRESS_RE` holds, one per alternative (inline code's backtick, a URL's
#: `://` or `www.`, an e-mail's `@`): a text without them holds no address, and is not scanned.
_ADDRESS_NEEDLES = ("`", "://", "www.", "@")
_QUOTED = r"'[^'\n]*'|\"[^\"\n]*\""
_BOUNDARY = r"(?:(?<=^)|(?<=[\s(\[（【“‘\"']))"
_PATTERNS = [
    # a call or a subscript in code: `f('x')`, `window.addEventListener('message')`, `d['键']`
    # (Chinese only inside a string literal: `例如Firefox(浏览器)` is prose)
    rf"(?<![A-Za-z0-9_$.])[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*"
    rf"(?:(?:\((?:[^()\s'\"{_IDEO}]|\s(?=\S)|{_QUOTED})*\)|\[(?:{_QUOTED}|\d+)\])"
    rf"(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*)+",
    # paths and anchors that start a token (after a space, an opening mark or the start of the
    # text) may hold Chinese: `wiki/网页#基於WebKit`, `Web/CSS/网格-模板-列`, `page.html#标题`,
    # `/wiki/hello网页` (after a leading `/`, the second segment starts in ASCII: `/home/與` is
    # a path and a word)
    rf"{_BOUNDARY}[A-Za-z0-9_.-]{{2,}}/[^\s{_CJK_STOP}]*",
    rf"{_BOUNDARY}/[A-Za-z0-9_.-]{{2,}}/[A-Za-z0-9_.-][^\s{_CJK_STOP}]*",
    rf"{_BOUNDARY}[A-Za-z0-9_./-]+#[^\s{_CJK_STOP}]+",
    # ASCII paths anywhere: `./docs/API.md`, `~/x`, `/etc/passwd`, `/home` (lower case: `/Mollie`
    # after Chinese is a separator and a name), `build/temp/`, `.git/hooks` (two segments with a
    # letter; a fraction `1/2` is not a path)
    r"(?<![A-Za-z0-9_./~-])(?:(?:~|\.{1,2})/[A-Za-z0-9_.@+*-]+(?:/[A-Za-z0-9_.@+*-]*)*"
    r"|/[a-z_.*][A-Za-z0-9_.@+*-]*(?:/[A-Za-z0-9_.@+*-]*)*"
    r"|(?=[A-Za-z0-9_.@+-]*[A-Za-z])[A-Za-z0-9_.@+-]+(?:/[A-Za-z0-9_.@+*-]+)+/?)",
    # a generic type in code: `List<String>`, `Vec<u8>`; a glob: `*.log`
    r"(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_.]*<[A-Za-z0-9_ ,.<>?]*>(?![A-Za-z0-9_])",
    r"(?<![A-Za-z0-9_*])\*\.[A-Za-z0-9]+",
]
_SPAN_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.M)


#: A text without one of these holds no protected span (a cheap first test: most lines of a
#: corpus are plain prose).
_MAYBE = re.compile(
    r"[`<&!\]{}/@#(\[|*~_]|:::|^[ \t]*(?:[-+>]|\d{1,3}[.)])|[A-Za-z0-9]\.[A-Za-z]|---|www\.", re.M
)


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """Start, end and kind (`TOKEN`, `ADDRESS` or `MARKUP`) of each protected span of `text`, sorted,
    without overlaps."""
    spans = [(start, end, MARKUP) for start, end in other_language_spans(text)]
    if not _MAYBE.search(text):
        return spans
    spans += [(*m.span(), MARKUP) for m in _FENCE_LINE.finditer(text) if m.end() > m.start()]
    spans += [(*m.span(1), MARKUP) for m in _LINE_MARKER.finditer(text)]
    spans += [(*m.span(), MARKUP) for m in _NESTED_INDENT.finditer(text)]
    spans += [(*m.span(), MARKUP) for m in _MARKUP_RE.finditer(text)]
    for row in _TABLE_ROW.finditer(text):
        spans += [
            (row.start() + m.start(), row.start() + m.end(), MARKUP)
            for m in _TABLE_BARS.finditer(row.group())
        ]
    spans += [(start, end, ADDRESS) for start, end in address_spans(text)]
    spans += [(start, end, TOKEN) for start, end in _tokens(_SPAN_RE, text)]
    return _merge(spans)


def address_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each URL, e-mail address and inline code span of `text` (the `ADDRESS`
    kind alone, unmerged): what no stage changes a character of, Chinese ones included."""
    if not any(needle in text for needle in _ADDRESS_NEEDLES):
        return []
    return _tokens(_ADDRESS_RE, text)


def _tokens(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The matches of `pattern`, each without the sentence's mark after a URL or path."""
    found = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if not m.group().startswith("`") and not m.group().endswith(")"):
            while end > start and text[end - 1] in _TRAIL:
                end -= 1
        if end > start:
            found.append((start, end))
    return found


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2])
        else:
            out.append((start, end, kind))
    return out


def mask(text: str) -> tuple[str, Callable[[str], str]]:
    """`text` with every protected span replaced by placeholders of the same length, and a
    function that puts the spans back into a text derived from the masked one (the rules may
    move or space a span, never change it). Text without a span comes back as it is."""
    spans = protected_spans(text)
    if not spans or any(ch in text for ch in PLACEHOLDERS):
        return text, lambda s: s
    originals = [text[a:b] for a, b, _kind in spans]
    parts, last = [], 0
    for a, b, kind in spans:
        parts += [text[last:a], kind * (b - a)]
        last = b
    parts.append(text[last:])
    masked = "".join(parts)

    def unmask(derived: str) -> str:
        runs = list(re.finditer(f"[{PLACEHOLDERS}]+", derived))
        # adjacent spans share one run of placeholders: split it by the original lengths
        pieces: list[str] = []
        out, last, k = [], 0, 0
        for run in runs:
            need = run.end() - run.start()
            pieces = []
            while need > 0 and k < len(originals):
                pieces.append(originals[k])
                need -= len(originals[k])
                k += 1
            if need != 0:
                raise ValueError("a protected span was changed")
            out += [derived[last : run.start()], "".join(pieces)]
            last = run.end()
        if k != len(originals):
            raise ValueError("a protected span was lost")
        out.append(derived[last:])
        return "".join(out)

    return masked, unmask
