"""The public Python API: small functions over the same stages and rules (expectations by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zhclean
from zhclean.tasks.pipeline.catalogue import UnknownRule


def test_clean_text_repairs_converts_and_typesets() -> None:
    assert zhclean.clean_text("他說:「今天天氣很好」") == "他说：“今天天气很好”"


def test_clean_text_keeps_blank_lines_and_leaves_english_and_urls_alone() -> None:
    text = "Hello, world! It's fine.\n\nvisit https://example.com/a?b=1&c=2 now"
    assert zhclean.clean_text(text) == text


def test_clean_text_and_explain_gives_every_edit() -> None:
    text, edits = zhclean.clean_text_and_explain("這是書,好嗎?")
    assert text == "这是书，好吗？"
    assert [(e.kind, e.before, e.after) for e in edits] == [
        ("script.t2s", "這", "这"),
        ("script.t2s", "書", "书"),
        ("script.t2s", "嗎", "吗"),
        ("punct.fullwidth_comma", ",", "，"),
        ("punct.fullwidth_question", "?", "？"),
    ]


def test_to_simplified_changes_only_the_script() -> None:
    assert zhclean.to_simplified("他說:「好」") == "他说:「好」"


def test_to_simplified_with_a_taiwan_table() -> None:
    assert zhclean.to_simplified("滑鼠和軟體", script_table="tw2sp") == "鼠标和软件"


def test_typeset_by_block_type_and_pangu() -> None:
    assert zhclean.typeset("中文English混排,好吗?") == "中文English混排，好吗？"
    assert zhclean.typeset("中文English混排", pangu=True) == "中文 English 混排"


def test_a_rule_switched_off_by_name() -> None:
    assert zhclean.typeset("好吗?", disable=["punct.fullwidth_question"]) == "好吗?"


def test_an_unknown_rule_name_is_an_error_with_suggestions() -> None:
    with pytest.raises(UnknownRule) as err:
        zhclean.clean_text("x", disable=["punct.fullwidth_comm"])
    assert "punct.fullwidth_comma" in err.value.suggestions


def test_an_unknown_script_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="script_table"):
        zhclean.to_simplified("x", script_table="s2t")


def test_normalize_a_whole_document() -> None:
    doc = zhclean.normalize("春天来了\n\n今天天氣很好。\n".encode(), "spring.txt")
    assert [(a.title, [b.text for b in a.blocks]) for a in doc.articles] == [("春天来了", ["今天天气很好。"])]
    assert doc.source == "spring.txt" and doc.encoding == "utf-8"


def test_only_the_zhclean_namespace_is_installed(tmp_path: Path) -> None:
    """No generic top-level `tasks` or `flows` lands in site-packages (run outside the checkout)."""
    code = (
        "import importlib.util as u\n"
        "print(u.find_spec('tasks'), u.find_spec('flows'), u.find_spec('zhclean.tasks') is not None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["None", "None", "True"]
