"""The CJK balance: what it reports, and in which order (hand-computed for small documents); the
fast check against a count of each character."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.core.model import Article, Block, Document, Edit, Removed
from zhclean.tasks.pipeline.accounting import balanced, cjk_counter, describe, ideograph_numbers, unaccounted
from zhclean.tasks.text.charsets import IDEOGRAPH_CLASS


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


# Ideographs of every block the check knows (BMP, compatibility, supplementary planes), the
# characters on either side of each block, Latin, kana, punctuation and a lone surrogate.
TEXT = st.text(
    alphabet=st.sampled_from(
        "甲乙丙丁〇㐀䶿一鿿豈﫿𠀀𱍏\u33ff\u4dc0\u9fff\ufa00\U0001ffff\U00031350ab。，か\n\ud800"
    ),
    max_size=12,
)


@given(raw=TEXT, kept=st.lists(TEXT, max_size=4), produced=st.lists(TEXT, max_size=4))
def test_the_fast_balance_agrees_with_counting_each_character(
    raw: str, kept: list[str], produced: list[str]
) -> None:
    by_hand = Counter(raw) + Counter("".join(produced))
    by_hand.subtract(Counter("".join(kept)))
    left = {ch for ch, n in by_hand.items() if n > 0 and re.fullmatch(f"[{IDEOGRAPH_CLASS}]", ch)}
    assert balanced(raw, kept, produced) == (not left)


def test_the_ideograph_numbers_cover_exactly_the_ideograph_blocks() -> None:
    numbers, count = ideograph_numbers()
    assert count == (0x4DBF - 0x3400 + 1) + (0x9FFF - 0x4E00 + 1) + (0xFAFF - 0xF900 + 1) + (
        0x3134F - 0x20000 + 1
    )
    assert len(numbers) == 0x31350
    assert [numbers[c] for c in (0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4E00, 0x3134F)] == [
        -1,
        0,
        6591,
        -1,
        6592,
        count - 1,
    ]
