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
from zhclean.tasks.stages.typography import markdown, punctuation, quotes, spacing
from zhclean.tasks.stages.typography.guard import guard, masked

#: The typography rules in the order they run. Odd spaces first: a zero-width space between
#: two quotes hid that they were neighbours, and the quotes paired differently once it was
#: gone (typesetting twice gave another result). Then quotes (the marks after them see curled
#: quotes), then punctuation, then the other spacing rules (they see the full-width marks).
#: Every rule runs on the text with its protected spans (code, URLs, Markdown syntax) masked.
#: The Markdown decisions over whole blocks (`markdown.RULES`: code fences, heading ids) come first.
RULES: tuple[Rule, ...] = (
    *markdown.RULES,
    *(
        guard(rule)
        for rule in (
            spacing.SPACE_UNICODE,
            *quotes.RULES,
            *punctuation.RULES,
            *(r for r in spacing.RULES if r is not spacing.SPACE_UNICODE),
        )
    ),
)

#: The rule groups each block type gets, in order.
STAGES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "heading": (punctuation.STAGE, spacing.HEADING_STAGE),
    "paragraph": (punctuation.STAGE, spacing.BODY_STAGE),
    "caption": (punctuation.STAGE, spacing.BODY_STAGE),
    # code is left as written (`markup.code_fence`): no typography stage applies
    "code": (),
}

#: Stages that only make sense for other block types; the linter leaves them out for this type.
ALL_TYPOGRAPHY_STAGES = frozenset(s for stages in STAGES_BY_TYPE.values() for s in stages)


def stages_for(block_type: BlockType | str) -> tuple[str, ...]:
    """The typography stages of a block type (a type unknown here is typeset as a paragraph)."""
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
    """One problem per unpaired quote left in a block: reported, not guessed. Protected spans
    are masked first, as the rules saw them: a quote inside code (Rust's lifetime `'a`, a shell
    `'x'`) or a URL is no quote of the prose."""
    if not options.enabled("punct.unpaired_quote"):
        return []
    problems = []
    for i in quotes.unpaired_quotes(masked(text)):
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
    """Apply the typography rules to each block, by type; report unpaired and guessed quotes.

    A `code` block comes out as it went in (`markup.code_fence`; switched off, it is typeset as a
    paragraph); a heading's attribute block leaves its text (`markup.heading_id`)."""
    out: list[Block] = []
    edits: list[Edit] = []
    problems: list[Problem] = []
    code = options.enabled(markdown.RULE_CODE_FENCE)
    ids = options.enabled(markdown.RULE_HEADING_ID)
    for block in blocks:
        if block.type == "code" and code:
            first = block.text.split("\n", 1)[0]
            edits.append(Edit("typography", markdown.RULE_CODE_FENCE, first, first, block.start, 0))
            out.append(block)
            continue
        text = block.text
        if ids and block.type == "heading":
            text, anchor = markdown.split_heading_id(text)
            if anchor is not None:
                edits.append(
                    Edit(
                        "typography",
                        markdown.RULE_HEADING_ID,
                        block.text[len(text) :],
                        "",
                        block.start,
                        len(text),
                    )
                )
        kind = "paragraph" if block.type in ("code", "table") else block.type  # code: its rule off
        rows = text.split("\n") if block.type == "table" else [text]  # a table row by row
        done = []
        for i, row in enumerate(rows):
            row, new = typeset_text(row, kind, options, block.start + i)
            edits.extend(new)
            problems.extend(guess_problems(new, source))
            problems.extend(quote_problems(row, source, block.start + i, options))
            done.append(row)
        text = "\n".join(done)
        out.append(Block(block.type, text, block.start, block.end, block.level))
    return out, edits, problems
