"""Nothing lost silently: every CJK ideograph of the raw text is accounted for.

A character is accounted for when it is in an article (title, subtitle,
authors, blocks...), in document metadata, in a `removed` record, or was
consumed by a logged edit (its `before` side). The check is a multiset
balance: raw = final + sum(edit.before) - sum(edit.after) + removed, over CJK
ideographs only. Whatever is left over on the raw side was lost without a
record, and that is a bug.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import chain
from typing import Any

from zhclean.tasks.core.model import Document
from zhclean.tasks.text.charsets import IDEOGRAPH

CJK = IDEOGRAPH


def cjk_counter(texts: Iterable[str]) -> Counter[str]:
    """The CJK ideographs of the texts, counted (in order of first appearance)."""
    return cjk_only(char_counter(texts))


def char_counter(texts: Iterable[str]) -> Counter[str]:
    """Every character of the texts, counted in one pass over them joined: the counting runs
    in C, where a regex match per text and an update per match cost a document's tens of
    thousands of edits a Python call each. The separator is no ideograph, so `cjk_only`
    drops it."""
    return Counter("\n".join(texts))


def cjk_only(counts: Counter[str]) -> Counter[str]:
    """The positive counts of CJK ideographs, in the order of `counts`."""
    return Counter({ch: n for ch, n in counts.items() if n > 0 and CJK.match(ch)})


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value, dictionary keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from strings_in(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings_in(v)


def unaccounted(raw_text: str, doc: Document) -> Counter[str]:
    """CJK characters of `raw_text` that appear nowhere in `doc` nor in its records.

    The balance is kept over every character and only its positive CJK counts are kept at
    the end: the same counts, in the raw text's order of first appearance (which `describe`
    keeps between equal counts), with one filter instead of one per side."""
    kept = chain(
        strings_in([a.to_json() for a in doc.articles]),
        strings_in(doc.metadata),
        (r.text for r in doc.removed),
        (e.before for e in doc.edits),
    )
    balance = char_counter([raw_text])
    balance.subtract(char_counter(kept))
    balance.update(char_counter(e.after for e in doc.edits))
    return cjk_only(balance)  # only what is left over on the raw side


def describe(missing: Counter[str], limit: int = 40) -> str:
    """A short human-readable list such as '的×3 了×1'."""
    return " ".join(f"{ch}×{n}" for ch, n in missing.most_common(limit))


def document_strings(doc: Document) -> list[str]:
    """All text the document keeps (for diagnostics)."""
    return list(strings_in([asdict(a) for a in doc.articles])) + list(strings_in(doc.metadata))
