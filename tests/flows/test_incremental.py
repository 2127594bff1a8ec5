"""Incremental runs: only documents whose key (raw bytes, rules, options) changed are processed;
the others are reused from the published build; removed files leave the editions; and a build
is reproducible: the same inputs give byte-identical JSON, Markdown and EPUB files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.flow

TEXTS = {
    "a.txt": "春耕\n\n田里一片忙碌，农民们在播种。\n",
    "b.txt": "秋收\n\n稻谷金黄，大家忙着收割。\n",
    "c.txt": "冬藏\n\n粮食入仓，准备过冬。\n",
}


def editions(out: Path) -> dict[str, bytes]:
    """Every file of the published JSON, Markdown and EPUB editions, by path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for folder in ("json", "markdown", "epub")
        for p in sorted((out / folder).rglob("*"))
        if p.is_file()
    }


def sources(out: Path) -> list[tuple[str, str]]:
    lines = (out / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [(r["source"], r["blocks"][0]["text"]) for r in map(json.loads, lines)]


def test_only_changed_documents_are_processed_and_removed_ones_leave(prefect_harness, tmp_path):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name, text in TEXTS.items():
        (raw / name).write_text(text, encoding="utf-8")

    def run(**kw):
        return normalize_corpus(raw_dir=str(raw), out_dir=str(out), workers=1, **kw)

    assert run()["incremental"] == {"processed": 3, "reused": 0, "removed": 0}

    (raw / "b.txt").write_text("秋收\n\n稻谷金黄，今年又是丰收年。\n", encoding="utf-8")
    touched = run()
    assert touched["incremental"] == {"processed": 1, "reused": 2, "removed": 0}
    assert touched["message"].startswith("processed 1, reused 2, removed 0;")
    assert [s for s, _ in sources(out)] == ["a.txt", "b.txt", "c.txt"]
    assert ("b.txt", "稻谷金黄，今年又是丰收年。") in sources(out)
    incremental = editions(out)

    # the union of reused and new results is the build a full run makes, byte for byte
    fresh = tmp_path / "fresh"
    normalize_corpus(raw_dir=str(raw), out_dir=str(fresh), workers=1)
    rebuilt = editions(fresh)
    manifest = "json/manifest.json"  # first, as JSON: a readable difference if the hashes differ
    assert json.loads(rebuilt[manifest]) == json.loads(incremental[manifest])
    assert rebuilt == incremental

    (raw / "c.txt").unlink()
    removed = run()
    assert removed["incremental"] == {"processed": 0, "reused": 2, "removed": 1}
    assert [s for s, _ in sources(out)] == ["a.txt", "b.txt"]
    assert not (out / "json" / "documents" / "c.json").exists()
    assert not (out / "epub" / "c.epub").exists()
    assert not (out / "report" / "review" / "c.html").exists()

    assert run(pangu=True)["incremental"] == {"processed": 2, "reused": 0, "removed": 0}
    assert run(pangu=True)["up_to_date"] is True
    assert run(pangu=True, force=True)["incremental"] == {"processed": 2, "reused": 0, "removed": 0}
