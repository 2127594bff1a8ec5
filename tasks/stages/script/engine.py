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
"""

from __future__ import annotations

import json
import re
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


@cache
def config(table: str, folder: Path = FOLDER) -> dict[str, Any]:
    return json.loads((folder / "config" / f"{table}.json").read_text(encoding="utf-8"))


def tables(folder: Path = FOLDER) -> tuple[str, ...]:
    """The tables there is a config for."""
    return tuple(sorted(p.stem for p in (folder / "config").glob("*.json")))


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

    def segment(self, text: str) -> list[str]:
        """OpenCC's maximum-matching segmentation: each longest phrase of the segmentation
        dictionary, found left to right, is a segment; the text between phrases is one too."""
        if self.segmentation is None:
            return [text]
        longest, shortest, phrases, starts = self.segmentation
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

    def _convert(self, string: str, dictionary: list[Any] | None = None) -> str:
        """Each segment through the chain, step by step with the reimplementation's matching;
        a dictionary none of whose keys starts with a character of the text so far is skipped."""
        chain = self._dict_chain_data if dictionary is None else dictionary
        out = []
        for part in self.segment(string):
            for step in chain:
                # a dictionary none of whose keys can start in the text changes nothing
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
