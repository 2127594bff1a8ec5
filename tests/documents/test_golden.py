"""Golden outputs: every sample file and fixture, compared exactly (articles, blocks, metadata).

Each `tests/golden/<folder>/<file>.json` holds what a careful editor expects of one
document: its articles (title, subtitle, authors, section, series, page, date, origin,
and every block as `[type, text]`) and the document metadata. The files were written
from a run and then read through by a person; a change to any of them shows in the
commit's diff and must be read again. `ZHCLEAN_UPDATE_GOLDEN=1 pytest tests/documents/test_golden.py`
rewrites them after a deliberate change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from paths import RAW, TESTS, UNSEEN

from zhclean.tasks.core.model import Document
from zhclean.tasks.pipeline.run import normalize_document

GOLDEN = TESTS / "golden"
INPUTS = [*sorted(RAW.glob("*.txt")), *sorted(UNSEEN.glob("*.txt"))]
FIELDS = ("title", "subtitle", "authors", "section", "series", "page", "date", "origin")


def expected_shape(doc: Document) -> dict[str, Any]:
    return {
        "articles": [
            {
                **{f: getattr(a, f) for f in FIELDS},
                "title_variants": a.title_variants,
                "blocks": [[b.type, b.text] for b in a.blocks],
            }
            for a in doc.articles
        ],
        "metadata": doc.metadata,
    }


def golden_path(path: Path) -> Path:
    return GOLDEN / path.parent.name / f"{path.stem}.json"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_output_matches_the_reviewed_golden_file(path: Path) -> None:
    got = json.loads(json.dumps(expected_shape(normalize_document(path.read_bytes(), path.name))))
    target = golden_path(path)
    if os.environ.get("ZHCLEAN_UPDATE_GOLDEN"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(target.read_text(encoding="utf-8"))
    assert got["metadata"] == want["metadata"]
    assert len(got["articles"]) == len(want["articles"])
    for got_article, want_article in zip(got["articles"], want["articles"], strict=True):
        assert got_article == want_article
