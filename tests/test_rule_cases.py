"""Rule cases as data: every rule of the catalogue, shown firing and shown holding back.

`tests/cases/<stage>.json` holds, per rule, examples written by hand or taken
from a peer's test suite (its `source` says which), not computed by the code:

    {"rule": "repair.html_entity", "input": "甲&amp;乙", "output": "甲&乙"}
    {"rule": "repair.html_entity", "input": "AT&T", "fires": false}

A case runs the whole pipeline on `input` (as a UTF-8 file, or `input_bytes` in hex) up to the stage that owns
the rule, with `options` if given. A positive case (`fires` true, the default) must
record the rule (as an edit kind or a removed reason) and match every expectation it
states; a negative case must not record it, and its `output`, when given, is what the
stage leaves. Expectations:

- `output`: the text after the stage: lines joined by "\n" before join, blocks joined
  by "\n\n" after it; for segment, the articles as `title|block|block…` joined by "\n\n".
- `records`: exactly the rule's records, each `[before, after]` (an edit) or
  `[text, null]` (text removed with the rule as its reason).
- `metadata`: fields the document metadata must hold after the stage.
- `articles`: per article, the fields it must hold (`title`, `authors`, `date` …).
- `moves_to_metadata` true: the rule keeps a line whole in metadata (a masthead field, a
  section label), so it leaves no record; the case fires when the metadata it states is
  there and switching the rule off leaves that metadata out.
- `lint` true: the rule is a check-mode rule; the case is about `zhclean lint`
  finding (`fires`) or not finding it in `input`, with `records` as `[found]`.

Three catalogue-wide checks: every rule has a positive and a negative case; every
rule that can be disabled changes its positive cases' output when it is (and then
leaves no record); every case names a rule of the catalogue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from paths import CASES

from zhclean.tasks.check.lint import check_text
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import State
from zhclean.tasks.pipeline.catalogue import CATALOGUE
from zhclean.tasks.pipeline.run import run_until

LINE_STAGES = {"ingest", "repair", "script", "furniture", "typography_metadata"}


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    rule: str
    input: str
    fires: bool = True
    output: str | None = None
    records: list[list[str | None]] | None = None
    metadata: dict[str, Any] | None = None
    articles: list[dict[str, Any]] | None = None
    lint: bool = False
    moves_to_metadata: bool = False
    #: the raw file as hex, for a case about bytes that are not UTF-8 (`input` is then "")
    input_bytes: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}:{'+' if self.fires else '-'}:{self.file}#{self.index}"


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for i, raw in enumerate(data["cases"]):
            cases.append(Case(file=path.name, index=i, **raw))
    return cases


CASES_LIST = load_cases()


def options_for(case: Case, disabled: frozenset[str] = frozenset()) -> Options:
    return Options(disabled_rules=disabled, **case.options)


def text_after(state: State, stage: str) -> str:
    if stage in LINE_STAGES:
        return "\n".join(line.text for line in state.lines)
    if stage == "segment":
        return "\n\n".join("|".join([a.title, *(b.text for b in a.blocks)]) for a in state.articles)
    return "\n\n".join(b.text for b in state.blocks)


def records_of(state: State, rule: str) -> list[list[str | None]]:
    doc = state.document
    edits: list[list[str | None]] = [[e.before, e.after] for e in doc.edits if e.kind == rule]
    removed: list[list[str | None]] = [[r.text, None] for r in doc.removed if r.reason == rule]
    return edits + removed


def run_case(case: Case, disabled: frozenset[str] = frozenset()) -> State:
    stage = CATALOGUE[case.rule].stage
    data = bytes.fromhex(case.input_bytes) if case.input_bytes else case.input.encode("utf-8")
    return run_until(data, "case.txt", options_for(case, disabled), until=stage)


@pytest.mark.parametrize("case", CASES_LIST, ids=lambda c: c.id)
def test_rule_case(case: Case) -> None:
    assert case.rule in CATALOGUE, f"{case.file}: {case.rule} is not a rule of the catalogue"
    if case.lint:
        found = [[v.found] for v in check_text(case.input, options_for(case)) if v.rule == case.rule]
        assert bool(found) == case.fires, found
        if case.records is not None:
            assert found == case.records
        return
    state = run_case(case)
    stage = CATALOGUE[case.rule].stage
    records = records_of(state, case.rule)
    if case.moves_to_metadata:
        assert case.fires and case.metadata, "a moves_to_metadata case states the metadata it moves"
        off = run_case(case, frozenset({case.rule}))
        assert {k: off.metadata.get(k) for k in case.metadata} != case.metadata
    else:
        assert bool(records) == case.fires, records
    if case.records is not None:
        assert records == case.records
    if case.output is not None:
        assert text_after(state, stage) == case.output
    if case.metadata is not None:
        assert {k: state.metadata.get(k) for k in case.metadata} == case.metadata
    if case.articles is not None:
        assert len(state.articles) == len(case.articles)
        for article, want in zip(state.articles, case.articles, strict=True):
            assert {k: getattr(article, k) for k in want} == want


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    positive = {c.rule for c in CASES_LIST if c.fires}
    negative = {c.rule for c in CASES_LIST if not c.fires}
    missing = [
        f"{name} ({'no positive' if name not in positive else ''}{' no negative' if name not in negative else ''})"
        for name in CATALOGUE
        if name not in positive or name not in negative
    ]
    assert not missing, f"{len(missing)} rules lack cases: " + "; ".join(missing)


DISABLEABLE = [c for c in CASES_LIST if c.fires and not c.lint and not CATALOGUE[c.rule].rule.fixed]


@pytest.mark.parametrize("case", DISABLEABLE, ids=lambda c: c.id)
def test_disabling_a_rule_switches_it_off(case: Case) -> None:
    """`--disable <rule>` really disables it: no record of it, and the case comes out otherwise
    (its text, metadata, removed text, or its blocks' types: a heading is no paragraph)."""
    on = run_case(case)
    off = run_case(case, frozenset({case.rule}))
    assert records_of(off, case.rule) == []
    stage = CATALOGUE[case.rule].stage
    assert (text_after(off, stage), off.metadata, off.document.removed, [b.type for b in off.blocks]) != (
        text_after(on, stage),
        on.metadata,
        on.document.removed,
        [b.type for b in on.blocks],
    )
