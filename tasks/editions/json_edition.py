"""The JSON edition: one line per article, one file per document, and a manifest.

This is the machine-readable contract of the project (issue 2): consumers read
`articles.jsonl` line by line, so every line must be strict JSON (no NaN) in
valid UTF-8 whatever the input held. `validate_article` states the record's
shape once, for the tests and for anyone who wants to check a file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, get_args

import orjson

from zhclean.tasks.core.model import RECORD_LISTS, BlockType, Document, DocumentSummary
from zhclean.tasks.editions.markdown_edition import safe_stem, summary_of

BLOCK_TYPES = get_args(BlockType)  # code and tables too (`model.Block`)

# field -> (allowed JSON types, required). `list[str]` fields are checked item by item below.
ARTICLE_SCHEMA: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": ((str,), True),
    "source": ((str,), True),
    "title": ((str,), True),
    "subtitle": ((str, type(None)), True),
    "authors": ((list,), True),
    "section": ((str, type(None)), True),
    "series": ((str, type(None)), True),
    "page": ((int, type(None)), True),
    "date": ((str, type(None)), True),
    "blocks": ((list,), True),
    "lines": ((list,), True),
    "title_variants": ((list,), False),
    "origin": ((str, type(None)), False),
}
STRING_LIST_FIELDS = ("authors", "title_variants")


def validate_article(record: Any) -> list[str]:
    """Every way `record` differs from an `articles.jsonl` record; empty when it conforms."""
    if not isinstance(record, dict):
        return [f"record is {type(record).__name__}, not an object"]
    errors = []
    for name, (types, required) in ARTICLE_SCHEMA.items():
        if name not in record:
            if required:
                errors.append(f"missing field {name!r}")
            continue
        value = record[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            errors.append(
                f"{name!r} is {type(value).__name__}, expected {'/'.join(t.__name__ for t in types)}"
            )
    for name in STRING_LIST_FIELDS:
        if isinstance(record.get(name), list) and not all(isinstance(v, str) for v in record[name]):
            errors.append(f"{name!r} must be a list of strings")
    if isinstance(record.get("blocks"), list):
        for i, block in enumerate(record["blocks"]):
            errors.extend(f"blocks[{i}]: {e}" for e in _block_errors(block))
    lines = record.get("lines")
    if isinstance(lines, list) and (len(lines) != 2 or not all(_is_int(n) for n in lines)):
        errors.append("'lines' must be [first, last] raw line numbers")
    return errors


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _block_errors(block: Any) -> list[str]:
    if not isinstance(block, dict):
        return ["not an object"]
    errors = []
    if block.get("type") not in BLOCK_TYPES:
        errors.append(f"type {block.get('type')!r} not one of {BLOCK_TYPES}")
    if not isinstance(block.get("text"), str):
        errors.append("text must be a string")
    return errors


def finite(value: Any) -> Any:
    """NaN and infinities become null: strict JSON has no spelling for them."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def _dumps(value: Any, indent: int | None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str, indent=indent)


def dumps(value: Any, indent: int | None = None) -> str:
    """Strict JSON, readable Chinese; falls back to `\\u` escapes for text UTF-8 cannot hold."""
    try:
        text = _dumps(value, indent)
    except ValueError:  # a NaN or an infinity somewhere: walk the value only then
        value = finite(value)
        text = _dumps(value, indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escaped, the line stays valid UTF-8 and JSON
        text = json.dumps(finite(value), ensure_ascii=True, allow_nan=False, default=str, indent=indent)
    return text


#: The per-document JSON file's indentation.
DOCUMENT_INDENT = 2


def write_document_json(doc: Document, out: Path) -> Path:
    """Write `out/json/documents/<stem>.json`: the document's metadata, script, edits, removed text."""
    folder = out / "json" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(doc.stem)}.json"
    path.write_bytes(document_json_bytes(doc) + b"\n")
    return path


def document_json(doc: Document) -> str:
    """`dumps(doc.to_json(), indent=2)`, character for character (see `document_json_bytes`)."""
    return document_json_bytes(doc).decode("utf-8")


def document_json_bytes(doc: Document) -> bytes:
    """`dumps(doc.to_json(), indent=2)` as UTF-8, written by orjson.

    A document's record holds thousands of small records (its edits), which the standard
    library writes with its pure-Python encoder whenever it indents. orjson writes the same
    text (two spaces a level, `", "`-free item lines, `": "` after keys, non-ASCII as is, NaN
    and infinities as null as `finite` makes them) from the dataclasses themselves, without a
    dict per edit, in half the time. Where the two would differ it raises or is told to, and
    `dumps` writes the document: a lone surrogate, an integer beyond 64 bits, a key that is not
    a string (orjson refuses them), or a float that Python spells with an exponent (`1e-05`,
    where orjson writes `1e-5`) outside the record lists, whose fields are text and numbers
    of lines."""
    record = doc.to_json(records=False)
    if _exponent_floats({k: v for k, v in record.items() if k not in RECORD_LISTS}):
        return dumps(doc.to_json(), indent=DOCUMENT_INDENT).encode("utf-8")
    try:
        return orjson.dumps(record, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return dumps(doc.to_json(), indent=DOCUMENT_INDENT).encode("utf-8")


def _exponent_floats(value: Any) -> bool:
    """Whether a finite float that `repr` writes with an exponent occurs in `value`."""
    if isinstance(value, float):
        return math.isfinite(value) and "e" in repr(value)
    if isinstance(value, dict):
        return any(_exponent_floats(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_exponent_floats(v) for v in value)
    return False


class CorpusJsonWriter:
    """`articles.jsonl` written as the documents stream past, then `manifest.json` (both under `out/json`)."""

    def __init__(self, summaries: Sequence[DocumentSummary], out: Path, manifest: dict[str, Any]) -> None:
        self.summaries, self.manifest = summaries, manifest
        self.folder = out / "json"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.articles = self.folder / "articles.jsonl"
        self.fh = self.articles.open("w", encoding="utf-8", newline="\n")

    def add(self, doc: Document) -> None:
        for article in doc.articles:
            self.fh.write(dumps(article.to_json()) + "\n")

    def close(self) -> list[Path]:
        self.fh.close()
        full = dict(self.manifest)
        full["documents"] = [
            {"source": s.source, "sha256": s.sha256, "articles": s.articles} for s in self.summaries
        ]
        path = self.folder / "manifest.json"
        path.write_text(dumps(full, indent=2) + "\n", encoding="utf-8")
        return [self.articles, path]


def write_corpus_json(
    docs: Iterable[Document], summaries: Sequence[DocumentSummary], out: Path, manifest: dict[str, Any]
) -> list[Path]:
    """Write `articles.jsonl` (streaming the documents) and `manifest.json` under `out/json`."""
    writer = CorpusJsonWriter(summaries, out, manifest)
    for doc in docs:
        writer.add(doc)
    return writer.close()


def write_json_edition(docs: list[Document], out: Path, manifest: dict[str, Any]) -> list[Path]:
    """Write `articles.jsonl`, `documents/<stem>.json` and `manifest.json` under `out/json`."""
    per_document = [write_document_json(doc, out) for doc in docs]
    articles, path = write_corpus_json(docs, [summary_of(d) for d in docs], out, manifest)
    return [articles, *per_document, path]
