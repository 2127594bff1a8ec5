"""The JSON edition: one line per article, one file per document, and a manifest.

This is the machine-readable contract of the project (issue 2): consumers read
`articles.jsonl` line by line, so every line must be strict JSON (no NaN) in
valid UTF-8 whatever the input held. `validate_article` states the record's
shape once, for the tests and for anyone who wants to check a file.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import attrgetter
from pathlib import Path
from typing import Any, get_args

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


_CONTAINERS = (dict, list, tuple)


class _KeysNotStrings(Exception):
    """A dict keyed by something else than strings: left to the standard library to convert."""


@functools.cache
def _flat_encoder(indent: int, depth: int) -> Callable[[Any], str]:
    """The C encoder writing the items of a container at `depth` one per line (see `_indented`).

    Built once per depth; without the circular-reference check (`markers=None`), which only
    guards values that contain themselves, never the case for a document's record."""
    separator = ",\n" + " " * (indent * (depth + 1))
    if c_make_encoder is None:  # a Python without the C accelerator
        encoder = json.JSONEncoder(
            ensure_ascii=False, allow_nan=False, default=str, separators=(separator, ": ")
        )
        return encoder.encode
    iterencode = c_make_encoder(None, str, encode_basestring, None, ": ", separator, False, False, False)
    return lambda value: "".join(iterencode(value, 0))


def _indented(value: Any, indent: int, depth: int = 0) -> str:
    """`json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False, default=str)`,
    character for character, faster.

    The standard library drops to its pure-Python encoder whenever `indent` is set, and a
    document's record holds thousands of small flat objects (its edits). A container whose
    items are all scalars is written here by the C encoder instead, with the newline and the
    indentation of its depth as item separator: JSON strings never hold a raw newline, so this
    is exactly the indented text. Containers holding containers are walked here."""
    if not isinstance(value, _CONTAINERS) or not value:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    if isinstance(value, dict) and not all(isinstance(key, str) for key in value):
        raise _KeysNotStrings
    items = value.values() if isinstance(value, dict) else value
    outer = " " * (indent * depth)
    inner = outer + " " * indent
    if not any(isinstance(item, _CONTAINERS) for item in items):
        flat = _flat_encoder(indent, depth)(value)
        return f"{flat[0]}\n{inner}{flat[1:-1]}\n{outer}{flat[-1]}"
    if isinstance(value, list | tuple) and _flat_records(value):
        return _records(value, indent, depth)
    if isinstance(value, dict):
        body = f",\n{inner}".join(
            f"{encode_basestring(key)}: {_indented(item, indent, depth + 1)}" for key, item in value.items()
        )
        return f"{{\n{inner}{body}\n{outer}}}"
    body = f",\n{inner}".join(_indented(item, indent, depth + 1) for item in value)
    return f"[\n{inner}{body}\n{outer}]"


#: The exact types a flat record's values may have for `_records` (subclasses and values
#: `default=str` would convert take the general path).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _flat_records(items: list[Any] | tuple[Any, ...]) -> bool:
    """True when every item is a non-empty dict of string keys and scalar values (a document's edits)."""
    return (
        {type(item) for item in items} == {dict}
        and all(items)
        and {type(key) for item in items for key in item} == {str}
        and {type(v) for item in items for v in item.values()} <= _SCALARS
    )


def _records(items: list[Any] | tuple[Any, ...], indent: int, depth: int) -> str:
    """A list of flat records (`_flat_records`) at `depth`, indented, in one C encoder call.

    The list is encoded with the field separator of its records (newline and the indentation
    of depth + 2), so the fields come out right; only the seams between records need another
    indentation. A seam is the only place `},\n<indent>{` occurs: a raw newline never occurs
    inside a JSON string, and inside a record what follows a field separator is always the
    next key's `"`."""
    outer = " " * (indent * depth)
    inner = outer + " " * indent
    field = inner + " " * indent
    flat = _flat_encoder(indent, depth + 1)(items)  # `[{...},\n<field>{...}]`
    body = flat[2:-2].replace(f"}},\n{field}{{", f"\n{inner}}},\n{inner}{{\n{field}")
    return f"[\n{inner}{{\n{field}{body}\n{inner}}}\n{outer}]"


class NotFlat(Exception):
    """Records `records_json` does not write (a container or an unhashable value in a field,
    mixed classes, a class without fields): the caller takes the general path."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the brackets, separators and line breaks of a list of records go: `json.dumps`'s
    default separators (`indent=None`), or `indent` spaces per level with the list at `depth`."""

    list_open: str
    list_close: str
    between: str
    record_open: str
    field_sep: str
    record_close: str

    @staticmethod
    @functools.cache
    def of(indent: int | None, depth: int = 0) -> Layout:
        if indent is None:
            return Layout("[", "]", ", ", "{", ", ", "}")
        outer, item, inner = ("\n" + " " * (indent * d) for d in (depth, depth + 1, depth + 2))
        return Layout("[" + item, outer + "]", "," + item, "{" + inner, "," + inner, item + "}")


@functools.cache
def _record_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A record class's leading text fields (few distinct values: each written once and reused)
    and the fields after them (line numbers, offsets)."""
    names = [f.name for f in fields(cls)]
    texts = next((i for i, f in enumerate(fields(cls)) if f.type not in ("str", str)), len(names))
    return tuple(names[:texts]), tuple(names[texts:])


def records_json(items: Sequence[Any], layout: Layout, scalar: Callable[[Any], str]) -> str:
    """`[plain(x) for x in items]` as JSON text, as `json.dumps` writes it in `layout`, without a
    dict per record; `scalar` is `json.dumps` with the caller's options, for one value.

    A document has thousands of edits but few distinct (stage, kind, before, after): the text of
    those leading fields is made once per distinct value (only when they are all `str`: values
    such as 1 and True are equal as keys but written differently). Raises `NotFlat` for what
    it does not write (a record class without fields is one)."""
    if not items:
        return "[]"
    cls = type(items[0])
    head_names, tail_names = _record_fields(cls)
    if not (head_names or tail_names) or {type(x) for x in items} != {cls}:
        raise NotFlat
    head_of, tail_of = _getter(head_names), _getter(tail_names)
    head_keys, tail_keys = _keys(head_names), _keys(tail_names)
    sep, close = layout.field_sep, layout.record_close
    joint = sep if head_names and tail_names else ""
    heads: dict[tuple[Any, ...], str] = {}

    def head_text(values: tuple[Any, ...]) -> str:
        texts = [f"{key}{_scalar_text(v, scalar)}" for key, v in zip(head_keys, values, strict=True)]
        text = layout.record_open + sep.join(texts) + joint
        if all(type(v) is str for v in values):
            heads[values] = text
        return text

    def record_text(head: str, tail: tuple[Any, ...]) -> str:
        body = sep.join(f"{key}{_scalar_text(v, scalar)}" for key, v in zip(tail_keys, tail, strict=True))
        return f"{head}{body}{close}"

    pairs = zip(map(head_of, items), map(tail_of, items), strict=True)
    out = []
    try:
        if len(tail_keys) != 2:
            out = [record_text(heads.get(values) or head_text(values), tail) for values, tail in pairs]
        else:  # an edit's line and offset: the hot case, written inline (`_scalar_text` says the same)
            line_key, offset_key = tail_keys
            for values, (line, offset) in pairs:
                head = heads.get(values) or head_text(values)
                if type(line) is int and offset is None:
                    out.append(f"{head}{line_key}{line}{sep}{offset_key}null{close}")
                elif type(line) is int and type(offset) is int:
                    out.append(f"{head}{line_key}{line}{sep}{offset_key}{offset}{close}")
                else:
                    out.append(record_text(head, (line, offset)))
    except TypeError as exc:  # an unhashable field value, or one `scalar` cannot write
        raise NotFlat from exc
    return layout.list_open + layout.between.join(out) + layout.list_close


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these fields as a tuple (`attrgetter` gives a bare value for one name)."""
    if len(names) == 1:
        name = names[0]
        return lambda x: (getattr(x, name),)
    return attrgetter(*names) if names else lambda _: ()


def _keys(names: tuple[str, ...]) -> list[str]:
    return [encode_basestring(name) + ": " for name in names]


def _scalar_text(value: Any, scalar: Callable[[Any], str]) -> str:
    """`scalar(value)`, done here for the common types: what `json.dumps` writes for them."""
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if isinstance(value, _CONTAINERS):
        raise NotFlat
    return scalar(value)


def _dumps(value: Any, indent: int | None) -> str:
    if indent is not None:
        try:
            return _indented(value, indent)
        except _KeysNotStrings:
            pass
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
    path.write_text(document_json(doc) + "\n", encoding="utf-8")
    return path


def document_json(doc: Document) -> str:
    """`dumps(doc.to_json(), indent=2)`, character for character: the edits, removed text and
    problems written by `records_json`, anything out of the ordinary (a NaN, a lone surrogate,
    metadata keyed by non-strings, an odd record) by `dumps` itself."""
    try:
        text = _document_json(doc.to_json(records=False))
        text.encode("utf-8")  # a lone surrogate: `dumps` escapes the whole text
    except (NotFlat, _KeysNotStrings, ValueError):  # UnicodeEncodeError is a ValueError
        return dumps(doc.to_json(), indent=DOCUMENT_INDENT)
    return text


def _document_json(record: dict[str, Any]) -> str:
    layout, inner = Layout.of(DOCUMENT_INDENT, 1), "\n" + " " * DOCUMENT_INDENT
    body = f",{inner}".join(
        f"{encode_basestring(key)}: {_document_value(key, value, layout)}" for key, value in record.items()
    )
    return f"{{{inner}{body}\n}}"


def _document_value(key: str, value: Any, layout: Layout) -> str:
    if key in RECORD_LISTS:
        return records_json(value, layout, _strict_scalar)
    return _indented(value, DOCUMENT_INDENT, 1)


def _strict_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)


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
