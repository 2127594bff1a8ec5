"""`records_json` and the per-document JSON it writes: the same characters as `json.dumps`.

The expected texts are written out by hand (what `json.dumps` is documented to write: `", "` and
`": "` between items and keys by default, one item a line under `indent`), so the cases where a
writer reusing the text of repeated fields could go wrong are pinned: characters that need
escaping, equal values of different types, records with no field after the text fields, and the
odd values that send a document back to `dumps`.
"""

from __future__ import annotations

import json
import math

import pytest

from zhclean.tasks.core.model import Document, Edit, Problem, Removed, ScriptInfo
from zhclean.tasks.editions.json_edition import (
    Layout,
    NotFlat,
    document_json,
    dumps,
    records_json,
)


def strict(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)


EDITS = [
    Edit("script", "script.t2s", "這", "这", 3, 0),
    Edit("script", "script.t2s", "這", "这", 3, 7),  # the same text fields again
    Edit("typography", "punct.curly_quotes", '"', "“", 4),  # no offset
    Edit("repair", "repair.html", "a\\b\n\t\x01", "", 5, None),  # escapes, an empty after
]

EDITS_COMPACT = (
    '[{"stage": "script", "kind": "script.t2s", "before": "這", "after": "这", "line": 3, "offset": 0}, '
    '{"stage": "script", "kind": "script.t2s", "before": "這", "after": "这", "line": 3, "offset": 7}, '
    '{"stage": "typography", "kind": "punct.curly_quotes", "before": "\\"", "after": "“", "line": 4, '
    '"offset": null}, '
    '{"stage": "repair", "kind": "repair.html", "before": "a\\\\b\\n\\t\\u0001", "after": "", "line": 5, '
    '"offset": null}]'
)


def test_edits_compact_as_json_dumps_writes_them() -> None:
    assert records_json(EDITS, Layout.of(None), strict) == EDITS_COMPACT


def test_edits_indented_at_depth_one() -> None:
    expected = """[
    {
      "stage": "script",
      "kind": "script.t2s",
      "before": "這",
      "after": "这",
      "line": 3,
      "offset": 0
    },
    {
      "stage": "typography",
      "kind": "punct.curly_quotes",
      "before": "\\"",
      "after": "“",
      "line": 4,
      "offset": null
    }
  ]"""
    assert records_json([EDITS[0], EDITS[2]], Layout.of(2, 1), strict) == expected


def test_removed_and_problems_one_field_after_the_text_and_none() -> None:
    removed = [Removed("第 3 版", "furniture.page_number", 12)]
    problems = [Problem("a.txt", "accounting", "unaccounted_cjk", "1 CJK characters left no record: 的×1")]
    assert records_json(removed, Layout.of(None), strict) == (
        '[{"text": "第 3 版", "reason": "furniture.page_number", "line": 12}]'
    )
    assert records_json(problems, Layout.of(None), strict) == (
        '[{"file": "a.txt", "stage": "accounting", "kind": "unaccounted_cjk", '
        '"message": "1 CJK characters left no record: 的×1"}]'
    )
    assert records_json(problems, Layout.of(1, 0), strict) == (
        '[\n {\n  "file": "a.txt",\n  "stage": "accounting",\n  "kind": "unaccounted_cjk",\n'
        '  "message": "1 CJK characters left no record: 的×1"\n }\n]'
    )


def test_an_empty_list() -> None:
    assert records_json([], Layout.of(None), strict) == "[]"
    assert records_json([], Layout.of(2, 1), strict) == "[]"


def test_equal_values_of_other_types_are_not_taken_for_each_other() -> None:
    """1 == True and 1 == 1.0 as keys: each keeps its own spelling (and bool is no int)."""
    edits = [Edit("s", "k", 1, "x", 1), Edit("s", "k", True, "x", True), Edit("s", "k", 1.0, "x", 2, False)]  # type: ignore[arg-type]
    assert records_json(edits, Layout.of(None), strict) == (
        '[{"stage": "s", "kind": "k", "before": 1, "after": "x", "line": 1, "offset": null}, '
        '{"stage": "s", "kind": "k", "before": true, "after": "x", "line": true, "offset": null}, '
        '{"stage": "s", "kind": "k", "before": 1.0, "after": "x", "line": 2, "offset": false}]'
    )


def test_a_container_in_a_field_or_mixed_classes_are_left_to_the_general_path() -> None:
    with pytest.raises(NotFlat):
        records_json([Edit("s", "k", ["a"], "x", 1)], Layout.of(None), strict)  # type: ignore[arg-type]
    with pytest.raises(NotFlat):
        records_json([EDITS[0], Removed("x", "r", 1)], Layout.of(None), strict)


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
    ],
)
def test_the_document_file_is_what_dumps_writes(changes: dict[str, object]) -> None:
    """Against the JSON edition's general writer, whatever the odd value."""
    doc = document(**changes)
    assert document_json(doc) == dumps(doc.to_json(), indent=2)
    assert json.loads(document_json(doc))["source"] == "a.txt"
