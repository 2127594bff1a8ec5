"""A document's result record: `json.dumps(document_record(doc))` without the edits, removed text and
problems, which the JSON edition holds; the two together read back as the document."""

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
from zhclean.tasks.editions.json_edition import document_json


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
        '"metadata": {"title": "标题"}, "articles": []}'
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"metadata": {"share": math.nan, 3: "non-string key"}},
        {"edits": [], "removed": [], "problems": []},
    ],
)
def test_the_record_is_what_json_dumps_writes_of_all_but_the_lists(changes: dict[str, object]) -> None:
    doc = document(**changes)
    record = {k: v for k, v in document_record(doc).items() if k not in ("edits", "removed", "problems")}
    assert record_json(doc) == json.dumps(record, ensure_ascii=False)


def test_the_record_and_the_json_edition_read_back_as_the_document() -> None:
    doc = document()
    record = json.loads(record_json(doc))
    assert document_from_record(record, edits=False) == document(edits=[], removed=[], problems=[])
    edition = json.loads(document_json(doc))
    assert document_from_record(record | {k: edition[k] for k in ("edits", "removed", "problems")}) == doc
