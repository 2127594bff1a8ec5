"""The inputs fingerprint changes with any raw byte, file name, rules version or option."""

from __future__ import annotations

import json

from zhclean.tasks.build.freshness import file_sha256, inputs_fingerprint, is_up_to_date


def _corpus(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("春风。\n", encoding="utf-8")
    (raw / "b.txt").write_text("秋雨。\n", encoding="utf-8")
    return raw, sorted(raw.iterdir())


def test_the_fingerprint_follows_content_names_rules_and_options(tmp_path):
    raw, files = _corpus(tmp_path)
    base = inputs_fingerprint(raw, files, "r1", {"pangu": False})
    assert inputs_fingerprint(raw, list(reversed(files)), "r1", {"pangu": False}) == base
    assert inputs_fingerprint(raw, files, "r2", {"pangu": False}) != base
    assert inputs_fingerprint(raw, files, "r1", {"pangu": True}) != base
    (raw / "b.txt").write_text("秋雨！\n", encoding="utf-8")
    assert inputs_fingerprint(raw, files, "r1", {"pangu": False}) != base
    (raw / "b.txt").rename(raw / "c.txt")
    assert inputs_fingerprint(raw, sorted(raw.iterdir()), "r1", {"pangu": False}) != base


def test_an_unreadable_file_still_gets_a_fingerprint(tmp_path):
    assert file_sha256(tmp_path / "missing.txt") is None


def test_up_to_date_only_with_a_matching_published_manifest(tmp_path):
    out = tmp_path / "out"
    assert not is_up_to_date(out, "abc")
    (out / "json").mkdir(parents=True)
    (out / "json" / "manifest.json").write_text("{not json", encoding="utf-8")
    assert not is_up_to_date(out, "abc")
    (out / "json" / "manifest.json").write_text(json.dumps({"inputs_fingerprint": "abc"}), encoding="utf-8")
    assert is_up_to_date(out, "abc")
    assert not is_up_to_date(out, "abd")
