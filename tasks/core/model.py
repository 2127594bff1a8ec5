"""The data model shared by every stage.

Each stage is a pure function that takes these objects and returns new ones
together with the list of `Edit`s it made, so the run report can account for
every change (STYLE.md section 7). Plain dataclasses keep the stages cheap to
call and easy to serialise into the JSON edition.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Literal

#: What a block is. `code` is a Markdown code fence, made by join from the raw lines verbatim;
#: `table` a Markdown table, its rows as written (the alignment row too). See `Block`.
BlockType = Literal["heading", "paragraph", "caption", "code", "table"]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(obj: Any) -> dict[str, Any]:
    """A flat dataclass (Edit, Removed, Problem, Block, ScriptInfo) as a dict, in field order.

    What `dataclasses.asdict` gives for these, without its deep copy: a document's
    tens of thousands of edits are serialised several times per run."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


#: The document fields that hold flat records (`Edit`, `Removed`, `Problem`), one dict each in JSON.
RECORD_LISTS = ("edits", "removed", "problems")


def _records(items: list[Any], as_dicts: bool) -> list[Any]:
    return [plain(x) for x in items] if as_dicts else items


@dataclass(slots=True)
class Edit:
    """One change to the text: which stage and rule, what it was, what it became, where."""

    stage: str
    kind: str
    before: str
    after: str
    line: int
    offset: int | None = None


@dataclass(slots=True)
class Removed:
    """Text taken out of the body and not kept as metadata, with the reason (a rule name)."""

    text: str
    reason: str
    line: int


@dataclass(slots=True)
class Problem:
    """Something that went wrong for a file: shown in the report and the run summary."""

    file: str
    stage: str
    kind: str
    message: str


@dataclass(slots=True)
class Line:
    """One line of a document, remembering the raw line number (1-based) it came from."""

    text: str
    number: int


@dataclass(slots=True)
class Block:
    """A paragraph, heading, caption, code block or table, with the span of raw lines it was made from.

    `level` keeps a Markdown heading mark found in the raw text (a hint, not truth).

    A `code` block's text is the fenced block exactly as the raw lines wrote it, from the opening
    fence to the closing one (`\n` between lines; blank lines, indentation and trailing spaces
    kept): the first line keeps the fence and its info string (```` ```js ````), so the block needs
    no field of its own and reads back as the same Markdown. `text.markdown.fence_parts` gives its
    info string and content; no stage after join changes it. A `table` block's text is a Markdown
    table's rows as written, one a line, its alignment row (`|---|`) included.
    """

    type: BlockType
    text: str
    start: int
    end: int
    level: int | None = None


@dataclass(slots=True)
class Article:
    """One article as a human editor would cut it."""

    id: str
    source: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    series: str | None = None
    page: int | None = None
    date: str | None = None
    #: where the text was first published (a web source line's site or paper), not the raw file
    origin: str | None = None
    start: int = 0
    end: int = 0
    title_variants: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `articles.jsonl` record: blocks reduced to type and text."""
        record = {name: getattr(self, name) for name in _field_names(Article)}
        record["blocks"] = [{"type": b.type, "text": b.text} for b in self.blocks]
        record["lines"] = [self.start, self.end]
        del record["start"], record["end"]
        return record


@dataclass(slots=True)
class ScriptInfo:
    """What script a document arrived in and how much conversion it needed."""

    script: Literal["simplified", "traditional", "mixed", "none"] = "none"
    traditional_share: float = 0.0
    converted_chars: int = 0
    table: str = ""


@dataclass(slots=True)
class Document:
    """A normalised document: its articles, metadata and the full record of what was done."""

    source: str
    sha256: str
    encoding: str
    size: int
    script: ScriptInfo = field(default_factory=ScriptInfo)
    metadata: dict[str, Any] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.source.rsplit(".", 1)[0]

    def to_json(self, records: bool = True) -> dict[str, Any]:
        """The per-document JSON record (`json/documents/<stem>.json`).

        `records=False` leaves the edits, removed text and problems as the objects, for a
        writer that encodes them itself (`json_edition.document_json_bytes`, by orjson) without a
        dict each."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "size": self.size,
            "script": plain(self.script),
            "metadata": self.metadata,
            "articles": [{"id": a.id, "title": a.title, "lines": [a.start, a.end]} for a in self.articles],
            **{key: _records(getattr(self, key), records) for key in RECORD_LISTS},
        }


def document_record(doc: Document, records: bool = True) -> dict[str, Any]:
    """Everything about a document as plain JSON-able data (`document_from_record` reads it back).

    The flow writes one such record per document into the build as soon as the document
    is normalised, so the editions can be built by reading them one at a time.
    `records=False` leaves the edits, removed text and problems as the objects (see `Document.to_json`)."""
    record = plain(doc)
    record["script"] = plain(doc.script)
    record["articles"] = [{**plain(a), "blocks": [plain(b) for b in a.blocks]} for a in doc.articles]
    for key in RECORD_LISTS:
        record[key] = _records(record[key], records)
    return record


def document_from_record(record: dict[str, Any], edits: bool = True) -> Document:
    """The `Document` a `document_record` was made from, without its edits when not `edits` (the
    articles' editions do not read them, and building an Edit per entry of the record was half
    the time of reading a record back). A record without removed text or problems (the build's
    records leave them to the JSON edition) gives a document without them."""
    articles = [
        Article(**{**a, "blocks": [Block(**b) for b in a["blocks"]]}) for a in record.get("articles", [])
    ]
    return Document(
        source=record["source"],
        sha256=record["sha256"],
        encoding=record["encoding"],
        size=record["size"],
        script=ScriptInfo(**record["script"]),
        metadata=record["metadata"],
        articles=articles,
        # by position: building every Edit by keyword was most of reading a record back (0.18-0.30 s
        # against 0.13-0.17 s for 144,624 edits)
        edits=[
            Edit(e["stage"], e["kind"], e["before"], e["after"], e["line"], e.get("offset"))
            for e in record["edits"]
        ]
        if edits
        else [],
        removed=[Removed(**r) for r in record.get("removed", ())],
        problems=[Problem(**p) for p in record.get("problems", ())],
    )


@dataclass(slots=True)
class DocumentSummary:
    """What the corpus-wide editions and the report need of a document without loading it:
    small, so a run can hold one per document. `result` is the document's record in the build."""

    source: str
    stem: str
    sha256: str
    title: str
    articles: int
    size: int
    metadata: dict[str, Any]
    result: str
    report: dict[str, Any] = field(default_factory=dict)
