"""Metadata that readers see (TOC, original title, section labels) is typeset like a headline."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.metadata import typeset_metadata


def test_toc_titles_and_original_titles_get_curly_quotes_and_full_width_marks():
    metadata = {
        "original_title": '村里来了"新农人",日子越过越红火',
        "toc": [{"page": 3, "title": '种好"责任田" 当好"领头雁"', "author": None, "line": 12}],
        "section_labels": [{"line": 2, "text": "民生 观察", "latin": "MINSHENG"}],
        "date": "2031-04-01",
    }
    edits = typeset_metadata(metadata, Options())
    assert metadata["original_title"] == "村里来了“新农人”，日子越过越红火"
    assert metadata["toc"][0]["title"] == "种好“责任田” 当好“领头雁”"
    assert metadata["date"] == "2031-04-01"
    assert {e.line for e in edits} >= {0, 12}
    assert all(e.stage == "typography" for e in edits)


def test_switched_off_rules_stay_off_for_metadata_too():
    metadata = {"original_title": '来了"新农人"'}
    typeset_metadata(metadata, Options(disabled_rules=frozenset({"punct.curly_quotes"})))
    assert metadata["original_title"] == '来了"新农人"'
