"""The engine's one-scan matching against the reimplementation's own (opencc-python-reimplemented).

The expectation is always `opencc.OpenCC._convert` (its tree of substrings, `StringTree`),
called directly on each step of the chain, with each text split at the reimplementation's
separators and cut by the segmentation loop the engine used before it had a regex
(`reference_segment`, kept here as it was). The texts: OpenCC's own test cases
(tests/peers/opencc.json), every line of raw/ and tests/fixtures/unseen/ as it is and made
traditional by the reimplementation's bundled s2t, and generated strings built from the
dictionaries' own keys (overlapping phrases, nested longest matches, a group's fall-through).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC
from paths import RAW, TESTS, UNSEEN

from zhclean.tasks.core.options import SCRIPT_TABLES
from zhclean.tasks.stages.script import convert as script
from zhclean.tasks.stages.script.engine import Dictionary, Engine, Step

CASES = json.loads((TESTS / "peers" / "opencc.json").read_text(encoding="utf-8"))["cases"]


def reference_segment(engine: Engine, text: str) -> list[str]:
    """The engine's segmentation loop before the regex: at each position from the left the
    longest phrase there, else one character on."""
    if engine.segmentation is None:
        return [text]
    longest, shortest, phrases, starts = engine.segmentation
    out: list[str] = []
    start = i = 0
    n = len(text)
    while i < n:
        length = 0
        if text[i] in starts:
            for size in range(min(longest, n - i), shortest - 1, -1):
                if text[i : i + size] in phrases:
                    length = size
                    break
        if length:
            if start < i:
                out.append(text[start:i])
            out.append(text[i : i + length])
            i += length
            start = i
        else:
            i += 1
    if start < n:
        out.append(text[start:])
    return out


def reference(engine: Engine, text: str) -> str:
    """The reimplementation's `convert`, with the engine's segmentation and each step of the
    chain through the reimplementation's `_convert`."""
    pieces = engine.split_chars_re.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(piece)
            continue
        for part in reference_segment(engine, piece):
            for step in engine.dictionaries():
                part = OpenCC._convert(engine, part, [step])
            out.append(part)
    return "".join(out)


@cache
def engine(table: str, tofu_risk: bool = False) -> Engine:
    return Engine(table, tofu_risk=tofu_risk)


def read(path: Path) -> str:
    """A fixture in its encoding (a few are UTF-16 or GBK on purpose)."""
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@cache
def lines_of_the_corpus() -> list[str]:
    """Every line of raw/ and the unseen fixtures, and each made traditional."""
    lines = [
        line
        for path in sorted([*RAW.glob("*.txt"), *UNSEEN.glob("*.txt")])
        for line in read(path).split("\n")
        if line
    ]
    return lines + OpenCC("s2t").convert("\n".join(lines)).split("\n")


@pytest.mark.parametrize("table", SCRIPT_TABLES)
def test_opencc_cases(table: str) -> None:
    for case in CASES:
        for line in case["input"].split("\n"):
            assert engine(table).convert(line) == reference(engine(table), line), (case["id"], line)


def test_opencc_cases_with_their_own_table() -> None:
    """hk2sp is not an option of zhclean but has cases (and a config) of its own."""
    for case in CASES:
        for line in case["input"].split("\n"):
            e = engine(case["table"])
            assert e.convert(line) == reference(e, line), (case["id"], line)


@pytest.mark.parametrize("table", SCRIPT_TABLES)
def test_corpus_lines_as_they_are_and_made_traditional(table: str) -> None:
    e = engine(table)
    for line in lines_of_the_corpus():
        assert e.convert(line) == reference(e, line), line


@pytest.mark.parametrize("table", SCRIPT_TABLES)
def test_segmentation(table: str) -> None:
    e = engine(table)
    for line in lines_of_the_corpus():
        assert e.segment(line) == reference_segment(e, line), line


#: Text that is not in any key: separators, Latin, the engine's cut mark, a character beyond
#: the Basic Multilingual Plane that no dictionary has.
OTHER = [" ", "-", "，", "。", "a", "\uffff", "\U0001f600", "\n"]


def pieces_of(group: list) -> tuple[list[str], list[str]]:
    """Keys of the group's dictionaries, their prefixes and suffixes, and their characters; and
    pairs of keys that overlap (the end of one is the start of the other), so that a key and a
    longer one to its right compete."""
    keys = sorted({key for d in group for key in d[2]})
    pieces = set(keys)
    for key in keys:
        pieces.update(key[:i] for i in range(1, len(key)))
        pieces.update(key[i:] for i in range(1, len(key)))
    pieces.update(ch for key in keys for ch in key)
    starting = defaultdict(list)
    for key in keys:
        for i in range(1, len(key)):
            starting[key[:i]].append(key)
    overlaps = {a + b[len(a) - i :] for a in keys for i in range(1, len(a)) for b in starting[a[i:]]}
    return sorted(pieces), sorted(overlaps)


def texts_from(pieces: tuple[list[str], list[str]]) -> st.SearchStrategy[str]:
    parts, overlaps = pieces
    alphabet = [st.sampled_from(parts), st.sampled_from(OTHER)] + (
        [st.sampled_from(overlaps)] if overlaps else []
    )
    return st.lists(st.one_of(*alphabet), max_size=12).map("".join)


@cache
def step_pieces(table: str, tofu_risk: bool, k: int) -> tuple[list[str], list[str]]:
    return pieces_of(engine(table, tofu_risk).dictionaries()[k])


@cache
def chain_pieces(table: str, tofu_risk: bool) -> tuple[list[str], list[str]]:
    return pieces_of([d for step in engine(table, tofu_risk).dictionaries() for d in step])


@pytest.mark.parametrize("tofu_risk", [False, True])
@pytest.mark.parametrize("table", SCRIPT_TABLES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_through_each_step(table: str, tofu_risk: bool, data: st.DataObject) -> None:
    """One step (a group of dictionaries) on text made of that group's keys and their pieces."""
    e = engine(table, tofu_risk)
    for k, (group, step) in enumerate(zip(e.dictionaries(), e.steps, strict=True)):
        text = data.draw(texts_from(step_pieces(table, tofu_risk, k)))
        assert step.apply(text) == OpenCC._convert(e, text, [group]), text


@pytest.mark.parametrize("tofu_risk", [False, True])
@pytest.mark.parametrize("table", SCRIPT_TABLES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_through_the_table(table: str, tofu_risk: bool, data: st.DataObject) -> None:
    e = engine(table, tofu_risk)
    text = data.draw(texts_from(chain_pieces(table, tofu_risk)))
    assert e.convert(text) == reference(e, text), text


@pytest.mark.parametrize("table", SCRIPT_TABLES)
def test_overlapping_phrases(table: str) -> None:
    """Phrases of TSPhrases that overlap, the one to the right longer (么麼 and 麼些族, 枕藉 and
    藉寇兵齎盜糧): the reimplementation takes the longer one, not the leftmost."""
    e = engine(table)
    for text in ["么麼些族", "傷亡枕藉寇兵齎盜糧", "允祕丕笈", "凌藉寇兵", "一目瞭然", "計畫經濟計畫"]:
        assert e.convert(text) == reference(e, text)


SMALL = "甲乙丙丁\U00020000"


@st.composite
def small_dictionaries(draw: st.DrawFn) -> Dictionary:
    """A dictionary over five characters (one beyond the Basic Multilingual Plane, so that
    some dictionaries start a key there): keys of one to four, values of one to three
    characters, some with a second alternative."""
    keys = draw(st.lists(st.text(SMALL, min_size=1, max_size=4), min_size=1, max_size=12, unique=True))
    value = st.tuples(st.text("子丑寅", min_size=1, max_size=3), st.sampled_from(["", " 卯"])).map("".join)
    entries = {key: draw(value) for key in keys}
    lengths = [len(k) for k in entries]
    return max(lengths), min(lengths), entries, frozenset(k[0] for k in entries)


@settings(max_examples=600, deadline=None)
@given(group=st.lists(small_dictionaries(), min_size=1, max_size=3), text=st.text(SMALL + "x", max_size=24))
def test_small_dictionaries(group: list[Dictionary], text: str) -> None:
    """Any group of dictionaries (phrases nested in phrases, a shorter key where a longer one
    does not fit, keys of one character before longer ones) matches as the reimplementation's."""
    assert Step.of(group).apply(text) == OpenCC._convert(engine("t2s"), text, [group])


def write_tables(folder: Path, config: dict, dictionaries: dict[str, str]) -> None:
    (folder / "config").mkdir()
    (folder / "dictionary").mkdir()
    (folder / "config" / "x.json").write_text(json.dumps(config), encoding="utf-8")
    for name, text in dictionaries.items():
        (folder / "dictionary" / name).write_text(text, encoding="utf-8")


def txt(name: str) -> dict[str, str]:
    return {"type": "txt", "file": name}


def test_a_value_whose_first_alternative_is_empty_keeps_the_reimplementation_s_matching(
    tmp_path: Path,
) -> None:
    """The reimplementation stops searching a fragment at a match with an empty value."""
    group = {"type": "group", "dicts": [txt("P.txt"), txt("C.txt")]}
    write_tables(
        tmp_path,
        {"conversion_chain": [{"dict": group}]},
        {"P.txt": "甲乙\t 丙\n乙丙丁\t戊\n", "C.txt": "甲\t己\n丁\t庚\n"},
    )
    e = Engine("x", folder=tmp_path)
    assert not e.fast
    for text in ["甲乙丙丁", "甲乙", "丁甲乙丁", "乙丙丁甲"]:
        assert e.convert(text) == reference(e, text)


def test_a_phrase_across_a_separator_keeps_the_split(tmp_path: Path) -> None:
    """A segmentation phrase with a separator in it: the text is converted piece by piece."""
    write_tables(
        tmp_path,
        {
            "segmentation": {"type": "mmseg", "dict": txt("S.txt")},
            "conversion_chain": [{"dict": {"type": "group", "dicts": [txt("P.txt"), txt("C.txt")]}}],
        },
        {"S.txt": "甲-乙\t甲-乙\n乙丙\t乙丙\n", "P.txt": "乙丙\t丙乙\n", "C.txt": "甲\t己\n乙\t庚\n"},
    )
    e = Engine("x", folder=tmp_path)
    assert not e.whole
    for text in ["甲-乙丙", "乙丙-甲乙丙", "甲乙丙-乙"]:
        assert e.convert(text) == reference(e, text)


def test_the_cut_mark_in_the_text() -> None:
    """A text holding the character that marks cuts is converted segment by segment."""
    e = engine("tw2s")
    text = f"乾隆年間{e.mark}計畫經濟"
    assert e.convert(text) == reference(e, text)


def test_spans_are_the_characters_that_differ() -> None:
    """`script.changes` on a line the table changes in place: one change per differing character."""
    text = "他們說著話，計畫經濟"
    new = script.convert(text, "t2s")
    assert [(c.start, c.end, c.replacement) for c in script.changes(text, "t2s")] == [
        (i, i + 1, b) for i, (a, b) in enumerate(zip(text, new, strict=True)) if a != b
    ]


def test_character_sets_beyond_the_basic_plane() -> None:
    chars = script.Characters(["乾", "\U00020000"])
    assert chars.found_in("x乾") and chars.found_in("x\U00020000") and not chars.found_in("x\U00020001")
    assert chars.count("乾\U00020000乾\U00020001") == 3 and chars.count("乾乾a") == 2
    assert not script.Characters([]).found_in("乾") and script.Characters([]).count("乾") == 0


@given(st.text(alphabet="乾们个a\U00020000\U00020001\ud800\n", max_size=20))
def test_a_set_counts_its_characters_wherever_they_are(text: str) -> None:
    for chars in (
        script.Characters(["乾", "\U00020000"]),
        script.Characters(["们", "个"]),
        script.Characters([]),
    ):
        assert chars.count(text) == sum(ch in chars.chars for ch in text)
