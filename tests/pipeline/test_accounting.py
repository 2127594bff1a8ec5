"""The CJK balance: what it reports, and in which order (hand-computed for small documents)."""

from __future__ import annotations

from zhclean.tasks.core.model import Article, Block, Document, Edit, Removed
from zhclean.tasks.pipeline.accounting import cjk_counter, describe, unaccounted


def document(
    blocks: list[str], edits: list[Edit] = (), removed: list[Removed] = (), **metadata: object
) -> Document:  # type: ignore[assignment]
    articles = [Article("a-1", "a.txt", "", [Block("paragraph", t, 1, 1) for t in blocks])]
    return Document(
        "a.txt",
        "0" * 64,
        "utf-8",
        1,
        metadata=dict(metadata),
        articles=articles,
        edits=list(edits),
        removed=list(removed),
    )


def test_cjk_counter_counts_ideographs_only_in_order_of_appearance() -> None:
    counts = cjk_counter(["乙a甲\n", "，甲𠀀", ""])
    assert list(counts.items()) == [("乙", 1), ("甲", 2), ("𠀀", 1)]


def test_everything_accounted_for() -> None:
    raw = "標題\n這是書，第3版\n"
    doc = document(
        ["这是书，"],
        edits=[
            Edit("script", "script.t2s", "這", "这", 2),
            Edit("script", "script.t2s", "書", "书", 2),
            Edit("script", "script.t2s", "標題", "标题", 1),
        ],
        removed=[Removed("第3版", "furniture.page_number", 2)],
        title="标题",
    )
    assert unaccounted(raw, doc) == {}


def test_what_is_left_over_in_raw_order_and_the_message() -> None:
    """Raw: 甲×1 乙×3 丙×2 丁×1. Kept: 乙 once in the text, 丙 once by an edit's before (its
    after, 戊, was produced and kept). Left: 甲 1, 乙 2, 丙 1, 丁 1; equal counts keep the
    raw order, and nothing kept or produced but absent from the raw text is reported."""
    raw = "甲乙乙\n乙丙丙丁 x，"
    doc = document(["乙戊己"], edits=[Edit("repair", "r", "丙", "戊", 2)], note="己")
    missing = unaccounted(raw, doc)
    assert list(missing.items()) == [("甲", 1), ("乙", 2), ("丙", 1), ("丁", 1)]
    assert describe(missing) == "乙×2 甲×1 丙×1 丁×1"


def test_a_character_produced_by_an_edit_and_kept_nowhere() -> None:
    """An edit's after that the text does not hold counts on the raw side (as produced)."""
    raw = "甲"
    doc = document([], edits=[Edit("repair", "r", "甲", "乙", 1)])
    assert list(unaccounted(raw, doc).items()) == [("乙", 1)]
