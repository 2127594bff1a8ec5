"""The development set's structure figures (`make eval`) do not fall below today's.

`benchmarks/eval.py` runs the pipeline on `devset/` (real documents with hand-written gold) and counts
article overlap, titles and authors right, wrongly joined and split paragraphs, furniture inside
blocks and body text lost. The figures are deterministic, so each floor is today's value
(2026-11-29): a change that makes any figure worse fails here; a change
that makes one better should lower the ceiling or raise the floor below in the same commit, so
the gain is kept. The gold files are checked for consistency too.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT

_SPEC = importlib.util.spec_from_file_location("devset_eval", ROOT / "benchmarks" / "eval.py")
assert _SPEC is not None and _SPEC.loader is not None
devset_eval = importlib.util.module_from_spec(_SPEC)
sys.modules["devset_eval"] = devset_eval
_SPEC.loader.exec_module(devset_eval)

# Higher is better for these; lower is better for the rest.
HIGHER = ("article_f1", "titles_right", "authors_right")
LOWER = ("joined", "split", "furniture_in", "lost_chars")

# Today's figures: (article F1, titles right, authors right, joined, split, furniture in blocks, chars lost).
TODAY: dict[str, tuple[float, int, int, int, int, int, int]] = {
    "book": (1.000, 5, 2, 0, 0, 0, 0),
    "briefs": (1.000, 7, 0, 0, 2, 0, 0),
    "law": (1.000, 8, 0, 0, 0, 0, 0),
    "markdown": (1.000, 14, 1, 0, 0, 0, 0),
    "multi": (1.000, 11, 0, 0, 0, 0, 0),
    "news": (1.000, 3, 0, 0, 0, 0, 0),
    "ocr": (1.000, 3, 0, 0, 0, 0, 0),
    "periodical": (0.828, 5, 0, 0, 1, 0, 0),
    "web": (1.000, 4, 0, 0, 0, 0, 0),
    "total": (0.984, 60, 3, 0, 3, 0, 0),
}


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, Any]]:
    per_kind, total, _ = devset_eval.run()
    return {**{k: f.summary() for k, f in per_kind.items()}, "total": total.summary()}


@pytest.mark.parametrize("kind", list(TODAY))
def test_figures_do_not_fall(figures: dict[str, dict[str, Any]], kind: str) -> None:
    got = figures[kind]
    today = dict(zip((*HIGHER, *LOWER), TODAY[kind], strict=True))
    worse = [f"{k}: {got[k]} < {today[k]}" for k in HIGHER if got[k] < today[k]]
    worse += [f"{k}: {got[k]} > {today[k]}" for k in LOWER if got[k] > today[k]]
    assert not worse, f"{kind} got worse on the development set: {worse}"


def test_every_kind_is_measured(figures: dict[str, dict[str, Any]]) -> None:
    assert set(figures) == set(TODAY)
    assert figures["total"]["docs"] >= 30


@pytest.mark.parametrize("name", devset_eval.names())
def test_gold_is_consistent(name: str) -> None:
    """Every line the gold names exists, no line is both body and furniture, and units do not overlap."""
    gold = devset_eval.load_gold(name)
    raw = json.loads((Path(devset_eval.DEVSET) / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    count = len(gold.lines)
    body = [n for article in gold.units for lo, hi in article for n in range(lo, hi + 1)]
    assert len(body) == len(set(body)), "a line is in two body units"
    assert all(1 <= n <= count for n in body + gold.furniture)
    for article in raw["articles"]:
        for n in article["title_lines"] + article["meta_lines"] + article["headings"]:
            assert 1 <= n <= count and gold.lines[n - 1].strip(), f"line {n} is empty or missing"
    marked = [
        n for a in raw["articles"] for n in a["title_lines"] + a["meta_lines"] + a["headings"] + a["ignore"]
    ]
    assert not set(gold.furniture) & set(marked), (
        "a furniture line is also a title, meta, heading or ignored line"
    )
    for lo, hi in (s for article in gold.units for s in article):
        assert gold.lines[lo - 1].strip() and gold.lines[hi - 1].strip(), (
            f"unit {lo}-{hi} starts or ends on a blank line"
        )
