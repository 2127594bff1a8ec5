"""Publishing flushes the build to disk before the switch, so a crash cannot publish empty files:
in one `syncfs` on Linux, else by an `fsync` of every file."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from zhclean.tasks.build import publish as pub


def build_tree(root: Path) -> set[Path]:
    files = {root / "json" / "a.json", root / "json" / "documents" / "b.json", root / "report" / "c.md"}
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("内容", encoding="utf-8")
    return files


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_on_linux_one_syncfs_flushes_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_tree(tmp_path)
    fsynced: list[int] = []
    monkeypatch.setattr(os, "fsync", fsynced.append)
    pub._fsync_tree(tmp_path)
    assert fsynced == []  # no file by file: the filesystem at once


def test_without_syncfs_every_file_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = build_tree(tmp_path)
    monkeypatch.setattr(pub, "_syncfs", lambda root: False)
    fsynced: list[Path] = []
    real = os.fsync

    def record(fd: int) -> None:
        fsynced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    pub._fsync_tree(tmp_path)
    assert sorted(fsynced) == sorted(files)


def test_the_build_is_flushed_before_it_is_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    staging = pub.new_staging(out)
    build_tree(staging)
    seen: list[tuple[Path, bool]] = []
    monkeypatch.setattr(pub, "_fsync_tree", lambda root: seen.append((root, (out / pub.CURRENT).exists())))
    pub.publish(out, staging)
    assert seen == [(staging, False)]
    assert (out / pub.CURRENT).resolve() == staging.resolve()


def flush_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "zhclean-flush"]


def test_while_the_editions_are_written_the_filesystem_is_flushed_again_and_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    third = threading.Event()

    def syncfs(root: Path) -> bool:
        calls.append(root)
        if len(calls) >= 3:
            third.set()
        return True

    monkeypatch.setattr(pub, "_syncfs", syncfs)
    with pub.flushing(tmp_path, every=0.01):
        assert third.wait(10)
    after = len(calls)
    assert flush_threads() == []  # stopped and joined on leaving the block
    assert set(calls) == {tmp_path}
    assert len(calls) == after  # and no flush after it


def test_the_flushing_thread_stops_when_the_block_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pub, "_syncfs", lambda root: True)
    with pytest.raises(RuntimeError, match="edition failed"), pub.flushing(tmp_path, every=0.01):
        raise RuntimeError("edition failed")
    assert flush_threads() == []


def test_without_syncfs_the_flushing_thread_tries_once_and_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(pub, "_syncfs", lambda root: calls.append(root) or False)
    with pub.flushing(tmp_path, every=0.001):
        deadline = time.monotonic() + 10
        while flush_threads() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert flush_threads() == []  # gone while the block still runs
    assert calls == [tmp_path]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_the_real_syncfs_answers_for_a_build_folder(tmp_path: Path) -> None:
    build_tree(tmp_path)
    assert pub._syncfs(tmp_path) is True
