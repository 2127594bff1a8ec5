"""opencc-python-reimplemented with OpenCC's current dictionaries (STYLE.md section 1).

The engine is the reimplementation's `OpenCC` class: its matching (the
longest dictionary entry first, each dictionary of a group on what the ones
before it left) is kept as it is. What this subclass changes is where the
tables come from: not the package's own folder, whose dictionaries are years
old, but `data/opencc/` next to this module, copied from OpenCC's repository by
`tools/refresh_opencc.py` (commit and licence in `data/opencc/SOURCE.json`,
`NOTICE.txt`, `LICENSE.txt`). Current OpenCC files have comment lines and a
`normalization` step (compatibility ideographs to their unified form); both
are read here, and so is the config's `segmentation` (the reimplementation
ignores it): as OpenCC does, the text is first cut where a phrase of the
segmentation dictionary starts and ends (`segment`), and no entry of the
conversion chain matches across a cut. Separators the reimplementation splits
on are not split on where OpenCC's dictionaries have them inside a key (the
`-` of 林姆斯基-高沙可夫). Dictionaries marked `may_output_tofu` (rare Extension-B forms
that common fonts cannot show) are left out, as `convert.toml` decides.

The reimplementation finds its matches with a tree of substrings: in each
fragment the longest key anywhere in it (the leftmost of that length), then
the same in what is left on either side; that is quadratic in the fragment
and was most of the script stage's time. `Step` gives the same result from
one scan: every key occurrence is found at once (a trie-shaped regex gives the
longest key at each position, the shorter ones are looked up), and occurrences
are taken longest first, then leftmost, each unless it overlaps one already
taken, which is exactly what the recursion picks (whatever is taken splits the
fragment, and the best occurrence left inside a remainder is the best one that
does not overlap). Dictionaries of one character at the end of a group become
one `str.translate` table. Tests compare it with the reimplementation's own
`_convert` (tests/stages/script/test_engine_matching.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from opencc import OpenCC

#: OpenCC's configs and dictionaries, as copied by tools/refresh_opencc.py.
FOLDER = Path(__file__).parent / "data" / "opencc"

#: One dictionary as the reimplementation holds it (longest key, shortest key, key -> values),
#: and the characters its keys start with (the reimplementation reads only the first three).
Dictionary = tuple[int, int, dict[str, str], frozenset[str]]


@cache
def load_dictionary(path: str) -> Dictionary:
    """A dictionary file: `key<TAB>value value…` lines; `#` comments and blank lines skipped."""
    entries: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, value = line.rstrip("\r\n").split("\t", 1)
            entries[key] = value
    lengths = [len(k) for k in entries] or [1]
    return max(lengths), min(lengths), entries, frozenset(k[0] for k in entries)


def first_values(entries: dict[str, str]) -> dict[str, str]:
    """Each key's first alternative, the one the reimplementation writes."""
    return {key: value.split(" ")[0] for key, value in entries.items()}


def trie_pattern(keys: Iterable[str]) -> str:
    """A regex matching, at a position, the longest of `keys` that starts there: a trie, so
    that the regex engine follows the text down one branch instead of trying every key."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = "|".join(alternatives)
        if "" in node:  # a key ends here: a longer one is tried first, greedily
            return f"(?:{body})?"
        return body if len(alternatives) == 1 else f"(?:{body})"

    return emit(root)


@dataclass(frozen=True, slots=True)
class Matcher:
    """One dictionary, prepared to find all its keys in a text in one scan.

    The trie's regex, searched for at every position, tries at each one where a key could
    start every branch of the trie's first level in turn (hundreds); instead, the positions
    are found by a class of the keys' first characters, and the trie is tried only where the
    first two characters start a key (or the first is a key)."""

    values: dict[str, str]
    longest_at: re.Pattern[str]
    shortest: int
    #: The keys' first characters (None if one is beyond the Basic Multilingual Plane, which
    #: would make the class slow): the positions to look at.
    starts: re.Pattern[str] | None
    #: The first two characters of the keys, and the keys of one character.
    heads: frozenset[str]

    @classmethod
    def of(cls, dictionary: Dictionary) -> Matcher:
        _, shortest, entries, firsts = dictionary
        if "" in entries:
            raise ValueError("a dictionary key is empty")
        starts = None
        if all(ord(ch) < 0x10000 for ch in firsts):
            starts = re.compile(f"[{''.join(map(re.escape, sorted(firsts)))}]")
        heads = frozenset(key[:2] for key in entries)
        return cls(first_values(entries), re.compile(trie_pattern(entries)), shortest, starts, heads)

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """Every (-length, start) of a key in text: the regex gives the longest key at each
        position; the shorter ones there are prefixes of it, looked up."""
        if self.starts is None:
            return self.occurrences_everywhere(text)
        found: list[tuple[int, int]] = []
        match, heads = self.longest_at.match, self.heads
        for m in self.starts.finditer(text):
            start = m.start()
            if text[start : start + 2] not in heads and text[start] not in heads:
                continue
            if longest := match(text, start):
                self.add(found, text, start, longest.end())
        return found

    def occurrences_everywhere(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        search = self.longest_at.search
        pos = 0
        while m := search(text, pos):
            start, end = m.span()
            self.add(found, text, start, end)
            pos = start + 1
        return found

    def add(self, found: list[tuple[int, int]], text: str, start: int, end: int) -> None:
        """The longest key at start, and the shorter ones there."""
        found.append((start - end, start))
        for stop in range(start + self.shortest, end):
            if text[start:stop] in self.values:
                found.append((start - stop, start))


#: The byte that marks a position some match has taken.
TAKEN = 1

#: A character outside the Basic Multilingual Plane.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def identity() -> tuple[str, ...]:
    """Every character of the Basic Multilingual Plane, at its code point."""
    return tuple(map(chr, range(0x10000)))


@dataclass(frozen=True, slots=True)
class Table:
    """Dictionaries of one character each, in order, as one `str.translate` table: the first of
    them that has a character decides, as in the reimplementation's group.

    `str.translate` with a dict raises and catches a LookupError for every character the dict
    lacks, which is most of them; a list indexed by code point has every character of the
    Basic Multilingual Plane, so the lookup cannot fail. A text with a character beyond it
    uses the dict (the two give the same). A text without a character the table changes is
    found by a character class, which the regex engine scans faster than `translate` copies."""

    mapping: dict[int, str]
    bmp: list[str]
    #: The characters of the Basic Multilingual Plane that the table changes.
    changing: re.Pattern[str]
    #: Whether every value is one character (the text keeps its positions).
    aligned: bool

    @classmethod
    def of(cls, dictionaries: list[Dictionary]) -> Table:
        mapping: dict[int, str] = {}
        for _, _, entries, _ in reversed(dictionaries):
            mapping.update((ord(k), v) for k, v in first_values(entries).items())
        bmp = list(identity())
        for code, value in mapping.items():
            if code < len(bmp):
                bmp[code] = value
        changing = sorted(chr(c) for c, v in mapping.items() if c < len(bmp) and v != chr(c))
        pattern = f"[{''.join(map(re.escape, changing))}]" if changing else "(?!)"
        return cls(mapping, bmp, re.compile(pattern), all(len(v) == 1 for v in mapping.values()))

    def __call__(self, text: str) -> str:
        if not self.mapping:
            return text
        if ASTRAL.search(text):
            return text.translate(self.mapping)
        return text.translate(self.bmp) if self.changing.search(text) else text


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the chain (a group of dictionaries), as the reimplementation applies it: each
    dictionary matches in what the ones before it left; the trailing one-character
    dictionaries are a `Table`."""

    matchers: tuple[Matcher, ...]
    table: Table

    @classmethod
    def of(cls, group: list[Dictionary]) -> Step:
        split = len(group)
        while split and all(len(key) == 1 for key in group[split - 1][2]):
            split -= 1
        return cls(tuple(Matcher.of(d) for d in group[:split]), Table.of(group[split:]))

    def apply(self, text: str) -> str:
        """The step's result on text: per dictionary, its occurrences longest first, then
        leftmost, each taken unless it overlaps one taken before (by this dictionary or an
        earlier one of the group), which is what the reimplementation's recursion takes."""
        taken: list[tuple[int, int, str]] = []
        claimed: bytearray | None = None
        for matcher in self.matchers:
            found = matcher.occurrences(text)
            if not found:
                continue
            if claimed is None:
                claimed = bytearray(len(text))
            found.sort()
            values = matcher.values
            for minus_length, start in found:
                end = start - minus_length
                if claimed.find(TAKEN, start, end) < 0:
                    claimed[start:end] = b"\x01" * (end - start)
                    taken.append((start, end, values[text[start:end]]))
        if not taken:
            return self.table(text)
        return self.rebuild(text, taken)

    def rebuild(self, text: str, taken: list[tuple[int, int, str]]) -> str:
        """The matched keys replaced by their values, what lies between through the table (the
        whole text at once where the table keeps positions)."""
        table = self.table
        whole = table(text) if table.aligned else text
        out: list[str] = []
        pos = 0
        for start, end, value in sorted(taken):
            if pos < start:
                out.append(whole[pos:start] if table.aligned else table(text[pos:start]))
            out.append(value)
            pos = end
        if pos < len(text):
            out.append(whole[pos:] if table.aligned else table(text[pos:]))
        return "".join(out)


@cache
def config(table: str, folder: Path = FOLDER) -> dict[str, Any]:
    return json.loads((folder / "config" / f"{table}.json").read_text(encoding="utf-8"))


def tables(folder: Path = FOLDER) -> tuple[str, ...]:
    """The tables there is a config for."""
    return tuple(sorted(p.stem for p in (folder / "config").glob("*.json")))


#: Characters that can mark a cut between segments (the first one no dictionary holds).
MARKS = ("\uffff", "\ufffe", "\x00", *map(chr, range(0xE000, 0xF900)))


class Engine(OpenCC):
    """The reimplementation's converter, reading `table`'s config and dictionaries from `folder`."""

    def __init__(self, table: str, folder: Path = FOLDER, tofu_risk: bool = False) -> None:
        self.folder = folder
        self.tofu_risk = tofu_risk
        super().__init__(table)
        segmentation = config(table, folder).get("segmentation")
        self.segmentation = (
            load_dictionary(str(folder / "dictionary" / segmentation["dict"]["file"]))
            if segmentation
            else None
        )
        inside = {ch for step in self.dictionaries() for d in step for key in d[2] for ch in key}
        if clash := {ch for ch in inside if self.split_chars_re.fullmatch(ch)}:
            separators = self.split_chars_re.pattern[1:-1].split("|")
            kept = [s for s in separators if not any(re.fullmatch(s, ch) for ch in clash)]
            self.split_chars_re = re.compile(f"({'|'.join(kept)})")
        self._prepare(inside)

    def _prepare(self, inside: set[str]) -> None:
        """The steps for `Step.apply`, and the conditions under which a whole text can go through
        them at once instead of piece by piece (`convert`).

        No key has a separator in it (see above), so no match could cross one: splitting changes
        nothing, unless the segmentation dictionary has a separator in a phrase. A cut between
        segments is kept by a character that no key or value holds (`mark`), removed at the end.
        A value whose first alternative is empty ends the reimplementation's search in a
        fragment early; no current dictionary has one, and an engine with one keeps the
        reimplementation's matching throughout."""
        chain = self.dictionaries()
        self.steps = [Step.of(step) for step in chain]
        self.fast = all(v.split(" ")[0] for step in chain for d in step for v in d[2].values())
        phrases = self.segmentation[2] if self.segmentation else {}
        self.whole = not any(self.split_chars_re.fullmatch(ch) for key in phrases for ch in key)
        self.segmenter = re.compile(trie_pattern(phrases)) if phrases else None
        used = inside | {ch for step in chain for d in step for v in d[2].values() for ch in v}
        self.mark = next(ch for ch in MARKS if ch not in used)

    def segment(self, text: str) -> list[str]:
        """OpenCC's maximum-matching segmentation: each longest phrase of the segmentation
        dictionary, found left to right, is a segment; the text between phrases is one too.
        (The trie's regex takes, at each position from the left, the longest phrase there.)"""
        if self.segmenter is None:
            return [text]
        out: list[str] = []
        start = 0
        for m in self.segmenter.finditer(text):
            if start < m.start():
                out.append(text[start : m.start()])
            out.append(m.group())
            start = m.end()
        if start < len(text):
            out.append(text[start:])
        return out

    def convert(self, string: str) -> str:
        """The reimplementation's `convert` (split at separators, each piece converted), with
        the whole text converted at once where that gives the same (see `_prepare`)."""
        if not self.fast or not self.whole:
            return super().convert(string)
        return self._convert(string)

    def _convert(self, string: str, dictionary: list[Any] | None = None) -> str:
        """Each segment through the chain, step by step with the reimplementation's matching."""
        if dictionary is not None and dictionary is not self._dict_chain_data:
            return self._convert_slowly(string, dictionary)
        if not self.fast:
            return self._convert_slowly(string, self._dict_chain_data)
        if self.segmenter is None:
            return self._through_chain(string)
        if self.mark in string:
            return "".join(self._through_chain(part) for part in self.segment(string))
        return self._through_chain(self.mark.join(self.segment(string))).replace(self.mark, "")

    def _through_chain(self, text: str) -> str:
        for step in self.steps:
            text = step.apply(text)
        return text

    def _convert_slowly(self, string: str, chain: list[Any]) -> str:
        """The reimplementation's tree of substrings, step by step; a dictionary none of whose
        keys starts with a character of the text so far is skipped."""
        out = []
        for part in self.segment(string):
            for step in chain:
                active = [d for d in step if not d[3].isdisjoint(part)]
                if active:
                    part = super()._convert(part, [active])
            out.append(part)
        return "".join(out)

    def _init_dict(self) -> None:
        setting = config(self.conversion, self.folder)
        self.conversion_name = setting.get("name")
        steps = [*setting.get("normalization", ()), *setting["conversion_chain"]]
        self._dict_chain = []
        for step in steps:
            self._add_dict_chain(self._dict_chain, step["dict"])
        self._dict_chain_data = []
        self._add_dictionaries(self._dict_chain, self._dict_chain_data)
        # As the reimplementation does: every step is a list of dictionaries (a group).
        self._dict_chain_data = [d if isinstance(d, list) else [d] for d in self._dict_chain_data]
        self._dict_init_done = True

    def _add_dict_chain(self, dict_chain: list[Any], dict_dict: dict[str, Any]) -> None:
        if dict_dict.get("may_output_tofu") and not self.tofu_risk:
            return
        if dict_dict.get("type") == "group":
            chain: list[Any] = []
            for item in dict_dict["dicts"]:
                self._add_dict_chain(chain, item)
            dict_chain.append(chain)
        elif dict_dict.get("type") in ("txt", "text"):
            dict_chain.append(str(self.folder / "dictionary" / dict_dict["file"]))
        else:
            raise ValueError(f"{self.conversion}: unsupported dictionary type {dict_dict.get('type')!r}")

    def _add_dictionaries(self, chain_list: list[Any], chain_data: list[Any]) -> None:
        for item in chain_list:
            if isinstance(item, list):
                group: list[Any] = []
                self._add_dictionaries(item, group)
                chain_data.append(group)
            else:
                chain_data.append(load_dictionary(item))

    def triggers(self) -> frozenset[str]:
        """Characters without which a text comes out of the conversion as it went in: of each
        entry that maps its key to something else, the key's characters that differ from the
        value's at the same place (all of them if the lengths differ)."""
        out: set[str] = set()
        for step in self.dictionaries():
            for d in step:
                for key, values in d[2].items():
                    value = values.split(" ")[0]
                    if len(value) != len(key):
                        out.update(key)
                    else:
                        out.update(a for a, b in zip(key, value, strict=True) if a != b)
        return frozenset(out)

    def dictionaries(self) -> list[list[Dictionary]]:
        """The conversion chain: one list of dictionaries per step, in the order they run."""
        return self._dict_chain_data
