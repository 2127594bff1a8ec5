"""One rule catalogue: every name the pipeline writes is a rule `zhclean rules` lists."""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import pytest
from paths import RAW, UNSEEN

from zhclean.tasks.pipeline.catalogue import CATALOGUE, UnknownRule, check_disabled
from zhclean.tasks.pipeline.run import normalize_document


@cache
def names_written() -> dict[str, str]:
    """Every edit kind and removed reason of a run over raw/ and the fixtures -> one file using it."""
    seen: dict[str, str] = {}
    for path in [*sorted(RAW.glob("*.txt")), *sorted(UNSEEN.glob("*.txt"))]:
        doc = normalize_document(path.read_bytes(), path.name)
        for name in [*(e.kind for e in doc.edits), *(r.reason for r in doc.removed)]:
            seen.setdefault(name, path.name)
    return seen


def test_every_name_in_the_edit_log_and_removed_records_is_a_rule() -> None:
    unknown = {name: where for name, where in names_written().items() if name not in CATALOGUE}
    assert unknown == {}


def test_zhclean_rules_lists_them_by_stage() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "zhclean.flows", "rules"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "400", "PATH": ""},
    ).stdout
    listed = {line.split("│")[2].strip() for line in out.splitlines() if line.count("│") >= 4}
    assert set(names_written()) <= listed


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("repair.html_entiti", "repair.html_entity"), ("nosuch.", None), ("no.such.rule", None)],
)
def test_disabling_an_unknown_rule_is_an_error_with_the_closest_names(
    name: str, suggestion: str | None
) -> None:
    with pytest.raises(UnknownRule) as err:
        check_disabled([name])
    if suggestion is not None:
        assert suggestion in err.value.suggestions
    assert name in str(err.value)


def test_a_rule_group_prefix_is_accepted() -> None:
    check_disabled(["punct.", "repair.html_entity"])
