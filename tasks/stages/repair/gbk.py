"""GBK bytes read as Latin-1 (`ÄãºÃ`): what both ftfy's guard and the mojibake rule must recognise.

Kept apart from both modules so neither imports the other: `unicode_fixes` keeps
ftfy away from these runs (it would take them for broken UTF-8 and destroy the
bytes), and `mojibake` reverses them (`repair.mojibake_latin1`).
"""

from __future__ import annotations

import re

from zhclean.tasks.text.charsets import CJK_CLASS, COMMON_PUNCT, rare_count

LATIN1_RUN = re.compile(r"[\u0080-\u00ff]{2,}")


def latin1_as_gbk(m: re.Match[str]) -> str:
    """The GBK reading of a Latin-1 run, or the run itself when it is not a GBK byte stream."""
    run = m.group()
    letters = sum(1 for ch in run if ch.isalpha())
    if len(run) % 2 or len(set(run)) == 1 or letters * 2 < len(run):
        return run  # odd length, `······`, or mostly symbols: not a byte stream
    try:
        decoded = run.encode("latin-1").decode("gbk")
    except UnicodeError:
        return run
    if not all(re.fullmatch(f"[{CJK_CLASS}]|[{COMMON_PUNCT}]", ch) for ch in decoded):
        return run
    # two Latin-1 letters are too weak a signal unless they decode to a frequent character
    if len(decoded) < 2 and rare_count(decoded):
        return run
    return decoded
