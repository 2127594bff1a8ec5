"""Issue 5 end to end: a raw folder full of bad input, run through the real flow.

Every bad input must be processed correctly or reported with its file name and
reason; every good document must come out. The figures are printed in the
test session's summary (see conftest.py) so CI's log states them.
"""

from __future__ import annotations

import errno
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from zhclean.tasks.build import discover as discover_module

pytestmark = pytest.mark.flow

GOOD_TEXT = "春天来了\n\n小河里的冰化了，柳树发芽了，田野里一片新绿。\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "内容")
    return buffer.getvalue()


#: name -> (bytes, expected outcome): "ok" processed, "ok+problem" processed and reported,
#: or the problem kind the file must be reported with.
BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "utf8-bom.txt": (b"\xef\xbb\xbf" + GOOD_TEXT.encode(), "ok"),
    "utf16le.txt": (b"\xff\xfe" + GOOD_TEXT.encode("utf-16-le"), "ok"),
    "utf16be.txt": (b"\xfe\xff" + GOOD_TEXT.encode("utf-16-be"), "ok"),
    "gbk.txt": (GOOD_TEXT.encode("gbk"), "ok"),
    "big5.txt": ("春天來了\n\n小河裡的冰化了，柳樹發芽了，田野裡一片新綠。\n".encode("big5"), "ok"),
    "invalid-bytes.txt": (GOOD_TEXT.encode()[:30] + b"\xff\xfe\xfa" + GOOD_TEXT.encode()[30:], "ok+problem"),
    "nul-bytes.txt": (GOOD_TEXT.encode().replace("了".encode(), "了".encode() + b"\x00"), "ok"),
    "empty.txt": (b"", "empty"),
    "whitespace.txt": (b" \n\t\r\n\xe3\x80\x80\n", "whitespace_only"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    "archive.txt": (_zip_bytes(), "binary"),
    "notes.pdf": (b"%PDF-1.4 not text", "skipped_extension"),
}


@pytest.fixture(scope="module")
def bad_run(prefect_harness, tmp_path_factory, raw_files):
    from zhclean.flows.normalize_corpus import normalize_corpus

    base = tmp_path_factory.mktemp("reliability")
    raw = base / "raw"
    raw.mkdir()
    for p in raw_files:
        shutil.copy(p, raw / p.name)
    for name, (data, _) in BAD_INPUTS.items():
        (raw / name).write_bytes(data)
    outside = base / "secret.txt"
    outside.write_text(GOOD_TEXT, encoding="utf-8")
    (raw / "link-outside.txt").symlink_to(outside)
    (raw / "folder.txt").mkdir()
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(base / "out"))
    expected = {
        **{n: kind for n, (_, kind) in BAD_INPUTS.items()},
        "link-outside.txt": "symlink_outside",
        "folder.txt": "not_a_file",
    }
    return summary, base / "out", expected


def test_every_bad_input_is_processed_or_reported_with_its_reason(bad_run, raw_files, record_figures):
    summary, out, expected = bad_run
    reported = {(p["file"], p["kind"]) for p in summary["problem_list"]}
    problem_files = {p["file"] for p in summary["problem_list"]}
    articles = [json.loads(line) for line in (out / "json" / "articles.jsonl").read_text().splitlines()]
    produced = {a["source"] for a in articles}
    handled = 0
    for name, kind in expected.items():
        if kind == "ok":
            assert name in produced, name
            assert "春天来了" in {a["title"] for a in articles if a["source"] == name}, name
        elif kind == "ok+problem":
            assert name in produced and name in problem_files, name
        else:
            assert (name, kind) in reported, (name, kind, sorted(reported))
            assert any(name in p["message"] for p in summary["problem_list"] if p["file"] == name)
        handled += 1
    good_lost = [p.name for p in raw_files if p.name not in produced]
    assert good_lost == []
    record_figures(
        "reliability",
        f"bad inputs tried: {len(expected)}; processed or reported with a reason: {handled}; "
        f"good documents lost: {len(good_lost)} of {len(raw_files)}",
    )


def test_the_failed_list_names_only_files_that_could_not_be_processed(bad_run):
    """Refused text files fail the run (exit 1); things that are not raw text files are only listed."""
    summary, _, expected = bad_run
    refused = {n for n, kind in expected.items() if kind in {"empty", "whitespace_only", "binary"}}
    assert set(summary["failed"]) == refused


def test_transient_read_errors_are_retried_and_permanent_ones_are_not(prefect_harness, tmp_path, monkeypatch):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "flaky.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (raw / "denied.txt").write_text(GOOD_TEXT, encoding="utf-8")
    attempts: dict[str, int] = {"flaky.txt": 0, "denied.txt": 0}
    real_read = Path.read_bytes

    def failing_read(self: Path) -> bytes:
        if self.name in attempts:
            attempts[self.name] += 1
            if self.name == "flaky.txt" and attempts[self.name] <= 2:
                raise OSError(errno.EIO, "Input/output error")
            if self.name == "denied.txt":
                raise OSError(errno.EACCES, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(discover_module.Path, "read_bytes", failing_read)  # in this process: workers=1
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(tmp_path / "out"), workers=1)
    assert attempts == {"flaky.txt": 3, "denied.txt": 1}
    assert summary["failed"] == ["denied.txt"]
    problem = next(p for p in summary["problem_list"] if p["file"] == "denied.txt")
    assert problem["kind"] == "unreadable" and "Permission denied" in problem["message"]
