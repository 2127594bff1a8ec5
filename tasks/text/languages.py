"""Other languages written with Chinese characters, inside a Chinese document (STYLE.md section 2:
a passage in another language keeps its own characters and marks): Japanese, told by its kana
(`japanese`), and Korean, by its Hangul (`korean`). One list of spans for the stages that leave
them as written (`protect.protected_spans`, the script stage)."""

from __future__ import annotations

from zhclean.tasks.text.japanese import japanese_spans
from zhclean.tasks.text.korean import korean_spans


def other_language_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each Japanese or Korean span of `text`, sorted."""
    return sorted(japanese_spans(text) + korean_spans(text))
