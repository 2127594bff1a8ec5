"""More evidence of where an article starts, and where a heading does not start one.

- A heading at the top of a new page (a page mark between it and the text before), when the
  page before ended on a finished sentence, opens a new article (`segment.page_top`): a
  magazine starts its pieces on a new page, and a heading there with the story before it
  complete is rather the next piece's title than a section of the last one. A document with
  a table of contents decides starts by it instead.
- Two starts with nothing between them: a heading read as an article start right under
  another start's heading run would leave the upper article without a word of text. When a
  byline, subtitle or news lead marks the lower start, the two heading runs are one headline
  broken over lines (`title.broken_line`; left apart, the article's title would be its last
  line only). When only a short bare line under it marked it (a name, or as well a section
  heading such as `基本案情`), the lower heading is the first heading of the upper article's
  body (`segment.empty_start`).
- Several pieces in one file: a heading right under a date line (`segment.date_above`), after
  a signed paragraph or signature line (`segment.signed_end`), after web chrome the earlier
  stages took out (`segment.after_chrome`); a paragraph after a signed one, where signed
  paragraphs repeat (`segment.signed_paragraphs`, untitled briefs).
- Repetition across the document, never a list of known words: a heading of the first title's
  form (`segment.sibling_title`, `学而篇`/`为政篇`), a heading over a line that stands under other
  headings too (`segment.repeated_credit`, an anthology's `先秦：左丘明《左传》`).
- Headings that head articles rather than text: a title and subtitle with no text over titled,
  signed pieces are their series (`segment.series_head`), a lone heading over pieces their
  section (`segment.section_head`); a `#` heading over one `##` article with no byline is its
  title (`title.lone_series`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import classify as cl

RULES = RuleList()
DEFAULT_OPTIONS = Options()

RULE_PAGE_TOP = RULES.declare(
    "segment.page_top",
    "segment",
    "a heading at the top of a page, after a page that ended on a finished sentence, opens an article",
).name


def page_top_starts(
    blocks: list[Block], metadata: dict[str, Any], options: Options = DEFAULT_OPTIONS
) -> list[int]:
    """Headings right after a page mark, the block before them a paragraph that ends a sentence."""
    if not options.enabled(RULE_PAGE_TOP) or metadata.get("toc"):
        return []
    marks = [m["line"] for m in metadata.get("page_marks") or [] if isinstance(m.get("line"), int)]
    found = []
    for k in range(1, len(blocks) - 1):
        b, before, after = blocks[k], blocks[k - 1], blocks[k + 1]
        if b.type != "heading" or b.level is not None or cl.is_enumerated(b.text):
            continue
        if before.type != "paragraph" or not cl.ends_sentence(before.text) or after.type == "caption":
            continue
        if any(before.end < line < b.start for line in marks):
            found.append(k)
    return found


RULE_EMPTY_START = RULES.declare(
    "segment.empty_start",
    "segment",
    "a heading read as an article start right under another start's heading run, with no text "
    "between them, stays in the upper article (its first heading): no article is left empty",
).name
RULE_BROKEN_TITLE = RULES.declare(
    "title.broken_line",
    "segment",
    "a headline printed over two heading lines, the lower one over a byline or subtitle, with no "
    "text between them: one title, its parts one space apart (STYLE.md section 3)",
).name


def close_empty_starts(
    starts: list[int],
    header_size: Callable[[int], int],
    forced: set[int],
    strong: Callable[[int], bool],
    joinable: Callable[[int, int], bool],
    options: Options = DEFAULT_OPTIONS,
) -> tuple[list[int], dict[int, int]]:
    """The starts to keep, and the starts whose heading run goes on into the next start's title.

    A start whose header run ends exactly where the next start begins would be an article with
    no text. When the next start is marked by a byline, subtitle or news lead (`strong`), the
    two heading runs are one headline broken over lines; otherwise the lower heading is the
    first heading of the upper article's body. A start that other evidence forces (a dated
    header, a chapter, a law's title, a TOC entry, a page top) is always kept. `joinable(s, t)`:
    the heading lines from `s` up to `t` may be words of one headline (a folio such as
    `某刊·2023.4·8` left in the text may not)."""
    kept: list[int] = []
    broken: dict[int, int] = {}
    for s in starts:
        prev = kept[-1] if kept else None
        last = broken.get(prev, prev) if prev is not None else None  # a broken headline's last start
        if last is not None and s not in forced and last + header_size(last) == s:
            if strong(s) and joinable(prev, s) and options.enabled(RULE_BROKEN_TITLE):
                broken[prev] = s  # a headline broken over three lines goes on
                continue
            if not strong(s) and options.enabled(RULE_EMPTY_START):
                continue
        kept.append(s)
    return kept, broken


RULE_LONE_SERIES = RULES.declare(
    "title.lone_series",
    "segment",
    "a heading over a deeper one that no other article shares and no byline follows (`# 题` `## 案名` "
    "and then sections): the top heading is the title and the deeper one its subtitle, not a series of one",
).name


def lone_series(
    level: int | None, later_levels: list[int | None], options: Options = DEFAULT_OPTIONS
) -> bool:
    """A series holds several articles at its title level: with no later start at `level`, the
    heading above the title heads this article alone."""
    return options.enabled(RULE_LONE_SERIES) and level is not None and level not in later_levels


RULE_DATE_ABOVE = RULES.declare(
    "segment.date_above",
    "segment",
    "a heading right under a date line the furniture stage took out (`115年05月15日` over the title of a "
    "saved web page) opens an article of its own, dated by it (a file holding several pages)",
).name


def date_above_starts(
    blocks: list[Block], metadata: dict[str, Any], options: Options = DEFAULT_OPTIONS
) -> dict[int, str]:
    """Headings whose line right above is a date line (`metadata["date_lines"]`): their ISO dates."""
    if not options.enabled(RULE_DATE_ABOVE):
        return {}
    dates = {
        d["line"]: d["date"]
        for d in metadata.get("date_lines") or []
        if isinstance(d, dict) and isinstance(d.get("line"), int) and d.get("date")
    }
    found: dict[int, str] = {}
    for k, b in enumerate(blocks):
        above = b.start - 1
        if b.type == "heading" and above in dates and (k == 0 or blocks[k - 1].end < above):
            found[k] = dates[above]
    return found


RULE_SIGNED_END = RULES.declare(
    "segment.signed_end",
    "segment",
    "a heading right after a paragraph that closes with a signature (`……。（某某）`, `……。某某`, "
    "`……。（通讯员 某某）`), or after a signature line under a paragraph, opens the next article: the "
    "signature ends a brief",
).name


def signed_end_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Unmarked headings right after a signed paragraph."""
    if not options.enabled(RULE_SIGNED_END):
        return []
    found = []
    for k in range(1, len(blocks)):
        b, before = blocks[k], blocks[k - 1]
        if b.type != "heading" or b.level is not None:
            continue
        signed = before.type == "paragraph" and (
            cl.trailing_signature(before.text) or cl.trailing_credit(before.text)
        )
        alone = k > 1 and blocks[k - 2].type == "paragraph" and cl.signature_line(before.text)
        if signed or alone:
            found.append(k)
    return found


#: A label and its value (`来源：本站`): a field of a page's dateline, never a section line.
LABELLED = re.compile(r"[：:]")
#: A digit: a headline broken over lines holds none in its upper lines; a folio (`某刊·2023.4·8`)
#: or a date left in the text above a title does.
DIGIT = re.compile(r"\d")


def joinable_lines(texts: list[str]) -> bool:
    """Heading lines that may be the upper part of a headline broken over lines."""
    return not any(DIGIT.search(t) for t in texts)


RULE_SERIES_HEAD = RULES.declare(
    "segment.series_head",
    "segment",
    "a title and its subtitle with no text under them, over articles that open with their own title "
    "and byline (`守护绿水青山的人们 ——记…` over profiles), are the series title of those articles, not an "
    "article of their own",
).name


def series_head(s: int, matched: dict[int, Any], options: Options = DEFAULT_OPTIONS) -> bool:
    """Start `s` may head a series (a TOC entry is an article)."""
    return s not in matched and options.enabled(RULE_SERIES_HEAD)


RULE_SIBLING_TITLE = RULES.declare(
    "segment.sibling_title",
    "segment",
    "an unmarked heading of the same form as the document's first title (as long, ending on the same "
    "ideograph: `学而篇`, `为政篇`) is the title of the next chapter: it opens an article",
).name


def sibling_title_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Headings shaped like the first block's title (a chapter name of a book without `第…章`)."""
    if not options.enabled(RULE_SIBLING_TITLE) or not blocks:
        return []
    first = blocks[0]
    title = cl.visible(first.text)
    if first.type != "heading" or first.level is not None or not title or not cl.CJK_CHAR.match(title[-1]):
        return []
    return [
        k
        for k in range(1, len(blocks))
        if blocks[k].type == "heading"
        and blocks[k].level is None
        and len(cl.visible(blocks[k].text)) == len(title)
        and cl.visible(blocks[k].text)[-1] == title[-1]
        and cl.visible(blocks[k].text) != title
    ]


RULE_REPEATED_CREDIT = RULES.declare(
    "segment.repeated_credit",
    "segment",
    "a heading over a line that stands, the same, under other headings too (`先秦：左丘明《左传》` under each "
    "essay of an anthology) opens an article: the repeated line is each piece's credit",
).name


def repeated_credit_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Headings whose next line is a short line that follows two headings or more, word for word."""
    if not options.enabled(RULE_REPEATED_CREDIT):
        return []
    under = [
        (k, cl.visible(blocks[k + 1].text))
        for k in range(len(blocks) - 1)
        if blocks[k].type == "heading"
        and blocks[k + 1].type == "heading"
        and blocks[k].level is None
        and not header_line(blocks[k].text)
    ]
    counts: dict[str, int] = {}
    for _, text in under:
        counts[text] = counts.get(text, 0) + 1
    return [k for k, text in under if text and counts[text] > 1]


RULE_SECTION_HEAD = RULES.declare(
    "segment.section_head",
    "segment",
    "a lone heading with no text under it, over articles of their own (`卷一·周文` over the essays of "
    "an anthology's first part), is their section, not an article (a line holding digits, a folio, is not)",
).name


def section_head(s: int, matched: dict[int, Any], options: Options = DEFAULT_OPTIONS) -> bool:
    """Start `s` may head a section (a TOC entry is an article)."""
    return s not in matched and options.enabled(RULE_SECTION_HEAD)


def section_line(text: str) -> bool:
    """A repeated line that can name the section of the pieces under it: no `来源：…` field of a
    dateline, no date or folio."""
    return bool(text) and not LABELLED.search(text) and joinable_lines([text])


def header_line(text: str) -> bool:
    """A subtitle (`——记…`) or a byline: a line of a title's run, never a title over a credit."""
    return cl.subtitle_text(text) is not None or cl.byline_names(text) is not None


def repeated_removed_line(
    blocks: list[Block], removed_lines: dict[int, str], options: Options = DEFAULT_OPTIONS
) -> dict[int, str]:
    """Headings right over a line the furniture stage took out for repeating (a section line
    printed under each poem's title, `国风·周南`, read as a running head; a page's `来源：本站`),
    when the same line stands under two headings or more: each heading opens an article, and the
    line, when it is a `section_line`, is its section."""
    if not options.enabled(RULE_REPEATED_CREDIT):
        return {}
    under: dict[int, str] = {}
    for k in range(len(blocks) - 1):
        b, nxt = blocks[k], blocks[k + 1]
        if b.type != "heading" or b.level is not None:
            continue
        lines = [removed_lines[n] for n in range(b.end + 1, nxt.start) if removed_lines.get(n, "").strip()]
        if len(lines) == 1:
            under[k] = lines[0].strip()
    counts: dict[str, int] = {}
    for text in under.values():
        counts[text] = counts.get(text, 0) + 1
    return {k: text for k, text in under.items() if counts[text] > 1}


RULE_AFTER_CHROME = RULES.declare(
    "segment.after_chrome",
    "segment",
    "an unmarked heading right after a finished paragraph with lines the earlier stages took out between "
    "them (a saved page's breadcrumb or tools, a printed page's folio) opens an article",
).name


def after_chrome_starts(
    blocks: list[Block],
    removed_lines: dict[int, str],
    metadata: dict[str, Any],
    options: Options = DEFAULT_OPTIONS,
) -> list[int]:
    """Unmarked headings after a finished paragraph with removed lines between. Page marks and
    date lines are left to `segment.page_top` and `segment.date_above`, which read them."""
    if not options.enabled(RULE_AFTER_CHROME):
        return []
    own = {
        m.get("line")
        for key in ("page_marks", "date_lines")
        for m in metadata.get(key) or []
        if isinstance(m, dict)
    }
    removed_lines = {n: t for n, t in removed_lines.items() if n not in own}
    found = []
    for k in range(1, len(blocks) - 1):
        b, before = blocks[k], blocks[k - 1]
        if b.type != "heading" or b.level is not None or cl.is_enumerated(b.text):
            continue
        if before.type != "paragraph" or not cl.ends_sentence(before.text) or blocks[k + 1].type == "caption":
            continue
        if any(removed_lines.get(n, "").strip() for n in range(before.end + 1, b.start)):
            found.append(k)
    return found


RULE_SIGNED_PARAGRAPHS = RULES.declare(
    "segment.signed_paragraphs",
    "segment",
    "on a page where two paragraphs or more close with a signature (`……。（某某）`), each signed paragraph "
    "closes a brief: the paragraph after it opens the next one",
).name


def signed_paragraph_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Paragraphs right after a signed paragraph, when signed paragraphs repeat in the document."""
    if not options.enabled(RULE_SIGNED_PARAGRAPHS):
        return []
    signed = [
        k
        for k, b in enumerate(blocks)
        if b.type == "paragraph" and (cl.trailing_signature(b.text) or cl.trailing_credit(b.text))
    ]
    if len(signed) < 2:
        return []
    return [k + 1 for k in signed if k + 1 < len(blocks) and blocks[k + 1].type == "paragraph"]
