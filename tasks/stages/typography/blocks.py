"""Punctuation, quotes, ellipses, dashes and spacing, per block (STYLE.md sections 2 and 3).

Per block, so quote pairing never crosses a paragraph. The rules live in
`punctuation`, `quotes` and `spacing` (imported here in that order, which is
the order they run in: spacing sees the marks the punctuation rules made
full-width). Which stages a block gets depends on its type: a headline keeps
one space between its clauses, a paragraph or caption keeps none.
"""

from __future__ import annotations

from zhclean.tasks.core.model import Block, BlockType, Edit, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule, apply_rules
from zhclean.tasks.stages.typography import punctuation, quotes, spacing
from zhclean.tasks.stages.typography.guard import guard

#: The typography rules in the order they run. Odd spaces first: a zero-width space between
#: two quotes hid that they were neighbours, and the quotes paired differently once it was
#: gone (typesetting twice gave another result). Then quotes (the marks after them see curled
#: quotes), then punctuation, then the other spacing rules (they see the full-width marks).
#: Every rule runs on the text with its protected spans (code, URLs, Markdown syntax) masked.
RULES: tuple[Rule, ...] = tuple(
    guard(rule)
    for rule in (
        spacing.SPACE_UNICODE,
        *quotes.RULES,
        *punctuation.RULES,
        *(r for r in spacing.RULES if r is not spacing.SPACE_UNICODE),
    )
)

#: The rule groups each block type gets, in order.
STAGES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "heading": (punctuation.STAGE, spacing.HEADING_STAGE),
    "paragraph": (punctuation.STAGE, spacing.BODY_STAGE),
    "caption": (punctuation.STAGE, spacing.BODY_STAGE),
}

#: Stages that only make sense for other block types; the linter leaves them out for this type.
ALL_TYPOGRAPHY_STAGES = frozenset(s for stages in STAGES_BY_TYPE.values() for s in stages)


def stages_for(block_type: BlockType | str) -> tuple[str, ...]:
    return STAGES_BY_TYPE.get(block_type, STAGES_BY_TYPE["paragraph"])


def excluded_stages(block_type: BlockType | str) -> frozenset[str]:
    """Typography stages that do not apply to this block type (for check mode)."""
    return ALL_TYPOGRAPHY_STAGES - set(stages_for(block_type))


def typeset_text(
    text: str, block_type: BlockType | str, options: Options, line: int
) -> tuple[str, list[Edit]]:
    """Apply the typography stages of one block type to a text."""
    edits: list[Edit] = []
    for stage in stages_for(block_type):
        text, new = apply_rules(RULES, stage, text, options, line)
        edits.extend(new)
    return text, edits


def quote_problems(text: str, source: str, line: int, options: Options) -> list[Problem]:
    """One problem per unpaired quote left in a block: reported, not guessed."""
    if not options.enabled("punct.unpaired_quote"):
        return []
    problems = []
    for i in quotes.unpaired_quotes(text):
        context = text[max(0, i - 10) : i + 11]
        problems.append(
            Problem(
                source, "typography", "unpaired_quote", f"line {line}, offset {i}: {text[i]} in …{context}…"
            )
        )
    return problems


def guess_problems(edits: list[Edit], source: str) -> list[Problem]:
    """A quote restored in an enumeration is a guess: each one is reported for a human to check."""
    return [
        Problem(
            source,
            "typography",
            "guessed_quote",
            f"line {e.line}, offset {e.offset}: an enumeration lost a quote, restored {e.before} -> {e.after}",
        )
        for e in edits
        if e.kind == quotes.ENUMERATION_RULE
    ]


def typeset_blocks(
    blocks: list[Block], options: Options, source: str
) -> tuple[list[Block], list[Edit], list[Problem]]:
    """Apply the typography rules to each block, by type; report unpaired and guessed quotes."""
    out: list[Block] = []
    edits: list[Edit] = []
    problems: list[Problem] = []
    for block in blocks:
        text, new = typeset_text(block.text, block.type, options, block.start)
        edits.extend(new)
        problems.extend(guess_problems(new, source))
        problems.extend(quote_problems(text, source, block.start, options))
        out.append(Block(block.type, text, block.start, block.end, block.level))
    return out, edits, problems
