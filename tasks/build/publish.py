"""Atomic publishing of the editions, and a lock so two runs never interleave.

Layout of the output directory::

    output/
      .runs/<run-id>/{json,markdown,epub,report}   one complete build per run
      current -> .runs/<run-id>                     the published build
      json -> current/json   (and markdown, epub, report: fixed links)

A run writes its editions into a fresh `.runs/<run-id>` directory (the
staging area) and publishes by replacing the single `current` link with
`os.replace`, which is atomic on POSIX. A run killed at any point therefore
leaves the previous build published and intact; its half-written staging
directory is swept by the next run, which keeps only the build it publishes
and the one before it (so a reader in the middle of a download is not cut off).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

#: The published editions: each is a link `out/<name> -> current/<name>`.
EDITIONS = ("json", "markdown", "epub", "sqlite", "report", "zip", "release")
RUNS_DIR = ".runs"
CURRENT = "current"
LOCK_FILE = ".zhclean.lock"


class OutputError(Exception):
    """The output directory cannot be used (not writable, or another run holds it)."""


class OutputBusy(OutputError):
    """Another run is writing to the same output directory."""


class NothingToPublish(Exception):
    """No document could be normalised: the run publishes nothing and the previous build stays."""


def published_build(out_dir: Path) -> Path | None:
    """The build `current` points at, if there is one."""
    current = out_dir / CURRENT
    target = current.resolve() if current.is_symlink() else None
    return target if target is not None and target.is_dir() else None


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out_dir` for the whole run; refuse at once if it is taken.

    `flock` is released by the kernel when the process dies, so a killed run
    never leaves a stale lock behind.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write to the output directory {out_dir}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputBusy(
                f"another zhclean run is writing to {out_dir}; wait for it to finish and try again"
            ) from exc
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


def new_staging(out_dir: Path) -> Path:
    """A fresh, empty build directory for this run."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    staging = out_dir / RUNS_DIR / f"{stamp}-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"cannot write to the output directory {out_dir}: {exc.strerror}") from exc
    return staging


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` atomically (write a temporary link, then rename it over)."""
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}")
    os.symlink(target, tmp)
    os.replace(tmp, link)


def publish(out_dir: Path, staging: Path) -> None:
    """Make `staging` the published build in one atomic step, then tidy up old builds."""
    for name in EDITIONS:
        (staging / name).mkdir(exist_ok=True)
    _fsync_tree(staging)
    current = out_dir / CURRENT
    previous = Path(os.readlink(current)).name if current.is_symlink() else None
    _replace_link(current, f"{RUNS_DIR}/{staging.name}")
    for name in EDITIONS:
        link = out_dir / name
        if link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}":
            continue
        if link.exists() and not link.is_symlink():  # a plain directory left by hand: keep it aside
            link.rename(out_dir / f"{name}.old-{uuid.uuid4().hex[:6]}")
        _replace_link(link, f"{CURRENT}/{name}")
    prune(out_dir, keep={staging.name, previous})


def prune(out_dir: Path, keep: set[str | None]) -> None:
    """Remove every build but the published one and the one before it (unfinished ones included).

    Called while the lock is held, so no other run's staging directory is touched.
    """
    for path in (out_dir / RUNS_DIR).iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _fsync_tree(root: Path) -> None:
    """Flush every written file to disk before publishing, so a crash cannot publish empty files.

    On Linux, `syncfs` flushes the whole filesystem the build is on in one call: the kernel
    writes the build's dirty pages (the last editions, hundreds of MB) as one stream, 0.45 s
    where an `fsync` per file took 1.76 s (3,000 files, 600 MB). Elsewhere, or should it fail,
    every file is `fsync`ed, by threads (1.0 s): the disk takes several flushes at once."""
    if _syncfs(root):
        return
    files = [path for path in root.rglob("*") if path.is_file()]
    with ThreadPoolExecutor(max_workers=FSYNC_THREADS) as pool:
        list(pool.map(_fsync, files))


#: Seconds between the background flushes while the corpus editions are written (`flushing`).
FLUSH_SECONDS = 1.0


@contextmanager
def flushing(root: Path, every: float = FLUSH_SECONDS) -> Iterator[None]:
    """While the block runs, a thread has the kernel write the dirty pages of `root`'s filesystem
    to disk every `every` seconds (`syncfs`), so that what publishing must flush is only what was
    written in the last moments.

    The documents' editions (about a gigabyte at 1,000 benchmark documents) are complete when
    the corpus editions begin, and left to the kernel they would still be in memory, unwritten,
    when `publish` flushes before it swaps the link: 0.7 s with both cores idle at the end of
    the run. Written out while the corpus editions keep the cores busy, once at their start,
    the flush at publishing took 0.33 s; once a second, 0.03 s. It does not replace that flush:
    `publish` still flushes everything before it publishes. Where `syncfs` is missing (not
    Linux) the thread stops at once."""
    stop = threading.Event()

    def flush() -> None:
        while _syncfs(root) and not stop.wait(every):
            pass

    thread = threading.Thread(target=flush, name="zhclean-flush", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


#: Files flushed at once when each is flushed by itself.
FSYNC_THREADS = 16


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(root: Path) -> bool:
    """`syncfs(2)` on the filesystem holding `root` (Linux); False where it is missing or fails."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def write_text_atomic(path: Path, text: str) -> None:
    """Write a file so readers see the old content or the new, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def ensure_writable(out_dir: Path) -> None:
    """Fail early, with one clear message, if the output directory cannot be created or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".probe-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write to the output directory {out_dir}: {exc.strerror or exc}") from exc
