"""Japanese inside Chinese text is another language (STYLE.md section 2): its kanji are not
converted as if they were traditional Chinese and its quotes and stops stay its own, while the
Chinese around it is cleaned as usual. Expectations written by hand from STYLE.md; the Japanese
sentences of the peers' suites (autocorrect, MIT) must come out as they went in."""

from __future__ import annotations

import json

import pytest
from paths import TESTS

import zhclean
from zhclean.tasks.text.japanese import japanese_spans


def spanned(text: str) -> list[str]:
    return [text[start:end] for start, end in japanese_spans(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a title in a Chinese sentence: the title alone, not its brackets
        ("宮崎駿的動畫電影《千と千尋の神隠し》在中國上映", ["千と千尋の神隠し"]),
        # a quoted Japanese sentence keeps its stop; the quotes are the Chinese sentence's
        ("他說：「これはペンです。」然後離開了。", ["これはペンです。"]),
        # a Japanese passage: its sentences, the kanji word between its quotes and its marks
        (
            "日本語の文章です。「引用」と、カタカナのテキスト。これはペンです。",
            ["日本語の文章です。「引用」と、カタカナのテキスト。これはペンです。"],
        ),
        # a name with the middle dot of katakana
        ("ジョン・スミスさんは東京に住んでいます。", ["ジョン・スミスさんは東京に住んでいます。"]),
        # two titles with a Chinese clause between: each title alone
        ("《千と千尋の神隠し》和《となりのトトロ》都是他的作品", ["千と千尋の神隠し", "となりのトトロ"]),
        # の for 的 is Chinese web writing, and a lone kana is no evidence
        ("台灣の美食推薦", []),
        ("我の最愛の歌曲", []),
        ("新雪谷（ニ）", []),
        ("純中文的句子，沒有假名。", []),
    ],
)
def test_japanese_spans(text: str, want: list[str]) -> None:
    assert spanned(text) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # the Chinese is converted and typeset, the Japanese title is not
        (
            "宮崎駿的動畫電影《千と千尋の神隠し》在中國上映,票房很好.",
            "宫崎骏的动画电影《千と千尋の神隠し》在中国上映，票房很好。",
        ),
        ("他說:「これはペンです。」然後離開了。", "他说：“これはペンです。”然后离开了。"),
        ("這本書的日文原名是「走れメロス」,作者是太宰治。", "这本书的日文原名是“走れメロス”，作者是太宰治。"),
        # a Japanese sentence on its own is left as it is: 語 東 stay, 「」 stay
        ("日本語の文章です。「引用」と、東京のテキスト。", "日本語の文章です。「引用」と、東京のテキスト。"),
        # Chinese that writes の for 的 is still Chinese
        ("台灣の美食推薦:牛肉麵、滷肉飯。", "台湾の美食推荐：牛肉面、卤肉饭。"),
    ],
)
def test_clean_text_leaves_japanese_alone(raw: str, want: str) -> None:
    assert zhclean.clean_text(raw) == want


def japanese_peer_inputs() -> list[str]:
    """autocorrect's Japanese sentences (its cases marked as Japanese or Korean, those in Japanese:
    polite endings in ます)."""
    data = json.loads((TESTS / "peers" / "autocorrect.json").read_text(encoding="utf-8"))
    return [c["input"] for c in data["cases"] if "Japanese" in c.get("differs", "") and "ます" in c["input"]]


def test_the_peers_japanese_sentences_come_out_as_they_went_in() -> None:
    inputs = japanese_peer_inputs()
    # the Rust sentence (its 愛用 not made 爱用) and one that ends its sentences with "." (kept)
    assert len(inputs) == 2
    assert any(text.endswith("みましょう.") for text in inputs)
    for text in inputs:
        assert zhclean.clean_text(text) == text


def test_a_japanese_document_is_neither_converted_nor_retypeset() -> None:
    raw = "日本語の文章です。「東京」と、カタカナのテキスト。\n\n東京都は日本の首都である。\n"
    doc = zhclean.normalize(raw, "ja.txt")
    assert [b.text for a in doc.articles for b in a.blocks] == [
        "日本語の文章です。「東京」と、カタカナのテキスト。",
        "東京都は日本の首都である。",
    ]
    assert not [e for e in doc.edits if e.before != e.after]
