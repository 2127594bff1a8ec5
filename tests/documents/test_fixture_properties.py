"""Properties every fixture's output must have, whatever its expected articles: once for all.

These are not tests of correctness (the exact expectations are in the per-set test files and
tests/golden/): nothing of the raw text is lost without a record, typesetting the output again
changes nothing, and the fixers leave nothing their own lint would flag.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from unseen_fixtures import (
    assert_lint_finds_nothing_in,
    assert_lint_finds_nothing_in_the_editions,
    names,
    normalized,
    output_blocks,
    raw_text,
)

from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline import accounting
from zhclean.tasks.stages.typography import blocks as typography

#: The clean-text fixtures and the real documents (the furniture fixtures are about lines
#: leaving the body; their whole output is compared in test_golden.py).
NAMES = names("clean*.txt") + names("real_*.txt")


@pytest.mark.parametrize("name", NAMES)
def test_every_cjk_character_is_accounted_for(name: str) -> None:
    raw = raw_text(name)
    assert not accounting.unaccounted(raw, normalized(name))


@pytest.mark.parametrize("name", NAMES)
def test_typesetting_the_output_again_changes_nothing(name: str) -> None:
    """Block by block, in order, as the stage typesets them (a code fence's lines are code)."""
    blocks = [Block(b.type, b.text, 0, 0) for b in output_blocks(normalized(name), name)]  # type: ignore[arg-type]
    out, _, _ = typography.typeset_blocks(blocks, Options(), name)
    assert [b.text for b in out] == [b.text for b in blocks]


@pytest.mark.parametrize("name", NAMES)
def test_lint_finds_nothing_the_fixer_left(name: str) -> None:
    assert_lint_finds_nothing_in(normalized(name), name)


def test_lint_finds_nothing_the_fixer_left_in_the_editions(tmp_path: Path) -> None:
    """What `zhclean lint` reads: the JSON edition folder and each Markdown file."""
    assert_lint_finds_nothing_in_the_editions([normalized(name) for name in NAMES], tmp_path)
