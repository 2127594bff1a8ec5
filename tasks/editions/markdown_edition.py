"""The Markdown edition: one file per document plus the whole corpus in one file.

Every piece of text is escaped so that nothing a document says (`#`, `*`, `<script>`, a line
starting with `1.` or `-`) can change the structure of the edition (issue 5):
the only structure is the one this module writes. A `code` block is the one text set as written:
inside a fence no Markdown is read, and the fence is made longer than any backtick run inside. Rendering is pure; only
`write_markdown_edition` touches the file system.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from zhclean.tasks.core.model import Article, Block, Document, DocumentSummary
from zhclean.tasks.text.markdown import fence_parts

# Characters with a Markdown meaning anywhere in a line (pandoc's Markdown and
# CommonMark both accept a backslash before any ASCII punctuation).
INLINE_SPECIAL = frozenset("\\`*_{}[]<>#|$^~@&")
INLINE_SPECIAL_RE = re.compile("([" + re.escape("".join(sorted(INLINE_SPECIAL))) + "])")

# A table's alignment row (`| --- | :---: |`), and the bars between a row's cells (not `\|`).
TABLE_RULE_ROW_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
CELL_BAR_RE = re.compile(r"(?<!\\)\|")

# Characters that only mean something at the start of a line: list bullets,
# setext underlines, definition lists, pandoc title blocks, example lists `(@)`.
LINE_START_SPECIAL = frozenset("-+=:%(!")

# An ordered-list marker at the start of a line: `1.`, `2022)`, `A.`, `iv.` followed by a space.
ORDERED_MARKER_RE = re.compile(r"^([0-9A-Za-z]+)([.)])(?=\s|$)")

# Characters that may not appear in a text file or in XML (the EPUB's XHTML):
# C0/C1 controls other than tab and newline, lone surrogates, non-characters.
UNPRINTABLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
REPLACEMENT = "\ufffd"

# What Markdown readers take for the end of a line (a lone CR too: a line start hides behind it).
LINE_BREAK_RE = re.compile("\r\n|\r|\n|\u2028|\u2029")

# Whitespace Markdown reads as indentation or hard breaks (ASCII only: an
# ideographic space is text, not markup).
MARKUP_SPACE = " \t\r\f\v"

# Generic words of the edition's own apparatus (labels, not corpus text).
UNTITLED = "无题"
NO_ARTICLES_NOTE = "（本文档没有切分出文章。）"
META_SEPARATOR = " · "
AUTHOR_JOINER = "、"
META_LABELS = {
    "authors": "作者",
    "section": "栏目",
    "series": "系列",
    "page": "页码",
    "date": "日期",
    "origin": "来源",
}

# Metadata keys that can name a document, in order of preference.
TITLE_KEYS = ("title", "masthead_title", "masthead", "publication", "site_name", "site", "source_site")


def printable(text: str) -> str:
    """Replace characters no text file or XHTML may hold, so every edition is well-formed."""
    return UNPRINTABLE_RE.sub(REPLACEMENT, text)


def escape_line(line: str) -> str:
    """Escape one line of text so Markdown reads it back as exactly this text."""
    line = printable(line).strip(MARKUP_SPACE)
    line = INLINE_SPECIAL_RE.sub(r"\\\1", line)
    marker = ORDERED_MARKER_RE.match(line)
    if marker:
        line = f"{marker.group(1)}\\{line[marker.end(1) :]}"
    elif line[:1] in LINE_START_SPECIAL:
        line = "\\" + line
    return line


def escape_text(text: str) -> str:
    """Escape a block's text; inner line breaks become Markdown hard breaks, never new blocks."""
    lines = [escape_line(part) for part in LINE_BREAK_RE.split(text)]
    return "\\\n".join(part for part in lines if part)


def escape_inline(text: str) -> str:
    """Escape text that must stay on one line (headings, meta lines)."""
    return escape_line(" ".join(LINE_BREAK_RE.split(text)))


def plain(value: Any) -> Any:
    """Metadata reduced to JSON types with printable strings (safe for YAML and pandoc)."""
    value = json.loads(json.dumps(value, ensure_ascii=True, default=str))
    return _printable_tree(value)


def _printable_tree(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable_tree(v) for v in value]
    if isinstance(value, dict):
        return {printable(str(k)): _printable_tree(v) for k, v in value.items()}
    return value


def document_title(doc: Document) -> str:
    """The name of a document: a title from its metadata, its only article's title, or its file stem."""
    for key in TITLE_KEYS:
        value = doc.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if len(doc.articles) == 1 and doc.articles[0].title.strip():
        return doc.articles[0].title.strip()
    return doc.stem


def article_meta(article: Article) -> str:
    """The line under an article title: authors, section, series, page, date, origin (those known)."""
    parts = []
    if article.authors:
        parts.append(f"{META_LABELS['authors']}：{AUTHOR_JOINER.join(article.authors)}")
    for key in ("section", "series", "page", "date", "origin"):
        value = getattr(article, key, None)
        if value not in (None, ""):
            parts.append(f"{META_LABELS[key]}：{value}")
    return META_SEPARATOR.join(parts)


def render_code(text: str) -> str:
    """A code block fenced anew, its content as written (nothing escaped inside): the fence is a
    run of backticks longer than any in the content (tildes when the info string holds a backtick,
    which a backtick fence's may not), so no line of the code can close it."""
    info, content = fence_parts(printable(text))
    info = " ".join(LINE_BREAK_RE.split(info))
    mark = "~" if "`" in info else "`"
    longest = max((len(run) for run in re.findall(f"{re.escape(mark)}+", content)), default=0)
    fence = mark * max(3, longest + 1)
    return f"{fence}{info}\n{content}{fence}"


def render_table(text: str) -> str:
    """A Markdown table: bars and the alignment row as written, each cell's text escaped."""
    rows = []
    for row in LINE_BREAK_RE.split(printable(text)):
        if TABLE_RULE_ROW_RE.match(row):
            rows.append(row.strip())
            continue
        cells = CELL_BAR_RE.split(row.strip().removeprefix("|").removesuffix("|"))
        rows.append("| " + " | ".join(escape_line(cell) for cell in cells) + " |")
    return "\n".join(rows)


def render_block(block: Block, heading_level: int) -> str:
    """A paragraph as a paragraph, a caption as a block quote, an inner heading one level down,
    code as a fenced code block, a table as a table."""
    if block.type == "code":
        return render_code(block.text)
    if block.type == "table":
        return render_table(block.text)
    if block.type == "heading":
        text = escape_inline(block.text)
        return f"{'#' * heading_level} {text}" if text else ""
    text = escape_text(block.text)
    if not text:
        return ""
    if block.type == "caption":
        return "\n".join(f"> {line}" for line in text.split("\n"))
    return text


def render_article(article: Article, level: int = 2) -> str:
    """One article: heading, emphasised meta line, bold subtitle, then its blocks."""
    title = escape_inline(article.title) or UNTITLED
    parts = [f"{'#' * level} {title}"]
    if article.subtitle and escape_inline(article.subtitle):
        parts.append(f"**{escape_inline(article.subtitle)}**")
    meta = escape_inline(article_meta(article))
    if meta:
        parts.append(f"*{meta}*")
    parts.extend(render_block(b, min(level + 1, 6)) for b in article.blocks)
    return "\n\n".join(p for p in parts if p)


def render_document_body(doc: Document, level: int = 1, heading: bool = True) -> str:
    """A document's articles under its own heading; `level` is the heading level of the document."""
    parts = [f"{'#' * level} {escape_inline(document_title(doc)) or UNTITLED}"] if heading else []
    if doc.articles:
        parts.extend(render_article(a, level + 1) for a in doc.articles)
    else:
        parts.append(escape_text(NO_ARTICLES_NOTE))
    return "\n\n".join(parts) + "\n"


#: libyaml's safe emitter where PyYAML was built with it (its wheels are): the same YAML as the
#: pure-Python one on 300 benchmark documents, in a fifth of the time (0.6 ms a document, not 2.9).
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict[str, Any]) -> str:
    """A YAML metadata block; values are dumped (quoted as needed), never spliced in raw."""
    dumped = yaml.dump(plain(fields), Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def document_fields(doc: Document) -> dict[str, Any]:
    """What the front matter of a document says: provenance, script, then every metadata key."""
    fields: dict[str, Any] = {
        "title": document_title(doc),
        "source": doc.source,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "size": doc.size,
        "script": doc.script.script,
        "script_table": doc.script.table,
        "converted_chars": doc.script.converted_chars,
        "articles": len(doc.articles),
    }
    clashes = {k: v for k, v in doc.metadata.items() if k in fields and fields[k] != v}
    fields.update({k: v for k, v in doc.metadata.items() if k not in fields})
    if clashes:
        fields["metadata"] = clashes
    return fields


def render_document_markdown(doc: Document) -> str:
    """The whole Markdown file of one document: front matter, `#` title, one `##` per article."""
    return front_matter(document_fields(doc)) + "\n" + render_document_body(doc)


def corpus_front_matter(summaries: Sequence[DocumentSummary]) -> str:
    """The corpus file's front matter: every document with its title and article count."""
    fields = {
        "title": "zhclean corpus",
        "documents": [
            {"source": s.source, "sha256": s.sha256, "title": s.title, "articles": s.articles}
            for s in summaries
        ],
    }
    return front_matter(fields) + "\n"


def render_corpus_markdown(docs: list[Document]) -> str:
    """All documents in one file: a `#` part per document, a `##` chapter per article."""
    return corpus_front_matter([summary_of(d) for d in docs]) + "\n".join(
        render_document_body(d) for d in docs
    )


def write_document_markdown(doc: Document, out: Path) -> Path:
    """Write `out/markdown/<stem>.md`."""
    folder = out / "markdown"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(doc.stem)}.md"
    path.write_text(render_document_markdown(doc), encoding="utf-8")
    return path


#: Where a document's Markdown file turns from its front matter to its body.
FRONT_MATTER_END = "\n---\n\n"


def body_of_markdown_file(text: str) -> str | None:
    """The body of a document's Markdown file (`render_document_markdown`): what follows its front
    matter, None if the text is not such a file. The front matter ends at its first line `---`:
    the YAML inside never has one (a string's further lines are indented, and a document's end
    is written `...`), and the body starts with the document's `#` heading."""
    if not text.startswith("---\n"):
        return None
    end = text.find(FRONT_MATTER_END, 3)
    body = text[end + len(FRONT_MATTER_END) :] if end >= 0 else ""
    return body if body.startswith("# ") else None


class CorpusMarkdownWriter:
    """`out/markdown/corpus.md` written as the documents stream past (one in memory at a time).

    A document's part is the body of its own Markdown file, written by the worker that normalised
    it, read back rather than rendered again (at 1,000 documents rendering was a fifth of the
    corpus step's own CPU time); rendered when the file is missing or not one of ours."""

    def __init__(self, summaries: Sequence[DocumentSummary], out: Path) -> None:
        self.folder = out / "markdown"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "corpus.md"
        self.fh = self.path.open("w", encoding="utf-8")
        self.fh.write(corpus_front_matter(summaries))
        self.count = 0

    def add(self, doc: Document) -> None:
        self.fh.write(("\n" if self.count else "") + self._body(doc))
        self.count += 1

    def _body(self, doc: Document) -> str:
        try:
            text = (self.folder / f"{safe_stem(doc.stem)}.md").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        body = body_of_markdown_file(text)
        return body if body is not None else render_document_body(doc)

    def close(self) -> Path:
        self.fh.close()
        return self.path


def write_corpus_markdown(summaries: Sequence[DocumentSummary], docs: Iterable[Document], out: Path) -> Path:
    """Write `out/markdown/corpus.md`, streaming the documents (one in memory at a time)."""
    writer = CorpusMarkdownWriter(summaries, out)
    for doc in docs:
        writer.add(doc)
    return writer.close()


def write_markdown_edition(docs: list[Document], out: Path) -> list[Path]:
    """Write `out/markdown/<stem>.md` per document and `out/markdown/corpus.md`; return the paths."""
    written = [write_document_markdown(doc, out) for doc in docs]
    written.append(write_corpus_markdown([summary_of(d) for d in docs], docs, out))
    return written


def summary_of(doc: Document, result: str = "", report: dict[str, Any] | None = None) -> DocumentSummary:
    """The document's summary; `result` names its record in the build, `report` its report counters."""
    date = doc.metadata.get("date")
    return DocumentSummary(
        source=doc.source,
        stem=safe_stem(doc.stem),
        sha256=doc.sha256,
        title=document_title(doc),
        articles=len(doc.articles),
        size=doc.size,
        metadata={"date": date} if date else {},
        result=result,
        report={"edits_by_kind": report["edits_by_kind"], "lint": report["lint"]} if report else {},
    )


UNSAFE_NAME_RE = re.compile(r"[\\/\x00-\x1f]|^\.+$")


def safe_stem(stem: str) -> str:
    """A file stem that stays inside the edition folder whatever the source was called."""
    return UNSAFE_NAME_RE.sub("_", printable(stem)) or "_"
