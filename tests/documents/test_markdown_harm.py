"""Do no harm, on real Markdown the rules were not written against (`tests/fixtures/markdown/`,
sources in its SOURCES.md).

What is already right must come out as it went in. Each expectation below is read from the input
itself and from what Markdown means (CommonMark, read by markdown-it-py with its table rule, the
parser the tool chain already installs), never from zhclean's rules:

- `fences`: every fenced code block's info string and content, byte for byte;
- `code_spans`: every inline code span;
- `targets`: every link and image target, every autolink and every bare URL of the text;
- `front_matter`: every field of the YAML front matter, with its value (the title as the
  document's title, the rest in `metadata.front_matter`);
- `headings`: the headings' levels, in order (a front matter title is the page's first heading,
  as Hugo and MDN render it; the document's article titles stand at level 1);
- `paragraphs`: no two paragraphs in a row are run into one block;
- `lists`: as many list items; `tables`: as many table rows;
- `cjk`: no CJK ideograph of the text (HTML comments aside: they are not shown) goes missing.

The pipeline's output is the JSON edition's document (articles, blocks, metadata); it is
written back as Markdown the plain way (a heading block behind its `#` marks, a paragraph as
it is, a code block or a table as its text holds it) and read with the same parser. A
property a file still breaks for a reason outside typography is a strict xfail naming its
finding in `tests/golden/REVIEW.md` ("Real Markdown").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from paths import TESTS

from zhclean.tasks.core.model import Document
from zhclean.tasks.editions.markdown_edition import render_document_markdown
from zhclean.tasks.pipeline.run import normalize_document

FIXTURES = TESTS / "fixtures" / "markdown"
FILES = sorted(p for p in FIXTURES.glob("*.md") if p.name != "SOURCES.md")
PARSER = MarkdownIt("commonmark").enable("table")

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
BARE_URL = re.compile(r"https?://[!-~]+?(?=[\s)\]>\"'，。）]|[.,;:]?$|[.,;:]\s)")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}(?=[^`]*$)|~{3,})")
FENCE_CLOSE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
MACRO = re.compile(r"\{\{.*?\}\}", re.S)
WORD = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
#: Pandoc, Hugo and VitePress read a heading's trailing `{#id}` as its anchor, not its words.
HEADING_ANCHOR = re.compile(r"\s*\{#[^{}]*\}\s*$")


@dataclass(frozen=True)
class Meaning:
    """What a Markdown text says, as far as these properties go."""

    fences: list[tuple[str, str]]
    code_spans: Counter[str]
    targets: Counter[str]
    #: each heading's level and text
    headings: list[tuple[int, str]]
    lists: int
    tables: int
    #: each paragraph's words (`prose`), in order
    paragraphs: list[str]


def meaning(body: str) -> Meaning:
    """Read a Markdown body (front matter taken off) with CommonMark + tables."""
    fences: list[tuple[str, str]] = []
    spans: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    headings: list[tuple[int, str]] = []
    lists = tables = 0
    paragraphs: list[str] = []
    tokens = PARSER.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open":
            paragraphs.append(prose(tokens[i + 1].content))
        if token.type == "fence":
            fences.append((token.info.strip(), token.content))
        elif token.type == "heading_open":
            headings.append((int(token.tag[1]), tokens[i + 1].content))
        elif token.type == "list_item_open":
            lists += 1
        elif token.type == "tr_open":
            tables += 1
        for child in token.children or []:
            if child.type == "code_inline":
                spans[child.content] += 1
            elif child.type in ("link_open", "image"):
                targets[str(child.attrs.get("href") or child.attrs.get("src"))] += 1
            elif child.type == "text":
                targets.update(m.group() for m in BARE_URL.finditer(child.content))
    return Meaning(fences, spans, targets, headings, lists, tables, paragraphs)


def prose(text: str) -> str:
    """A paragraph's words: tags, link targets and template calls aside, no spaces or marks."""
    return "".join(WORD.findall(MACRO.sub("", TAG.sub("", LINK_TARGET.sub("]", text)))))


def paragraphs_apart(r: Run) -> bool:
    """No two paragraphs in a row run into one block: their words, one after the other, are on no
    line of a block of text (a code block holds what its fence held, which may quote the paragraphs;
    a line break the source wrote, as between MDN's term and its definition, keeps them apart)."""
    blocks = [
        prose(line)
        for a in r.doc.articles
        for t in (a.title, *(b.text for b in a.blocks if b.type != "code"))
        for line in t.split("\n")
    ]
    pairs = zip(r.source.paragraphs, r.source.paragraphs[1:], strict=False)
    return not any(a and b and any(a + b in block for block in blocks) for a, b in pairs)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end() :]


def is_code(texts: list[str]) -> list[bool]:
    """Which lines are a fence's lines (CommonMark: closed by the opener's character, as long)."""
    out, fence = [], ""
    for text in texts:
        if fence:
            close = FENCE_CLOSE.match(text)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                fence = ""
            out.append(True)
            continue
        opener = FENCE_OPEN.match(text)
        fence = opener.group(1) if opener else ""
        out.append(bool(opener))
    return out


def without_comments(body: str) -> str:
    """The body without its HTML comments (they are not shown), those inside a code fence aside
    (there they are code, CommonMark 4.5)."""
    lines = body.split("\n")
    out: list[str] = []
    for code, run in itertools.groupby(zip(is_code(lines), lines, strict=True), key=lambda x: x[0]):
        text = "\n".join(line for _, line in run)
        out.append(text if code else COMMENT.sub("", text))
    return "\n".join(out)


def written_back(doc: Document) -> str:
    """The document as Markdown: each article's title a heading, a heading block behind its marks,
    every other block (a paragraph, a code block, a table, as their text holds them) on its own."""
    parts: list[str] = []
    for article in doc.articles:
        parts.append(f"# {article.title}\n\n" if article.title else "")
        for block in article.blocks:
            if block.type == "heading":
                parts.append(f"{'#' * (block.level or 2)} {block.text}\n\n")
            else:
                parts.append(block.text + "\n\n")
    return "".join(parts)


def words(text: str) -> str:
    """A heading's words without spaces and marks: what typography may not change."""
    return "".join(WORD.findall(text))


def skeleton(source: str) -> str:
    """The words of a source heading, its anchor `{#id}` aside."""
    return words(HEADING_ANCHOR.sub("", source))


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@dataclass(frozen=True)
class Run:
    """One fixture: its input read as Markdown, and the pipeline's output read the same way."""

    front_matter: dict[str, Any]
    source: Meaning
    output: Meaning
    cjk_in: Counter[str]
    cjk_out: Counter[str]
    doc: Document


@cache
def run(name: str) -> Run:
    raw = (FIXTURES / name).read_bytes()
    front, body = split_front_matter(raw.decode("utf-8"))
    doc = normalize_document(raw, name)
    out_text = [
        *strings(doc.metadata),
        *(s for a in doc.articles for s in (a.title, *(b.text for b in a.blocks))),
    ]
    shown = TAG.sub("", COMMENT.sub("", body)) + "".join(strings(front))
    return Run(
        front_matter=front,
        source=meaning(without_comments(body)),
        output=meaning(written_back(doc)),
        cjk_in=Counter(CJK.findall(shown)),
        cjk_out=Counter(CJK.findall("".join(out_text))),
        doc=doc,
    )


def front_matter_kept(r: Run) -> bool:
    got = {"title": r.doc.metadata.get("title"), **(r.doc.metadata.get("front_matter") or {})}
    return all(key in got and str(got[key]) == str(value) for key, value in r.front_matter.items())


def output_headings(doc: Document) -> list[tuple[int | None, str]]:
    """Each article's title (no level) and its heading blocks (with the level they were marked)."""
    got: list[tuple[int | None, str]] = []
    for article in doc.articles:
        got += [(None, article.title)] if article.title else []
        got += [(b.level or 2, b.text) for b in article.blocks if b.type == "heading"]
    return got


def headings_kept(r: Run) -> bool:
    """As many headings, in the same order, with the same words; a heading kept as a block keeps
    its level (an article title stands for the heading it came from, whatever its level)."""
    want = ([(1, str(r.front_matter["title"]))] if "title" in r.front_matter else []) + r.source.headings
    got = output_headings(r.doc)
    return len(got) == len(want) and all(
        words(g) == skeleton(w) and level in (None, want_level)
        for (level, g), (want_level, w) in zip(got, want, strict=True)
    )


PROPERTIES = {
    "fences": lambda r: r.output.fences == r.source.fences,
    "code_spans": lambda r: r.output.code_spans == r.source.code_spans,
    "targets": lambda r: r.output.targets == r.source.targets,
    "front_matter": front_matter_kept,
    "headings": headings_kept,
    "paragraphs": paragraphs_apart,
    "lists": lambda r: r.output.lists == r.source.lists,
    "tables": lambda r: r.output.tables == r.source.tables,
    "cjk": lambda r: not (r.cjk_in - r.cjk_out),
}

REVIEW = "REVIEW.md Real Markdown: "

#: (file, property) pairs broken for a reason outside typography, each named in REVIEW.md.
KNOWN: dict[tuple[str, str], str] = {}


def cases() -> list[Any]:
    out = []
    for path in FILES:
        for prop in PROPERTIES:
            reason = KNOWN.get((path.name, prop))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(path.name, prop, marks=marks, id=f"{path.stem}:{prop}"))
    return out


@pytest.mark.parametrize(("name", "prop"), cases())
def test_markdown_comes_out_as_it_went_in(name: str, prop: str) -> None:
    assert PROPERTIES[prop](run(name))


def edition_fences(name: str) -> list[tuple[str, str]]:
    return meaning(split_front_matter(render_document_markdown(run(name).doc))[1]).fences


@pytest.mark.parametrize("name", [pytest.param(p.name, id=p.stem) for p in FILES])
def test_the_markdown_edition_keeps_each_code_block(name: str) -> None:
    """Every fenced code block of the input is a fenced code block of the Markdown edition, byte for byte."""
    assert edition_fences(name) == run(name).source.fences


def test_figures(record_figures: Any) -> None:
    """How many files keep each property (the figure the report gives)."""
    for prop, check in PROPERTIES.items():
        kept = sum(1 for path in FILES if check(run(path.name)))
        record_figures("markdown do-no-harm", f"{prop}: {kept}/{len(FILES)} files")
    kept = sum(1 for path in FILES if edition_fences(path.name) == run(path.name).source.fences)
    record_figures("markdown do-no-harm", f"fences in the Markdown edition: {kept}/{len(FILES)} files")
    assert len(FILES) >= 20


def test_the_fixtures_are_real_and_small() -> None:
    """Each file under 6 kB, the set a few hundred kB at most, every file listed in SOURCES.md."""
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(p.stat().st_size < 6000 for p in FILES)
    assert sum(p.stat().st_size for p in FILES) < 300_000
    assert [p.name for p in FILES if f"`{p.name}`" not in sources] == []
