"""The pipeline's stages applied to a piece of text rather than a whole document.

What the public API (`zhclean.clean_text` and friends) runs: the same stage
objects and rules as a document, minus the stages that need a whole document
(furniture, join, segment). Each line of a fragment is typeset as one paragraph,
and blank lines stay where they are.
"""

from __future__ import annotations

from zhclean.tasks.core.model import Block, Edit, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import State, merge
from zhclean.tasks.pipeline.run import new_state
from zhclean.tasks.stages import final, repair, script, typography
from zhclean.tasks.stages.typography.blocks import typeset_text


def _fragment_state(text: str) -> State:
    state = new_state(text.encode("utf-8"), "<text>")
    state.lines = [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]
    return state


def _as_blocks(state: State, block_type: str) -> None:
    state.blocks = [Block(block_type, ln.text, ln.number, ln.number) for ln in state.lines if ln.text.strip()]  # type: ignore[arg-type]


def _from_blocks(state: State) -> str:
    by_line = {b.start: b.text for b in state.blocks}
    return "\n".join(by_line.get(ln.number, ln.text) for ln in state.lines)


def clean_fragment(text: str, options: Options) -> tuple[str, list[Edit]]:
    """repair -> script -> typography -> NFC over `text`, line by line; the text and its edits."""
    state = _fragment_state(text)
    for stage in (repair.STAGE, script.STAGE):
        merge(state, stage.run(state, options))
    _as_blocks(state, "paragraph")
    for stage in (typography.STAGE, final.STAGE):
        merge(state, stage.run(state, options))
    return _from_blocks(state), state.document.edits


def convert_fragment(text: str, options: Options) -> tuple[str, list[Edit]]:
    """Only the script stage: traditional or mixed script to simplified."""
    state = _fragment_state(text)
    merge(state, script.STAGE.run(state, options))
    return "\n".join(ln.text for ln in state.lines), state.document.edits


def typeset_fragment(text: str, options: Options, block_type: str = "paragraph") -> tuple[str, list[Edit]]:
    """Only typography (punctuation, quotes, spacing) for text of one block type, line by line."""
    edits: list[Edit] = []
    out: list[str] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            out.append(line)
            continue
        new, found = typeset_text(line, block_type, options, n)
        out.append(new)
        edits.extend(found)
    return "\n".join(out), edits
