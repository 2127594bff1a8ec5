"""Output text is NFC: a last pass over the blocks, after every other edit.

Ingest already normalises to NFC, but a later edit can break it again: removing
a zero-width space between two combining marks leaves them in non-canonical
order. This pass restores NFC and logs the change like any other rule.
"""

from __future__ import annotations

import unicodedata

from zhclean.tasks.core.model import Block, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, apply_rules

#: This module's rules, in the order they run.
RULES = RuleList()

STAGE = "final"


def _find_non_nfc(text: str, _options: Options) -> list[Change]:
    if unicodedata.is_normalized("NFC", text):
        return []
    return [Change(0, len(text), unicodedata.normalize("NFC", text))]


RULES.add(Rule("unicode.nfc", STAGE, "text is in Unicode normal form C", _find_non_nfc))


def normalize_blocks(blocks: list[Block], options: Options) -> tuple[list[Block], list[Edit]]:
    """Apply the `final` rules (NFC) to each block."""
    out: list[Block] = []
    edits: list[Edit] = []
    for block in blocks:
        text, new = apply_rules(tuple(RULES), STAGE, block.text, options, block.start)
        edits.extend(new)
        out.append(Block(block.type, text, block.start, block.end, block.level))
    return out, edits
