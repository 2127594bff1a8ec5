"""The aspect particle 著 -> 着, keeping 著 where it means "to write / notable" (STYLE.md section 1).

`t2s` leaves 著 everywhere (看著 stays 看著); `tw2s` changes it everywhere it
can (原著 -> 原着, a byline `某某 著` -> `某某 着`, and the reimplemented
table even turns 慰藉著 into 慰借着). The pattern: 著 directly after a CJK
character is the particle, unless it forms one of the zhù words below with
its neighbour; at the start of a word it is 着 in a few zhuó words (着急).
An author credit `某某 著` has a space (or `/`) before 著, so
the pattern, which wants a CJK character right before it, never touches it.

In a simplified document (and in lint, which checks finished simplified text)
the particle is written 着, so a 著 there is almost always zhù (所著, 主著,
`作者张三著`): it changes only where the particle is certain, after one of the
verbs that take it (看著, 随著) or in a zháo word (著急), and never next to a
zhù-word partner (有著作 stays: "has works"). The stage picks the finder by the
document's script (`PARTICLE_ZHE_SIMPLIFIED` where the document is simplified
and shows it, `PARTICLE_ZHE_TRADITIONAL` otherwise); lint, which sees one line,
by the line's (the pattern above where the line has a traditional-only character).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.stages.script.engine import FOLDER, load_dictionary
from zhclean.tasks.text.charsets import CJK_CLASS

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "particle_zhe")

#: Characters that, before 著, make a zhù word: 显著 原著 编著 ...
ZHU_BEFORE = frozenset(_DATA["zhu_before"])
#: Characters that, after 著, make a zhù word: 著名 著作 著述 ...
ZHU_AFTER = frozenset(_DATA["zhu_after"])

#: Characters that, after 著 at the start of a word, make a zhuó/zháo word written 着: 着急 着想 ...
ZHAO_AFTER = frozenset(_DATA["zhao_after"])

#: Verbs that take the particle: after one of these, 著 is 着 even before a zhù-word partner.
PARTICLE_VERBS = frozenset(_DATA["particle_verbs"])

#: An author credit without its space (`张三著`): 著 ends the text after a short run ...
#: ... but a run that starts with a pronoun is a sentence (`他看著`), not a name.
PRONOUNS: str = _DATA["pronouns"]
#: A name is 2-3 hanzi, or a transcribed foreign name with its middle dot.
CREDIT = re.compile(
    f"(?:^|[^{CJK_CLASS}·])(?![{PRONOUNS}])(?:[{CJK_CLASS}]{{2,3}}|[{CJK_CLASS}]+·[{CJK_CLASS}·]+)(著)\\s*$"
)

ZHE = re.compile("著")
CJK_BEFORE = re.compile(f"[{CJK_CLASS}]")


def find_particles(text: str, _options: Options) -> Iterable[Change]:
    """Every 著 that is the aspect particle in traditional text, to become 着."""
    if "著" not in text:
        return
    credit = CREDIT.search(text)
    for m in ZHE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if credit and m.start() == credit.start(1):
            continue  # `张三著` at the end of a line: an author credit
        if before and before in ZHU_BEFORE:
            continue
        if after and after in ZHU_AFTER and not (before in PARTICLE_VERBS and after != "名"):
            continue
        if CJK_BEFORE.fullmatch(before) or (after and after in ZHAO_AFTER):
            yield Change(m.start(), m.end(), "着")


def find_particles_in_simplified(text: str, _options: Options) -> Iterable[Change]:
    """Every 著 of simplified text that is certainly the particle: after a verb that takes it,
    or starting a zháo word; never next to a zhù-word partner."""
    if "著" not in text:
        return
    for m in ZHE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if (before and before in ZHU_BEFORE) or (after and after in ZHU_AFTER):
            continue
        if (before and before in PARTICLE_VERBS) or (after and after in ZHAO_AFTER):
            yield Change(m.start(), m.end(), "着")


#: Characters only traditional text has: the keys OpenCC's TSCharacters changes, but for the
#: ones that are ordinary simplified characters too (convert.toml's `also_simplified`).
TRADITIONAL_ONLY = frozenset(
    k
    for k, v in load_dictionary(str(FOLDER / "dictionary" / "TSCharacters.txt"))[2].items()
    if v.split(" ")[0] != k
) - frozenset(load(__file__, "convert")["also_simplified"])


def find_particles_by_script(text: str, options: Options) -> Iterable[Change]:
    """The traditional pattern in a text with a traditional-only character, else the simplified one."""
    if "著" not in text:
        return ()
    traditional = not TRADITIONAL_ONLY.isdisjoint(text)
    return (find_particles if traditional else find_particles_in_simplified)(text, options)


PARTICLE_ZHE = RULES.add(
    Rule(
        "script.particle_zhe",
        "script",
        "the aspect particle 著 (看著) becomes 着; 著名/原著 stay",
        find_particles_by_script,
        could_apply=containing("著"),
    )
)
#: The same rule (same name, switched off together) with the finder for one script.
PARTICLE_ZHE_TRADITIONAL = replace(PARTICLE_ZHE, find=find_particles)
PARTICLE_ZHE_SIMPLIFIED = replace(PARTICLE_ZHE, find=find_particles_in_simplified)
