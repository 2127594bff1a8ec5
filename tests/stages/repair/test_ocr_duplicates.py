"""The doubled-clause search tries the backtracking regex only where a clause can start: the same
changes as the regex tried at every character, which is what the rule means."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.repair import ocr_duplicates as dup


def every_character(text: str) -> list[tuple[int, int, str]]:
    """The rule as written down: `CLAUSE_TWICE.finditer` over the whole line."""
    found = []
    for m in dup.CLAUSE_TWICE.finditer(text):
        new = dup.keep_once(m)
        if new != m.group():
            found.append((m.start(), m.end(), new))
    return found


def changes(text: str) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.replacement) for c in dup.find_duplicate_clauses(text, Options())]


def test_clause_starts_are_where_a_run_of_eight_comes_again_within_a_clause() -> None:
    # counted by hand: 今天天气很好我们去 (9 characters) twice from 2; the run of 8 at 2 comes
    # again at 11; the run at 3 again at 12 (the clause shifted by one is no clause of the text,
    # but its run comes again, so the regex is tried there too)
    text = "开始今天天气很好我们去今天天气很好我们去了"
    assert dup.clause_starts(text) == [2, 3]
    assert changes(text) == [(2, 20, "今天天气很好我们去")]
    # the same run 90 characters later (81 different ones between) is too far for one clause
    far = "今天天气很好我们去" + "".join(chr(0x4E00 + i) for i in range(81)) + "今天天气很好我们去"
    assert dup.clause_starts(far) == []
    # a run of 8 again exactly 82 characters on (the longest clause) starts one; 83 on, none
    run = "".join(chr(0x4E00 + i) for i in range(8))
    filler = "".join(chr(0x5000 + i) for i in range(80))
    assert dup.clause_starts(run + filler[:74] + run) == [0]
    assert dup.clause_starts("甲" + run + filler[:74] + run) == [1]
    assert dup.clause_starts(run + filler[:75] + run) == []
    # a chant: each run of 8 of its 24 characters comes again 2, 4, 6, 8... later; a clause is 8
    # long at least, so only the runs starting at 0 to 8 (again at 8 to 16) can start one
    assert dup.clause_starts("加油" * 12) == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert changes("加油" * 12) == []


@given(
    st.text(alphabet="天地人你我，。的a ", max_size=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=95),
)
def test_the_same_changes_as_the_regex_at_every_character(base: str, at: int, length: int) -> None:
    clause = base[at : at + length]
    for text in (base, base[:at] + clause + clause + base[at:], clause * 3):
        assert changes(text) == every_character(text)


CLAUSE_CHARS = st.sampled_from(list("国务院总理会议部署工作，。、的了在是x1 "))


def starts_by_definition(text: str) -> list[int]:
    """Every s whose run of `MIN_CJK` characters comes again `MIN_CJK` to `LONGEST_CLAUSE` on."""
    run = dup.MIN_CJK
    return [
        s
        for s in range(len(text))
        if any(
            s + length + run <= len(text) and text[s : s + run] == text[s + length : s + length + run]
            for length in range(run, dup.LONGEST_CLAUSE + 1)
        )
    ]


@settings(max_examples=400, deadline=None)
@given(
    before=st.text(CLAUSE_CHARS, max_size=60),
    clause=st.text(CLAUSE_CHARS, min_size=7, max_size=81),
    after=st.text(CLAUSE_CHARS, max_size=60),
    doubled=st.booleans(),
)
def test_the_starts_found_by_probes_are_the_starts_by_definition(before, clause, after, doubled) -> None:
    """`clause_starts` finds its starts from probes; the regex is tried at every one of them,
    so the changes are the regex's wherever it finds a clause twice."""
    text = before + ("国" + clause) * (2 if doubled else 1) + after
    assert dup.clause_starts(text) == starts_by_definition(text)
    assert changes(text) == every_character(text)


@given(st.text(alphabet="天地", max_size=120))
def test_the_starts_of_two_letter_text(text: str) -> None:
    # two characters repeat everywhere: every probe has copies, many at the window's edges
    assert dup.clause_starts(text) == starts_by_definition(text)
