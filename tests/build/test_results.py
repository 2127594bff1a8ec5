"""A document's result record: the same characters as `json.dumps(document_record(doc))`."""

from __future__ import annotations

import json
import math

import pytest

from zhclean.tasks.build.results import record_json
from zhclean.tasks.core.model import (
    Document,
    Edit,
    Problem,
    Removed,
    ScriptInfo,
    document_from_record,
    document_record,
)


def document(**changes: object) -> Document:
    doc = Document(
        source="a.txt",
        sha256="ab",
        encoding="gb18030",
        size=10,
        script=ScriptInfo("traditional", 0.5, 2, "t2s"),
        metadata={"title": "标题"},
        edits=[Edit("script", "script.t2s", "這", "这", 3, 0), Edit("script", "script.t2s", "這", "这", 4)],
        removed=[Removed('"x"\n', "furniture.page_number", 12)],
        problems=[Problem("a.txt", "accounting", "unaccounted_cjk", "的×1")],
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def test_the_record_as_hand_written() -> None:
    assert record_json(document()) == (
        '{"source": "a.txt", "sha256": "ab", "encoding": "gb18030", "size": 10, '
        '"script": {"script": "traditional", "traditional_share": 0.5, "converted_chars": 2, "table": "t2s"}, '
        '"metadata": {"title": "标题"}, "articles": [], '
        '"edits": [{"stage": "script", "kind": "script.t2s", "before": "這", "after": "这", "line": 3, '
        '"offset": 0}, {"stage": "script", "kind": "script.t2s", "before": "這", "after": "这", "line": 4, '
        '"offset": null}], '
        '"removed": [{"text": "\\"x\\"\\n", "reason": "furniture.page_number", "line": 12}], '
        '"problems": [{"file": "a.txt", "stage": "accounting", "kind": "unaccounted_cjk", "message": "的×1"}]}'
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"metadata": {"share": math.nan, 3: "non-string key"}},
        {"edits": [Edit("s", "k", ["a"], "x", 1)]},  # type: ignore[arg-type]
        {"edits": [Edit("s", "k", "x", "y", True, 2.5)]},  # type: ignore[arg-type]
        {"edits": [], "removed": [], "problems": []},
    ],
)
def test_the_record_is_what_json_dumps_writes(changes: dict[str, object]) -> None:
    doc = document(**changes)
    assert record_json(doc) == json.dumps(document_record(doc), ensure_ascii=False)


def test_the_record_reads_back() -> None:
    doc = document()
    assert document_from_record(json.loads(record_json(doc))) == doc
