"""Korean inside Chinese text is another language (STYLE.md section 2): its hanja are not converted
as if they were traditional Chinese and its brackets and spaces stay its own, while the Chinese
around a Korean name is cleaned as usual. Expectations written by hand from STYLE.md; the Korean
sentences of autocorrect's suite (MIT) must come out as they went in."""

from __future__ import annotations

import json

import pytest
from paths import TESTS

import zhclean
from zhclean.tasks.text.korean import korean_spans


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # hanja in brackets between Hangul words are Korean's
        ("한자(漢字)는 중국에서", ["한자(漢字)는", "중국에서"]),
        # hanja before the first Hangul are the Chinese sentence's
        ("韓國歌手아이유（IU）很有名", ["아이유"]),
        ("漢字(한자)是韓國的叫法", ["한자"]),
        ("沒有韓文的句子", []),
    ],
)
def test_korean_spans(text: str, want: list[str]) -> None:
    assert [text[a:b] for a, b in korean_spans(text)] == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("대한민국(大韓民國)의 수도는 서울이다.", "대한민국(大韓民國)의 수도는 서울이다."),
        ("韓國歌手아이유很有名,她的歌很好聽.", "韩国歌手아이유很有名，她的歌很好听。"),
        ("漢字(한자)是韓國的叫法.", "汉字（한자）是韩国的叫法。"),
    ],
)
def test_clean_text_leaves_korean_alone(raw: str, want: str) -> None:
    assert zhclean.clean_text(raw) == want


def test_the_peers_korean_sentences_come_out_as_they_went_in() -> None:
    data = json.loads((TESTS / "peers" / "autocorrect.json").read_text(encoding="utf-8"))
    inputs = [c["input"] for c in data["cases"] if "Korean" in c.get("differs", "") and "다." in c["input"]]
    assert len(inputs) == 2
    for text in inputs:
        assert zhclean.clean_text(text) == text
