"""Japanese inside a Chinese document, found by its kana (STYLE.md section 2: a passage in another
language keeps its own characters, punctuation and quotes).

Japanese writes its words in kanji, which OpenCC converts as if they were traditional Chinese
(語 to 语, 東 to 东), and quotes with 「」, which mainland print turns into “”. Kana are what tells
the two languages apart: Chinese writes none (but の for 的). So a run of kanji and kana words
holding kana (`MIN_KANA`, `BORROWED` not counted) is Japanese: a title or a phrase in a Chinese
sentence (《千と千尋の神隠し》), a sentence of a Japanese passage. It is kept with the sentence
marks right after it; two such runs are one span with what lies between them when that is short
and closes every quote it opens (`MAX_GAP_IDEOGRAPHS`: 「引用」 between two Japanese sentences).
The quotes around a Japanese phrase in a Chinese sentence are the Chinese sentence's, so they
are typeset as Chinese.

No stage changes a character of these spans (`protect.protected_spans`, the script stage).
Known limit: a word in kanji alone at the edge of a Japanese passage (東京、 before the first
kana) is not told from Chinese.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.text.charsets import IDEOGRAPH_CLASS

_DATA = load(__file__, "japanese")
MIN_KANA: int = _DATA["min_kana"]
BORROWED: str = _DATA["borrowed"]
MAX_GAP_IDEOGRAPHS: int = _DATA["max_gap_ideographs"]

#: Hiragana and katakana letters (with their small forms and iteration marks), the katakana
#: extensions and half-width katakana; not the middle dot ・ nor the prolonged sound mark ー,
#: which Chinese text uses as punctuation too.
KANA_CLASS = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff6f\uff71-\uff9d"
KANA = re.compile(f"[{KANA_CLASS}]")
_EVIDENCE = re.compile(f"[{KANA_CLASS}]" if not BORROWED else f"(?![{BORROWED}])[{KANA_CLASS}]")
_IDEOGRAPH = re.compile(f"[{IDEOGRAPH_CLASS}]")
#: A run of Japanese words: kanji, kana, the iteration marks 々 〆 ヶ, ー and ・ between them.
_WORDS = re.compile(f"[{KANA_CLASS}{IDEOGRAPH_CLASS}々〆ヵヶー・ｰ]+")
#: The marks that end a Japanese sentence or clause, kept with it (`なります.` keeps its stop).
_ENDS = re.compile(r"[。．｡.！!？?、､…‥]*")
#: Each closing quote or bracket, and the mark that opens it.
_PAIRS = dict(zip("」』）)》〉】”’", "「『（(《〈【“‘", strict=True))
_OPENERS = frozenset(_PAIRS.values())


def japanese_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each Japanese span of `text` (none without kana)."""
    if KANA.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    for run in _WORDS.finditer(text):
        if len(_EVIDENCE.findall(run.group())) < MIN_KANA:
            continue
        start, end = run.start(), _ENDS.match(text, run.end()).end()  # type: ignore[union-attr]
        if spans and _bridges(text[spans[-1][1] : start]):
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def _bridges(gap: str) -> bool:
    """Whether the text between two Japanese runs belongs to their passage: short, and closing
    every quote or bracket it opens (none opened before it or closed after it)."""
    if len(_IDEOGRAPH.findall(gap)) > MAX_GAP_IDEOGRAPHS:
        return False
    open_marks: list[str] = []
    for ch in gap:
        if ch in _OPENERS:
            open_marks.append(ch)
        elif ch in _PAIRS and (not open_marks or open_marks.pop() != _PAIRS[ch]):
            return False
    return not open_marks
