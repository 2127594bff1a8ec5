"""Personal names in credit lines: `张三 李四`, `黄 波 李春风`, `王五、赵六`.

OCR spaces the characters of short names (`董 亮`); in a list of names the
single characters that stand alone are halves of a two- or three-character
name, so consecutive single characters are put back together. A line is a
name list only when every resulting token has the length of a Chinese name.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.text.charsets import HAN_CLASS

_DATA = load(__file__, "names")
#: Separators between names in a credit line.
NAME_SEPARATORS = re.compile(_DATA["separators"])
#: A token that can be a Chinese personal name: 2-3 ideographs. Four-character names
#: (compound surnames) are given up: a pair of four-character phrases is far more
#: often a headline than two names.
NAME_TOKEN = re.compile(rf"^[{HAN_CLASS}]{{2,3}}$")
#: A run of single characters longer than this is not a spaced-out name.
MAX_NAME_CHARS: int = _DATA["max_name_chars"]
#: One ideograph of the unified block: a character of a spaced-out name.
HAN_CHAR = re.compile(f"[{HAN_CLASS}]")


def split_names(text: str) -> list[str] | None:
    """The names in `text`, or None when it is not a plain list of names."""
    tokens = [t for t in NAME_SEPARATORS.split(text.strip()) if t]
    if not tokens:
        return None
    names: list[str] = []
    singles: list[str] = []

    def flush() -> bool:
        # A run of lone characters: pairs (or one triple when the count is odd).
        nonlocal singles
        run, singles = singles, []
        if not run:
            return True
        if len(run) == 1:
            return False
        if len(run) <= MAX_NAME_CHARS:
            names.append("".join(run))
            return True
        if len(run) % 2 == 0:
            names.extend("".join(run[k : k + 2]) for k in range(0, len(run), 2))
            return True
        return False

    for token in tokens:
        if len(token) == 1 and HAN_CHAR.match(token):
            singles.append(token)
            continue
        if not flush():
            return None
        names.append(token)
    if not flush():
        return None
    return names if all(NAME_TOKEN.match(n) for n in names) else None
