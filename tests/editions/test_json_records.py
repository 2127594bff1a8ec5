"""The per-document JSON file: the same characters as `json.dumps(indent=2)` writes.

The expected text is written out by hand (what `json.dumps` is documented to write: one item a
line under `indent`, `": "` after keys, non-ASCII as is, control characters as `\\uXXXX`), so
the places where orjson, which writes the file, could spell something otherwise are pinned:
escapes, `null`, floats, and the odd values that send a document back to `dumps`.
"""

from __future__ import annotations

import json
import math

import pytest

from zhclean.tasks.core.model import Document, Edit, Problem, Removed, ScriptInfo
from zhclean.tasks.editions.json_edition import document_json, dumps

EDITS = [
    Edit("script", "script.t2s", "這", "这", 3, 0),
    Edit("script", "script.t2s", "這", "这", 3, 7),  # the same text fields again
    Edit("typography", "punct.curly_quotes", '"', "“", 4),  # no offset
    Edit("repair", "repair.html", "a\\b\n\t\x01", "", 5, None),  # escapes, an empty after
]


def document(**changes: object) -> Document:
    doc = Document(
        source="a.txt",
        sha256="0" * 64,
        encoding="utf-8",
        size=10,
        script=ScriptInfo("traditional", 0.5, 2, "t2s"),
        metadata={"title": "标题", "pages": [1, 2]},
        edits=list(EDITS),
        removed=[Removed("第 3 版", "furniture.page_number", 12)],
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def test_the_document_file_as_hand_written() -> None:
    doc = document(edits=[EDITS[2]], metadata={"title": "标题"})
    assert (
        document_json(doc)
        == """{
  "source": "a.txt",
  "sha256": "0000000000000000000000000000000000000000000000000000000000000000",
  "encoding": "utf-8",
  "size": 10,
  "script": {
    "script": "traditional",
    "traditional_share": 0.5,
    "converted_chars": 2,
    "table": "t2s"
  },
  "metadata": {
    "title": "标题"
  },
  "articles": [],
  "edits": [
    {
      "stage": "typography",
      "kind": "punct.curly_quotes",
      "before": "\\"",
      "after": "“",
      "line": 4,
      "offset": null
    }
  ],
  "removed": [
    {
      "text": "第 3 版",
      "reason": "furniture.page_number",
      "line": 12
    }
  ],
  "problems": []
}"""
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"metadata": {"share": math.nan}},  # strict JSON: null
        {"metadata": {3: "non-string key"}},
        {"edits": [Edit("s", "k", "\ud800", "x", 1)]},  # a lone surrogate: escaped, still UTF-8
        {"edits": [Edit("s", "k", "x", "y", 1, math.inf)]},  # type: ignore[arg-type]
        {"edits": [Edit("s", "k", "x", "y", 2**70)]},  # beyond 64 bits
        {"metadata": {"share": 1e-05, "big": 1e16}},  # Python's exponents: 1e-05, 1e+16
        {"script": ScriptInfo("mixed", 0.1234, 3, "t2s")},
        {"edits": [Edit("s", "k", 1.0, "x", 2, False)]},  # type: ignore[arg-type]
        {"edits": [Edit("s", "k", ["a"], "x", 1)]},  # type: ignore[arg-type]
        {"problems": [Problem("a.txt", "accounting", "unaccounted_cjk", "1 CJK characters left: 的×1")]},
        {"edits": [], "removed": []},
    ],
)
def test_the_document_file_is_what_dumps_writes(changes: dict[str, object]) -> None:
    """Against the JSON edition's general writer, whatever the odd value."""
    doc = document(**changes)
    assert document_json(doc) == dumps(doc.to_json(), indent=2)
    assert json.loads(document_json(doc))["source"] == "a.txt"


def test_escapes_as_json_dumps_spells_them() -> None:
    """A backslash, a newline, a tab and a control character, written by hand as `json.dumps`
    writes them (`ensure_ascii=False`: only these are escaped, the Chinese is as is)."""
    doc = document(edits=[EDITS[3]], removed=[], metadata={})
    assert document_json(doc).split('"edits": ')[1].split('"removed"')[0] == (
        "[\n"
        "    {\n"
        '      "stage": "repair",\n'
        '      "kind": "repair.html",\n'
        '      "before": "a\\\\b\\n\\t\\u0001",\n'
        '      "after": "",\n'
        '      "line": 5,\n'
        '      "offset": null\n'
        "    }\n"
        "  ],\n  "
    )
