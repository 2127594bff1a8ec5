"""Subtitle cues: the number and the timing line of each cue are no text, its words are.

A SubRip file (`.srt`) is a run of cues: a number, a timing line
(`00:00:04,500 --> 00:00:07,100`), the words, a blank line; WebVTT times its cues the
same way (with a dot before the milliseconds). Left in the text, the numbers read as page
numbers and the timings join the words into one paragraph. The timing line is
unambiguous, so it alone decides; the number right above it goes with it. Both leave the
body for metadata `cues` (number, start, end, raw line), so a caption file keeps its times.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found

RULES = RuleList()
RULE = RULES.declare(
    "furniture.subtitle_cue",
    "furniture",
    "a subtitle cue's timing line (`00:00:04,500 --> 00:00:07,100`) and the number above it leave the "
    "body for metadata `cues`; the cue's words stay, one paragraph a cue",
).name

_DATA = load(__file__, "cues")
#: A cue's timing line.
TIMING = re.compile(_DATA["timing"])
#: A cue's number, right above its timing line.
NUMBER = re.compile(_DATA["number"])


def find_cues(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    cues: list[dict[str, object]] = []
    for i, line in enumerate(lines):
        m = TIMING.match(line.text) if i not in taken else None
        if m is None:
            continue
        cue: dict[str, object] = {"line": line.number, "start": m.group("start"), "end": m.group("end")}
        above = i - 1
        if above >= 0 and above not in taken and NUMBER.match(lines[above].text):
            cue["number"] = int(lines[above].text)
            found.claims.append(Claim(above, RULE, (lines[above].text.strip(),)))
        found.claims.append(Claim(i, RULE, (line.text.strip(),)))
        cues.append(cue)
    if cues:
        found.metadata["cues"] = cues
    return found
