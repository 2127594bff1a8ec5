"""Section labels with their transliteration: `XX观察 GUANCHA` (STYLE.md section 5).

Newspaper pages label a column with a few Chinese words and their pinyin or
English in capitals. The label is not body text; it names the section of the
articles that follow it, so it is reported in `metadata["section_labels"]`
with its raw line and the segmenter assigns `section` from it.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, squeeze
from zhclean.tasks.text.charsets import HAN_CLASS

RULES = RuleList()
RULE = RULES.declare(
    "furniture.section_label",
    "furniture",
    "a section label with its transliteration (`XX观察 GUANCHA`) leaves the body for metadata `section_labels`",
).name

#: Chinese words (joined by spaces or a middle dot: `民生·关注`), a space, then capital
#: Latin words (either order).
_CJK = rf"(?P<text>[{HAN_CLASS}](?:[{HAN_CLASS} ·・•]{{0,10}}[{HAN_CLASS}]))"
_DATA = load(__file__, "section_labels")
_LATIN: str = _DATA["latin"]
LABEL = (re.compile(rf"^{_CJK}\s+{_LATIN}$"), re.compile(rf"^{_LATIN}\s+{_CJK}$"))
#: Fewer capital letters than this is an acronym (`APP`, `GDP`), not a transliteration.
MIN_LATIN_LETTERS: int = _DATA["limits"]["min_latin_letters"]


def parse_label(text: str) -> tuple[str, str] | None:
    """(Chinese label, Latin transliteration) when the line is a section label."""
    text = bare(text)
    for pattern in LABEL:
        m = pattern.match(text)
        if m and len(squeeze(m.group("latin"))) >= MIN_LATIN_LETTERS:
            return squeeze(m.group("text")), m.group("latin")
    return None


def find_section_labels(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    labels: list[dict[str, object]] = []
    for i, line in enumerate(lines):
        if i in taken or not (parsed := parse_label(line.text)):
            continue
        text, latin = parsed
        labels.append({"line": line.number, "text": text, "latin": latin})
        found.claims.append(Claim(i, RULE, (text,)))
    if labels:
        found.metadata["section_labels"] = labels
    return found
