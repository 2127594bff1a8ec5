"""Korean inside a Chinese document, found by its Hangul (STYLE.md section 2: a passage in another
language keeps its own characters and punctuation).

Korean writes some words in hanja, in brackets after their Hangul (`한자(漢字)`), which OpenCC
would convert as if they were traditional Chinese and the Chinese typography would give
full-width brackets. Chinese writes no Hangul, so a run of Korean words is kept as written: from
its first Hangul syllable to its last, with the hanja and brackets between them (the spaces
between Korean words are no business of the Chinese rules either). Hanja before the first
Hangul syllable (`韓國歌手아이유`) are the Chinese sentence's.

No stage changes a character of these spans (`protect.protected_spans`, the script stage).
"""

from __future__ import annotations

import re

from zhclean.tasks.text.charsets import IDEOGRAPH_CLASS

#: Hangul syllables and jamo (compatibility jamo too, as in ㅋㅋ).
HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff"
HANGUL = re.compile(f"[{HANGUL_CLASS}]")
#: A run of Korean words with their hanja in brackets, from a Hangul letter to a Hangul letter.
_RUN = re.compile(f"[{HANGUL_CLASS}](?:[{HANGUL_CLASS}{IDEOGRAPH_CLASS}()（）·]*[{HANGUL_CLASS}])?")


def korean_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each run of Korean words in `text` (none without Hangul)."""
    if HANGUL.search(text) is None:
        return []
    return [m.span() for m in _RUN.finditer(text)]
