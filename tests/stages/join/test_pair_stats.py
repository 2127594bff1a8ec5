"""The junction test's counts: characters and adjacent pairs of a document, white space aside,
never across two of its lines. Expected counts read off the texts by hand."""

from __future__ import annotations

from zhclean.tasks.stages.join.decision import PairStats

TEXTS = ["哈哈哈，好 好", "好人\t好事", "人好"]


def test_pairs_are_adjacent_characters_of_one_line_without_spaces() -> None:
    stats = PairStats(TEXTS)
    assert stats.pairs("哈哈") == 2  # overlapping: 哈哈哈 holds two
    assert stats.pairs("好好") == 1  # across the space of `好 好`
    assert stats.pairs("人好") == 2  # `好人\t好事` without its tab, and the last line
    assert stats.pairs("好人") == 1  # the first line ends in 好, the second starts with 人: not a pair
    assert stats.pairs("事人") == 0  # the second line's end and the third's start
    assert stats.pairs("，好") == 1


def test_characters_are_counted_over_every_line() -> None:
    stats = PairStats(TEXTS)
    assert [stats.chars(c) for c in "哈好人事，"] == [3, 5, 2, 1, 1]
    assert stats.chars(" ") == stats.chars("\n") == stats.chars("\t") == 0


def test_a_pair_the_document_uses_often_is_a_word() -> None:
    # the thresholds (paragraphs.toml): the pair at least twice, and at least 15 % of the
    # rarer character's occurrences
    stats = PairStats(["人民的生活", "人民的利益", "为人民服务", "人们", "生日"])
    assert stats.is_word("人", "民")  # 3 pairs; 人 four times, 民 three
    assert stats.is_word("民", "的")  # 2 pairs; 的 twice
    assert not stats.is_word("生", "活")  # once only
    assert not stats.is_word("服", "人")  # never adjacent
    assert not stats.is_word("a", "b")  # not Chinese
    thin = PairStats(["天气", "天气", *["气" * 1 for _ in range(12)]])
    assert thin.pairs("天气") == 2 and thin.chars("气") == 14 and thin.chars("天") == 2
    assert thin.is_word("天", "气")  # the rarer character is 天: 2 of 2
    crowded = PairStats(["天气", "天气", *["天" for _ in range(12)], *["气" for _ in range(12)]])
    assert not crowded.is_word("天", "气")  # 2 pairs of 14: under 15 %
