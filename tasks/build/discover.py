"""Which raw files to process, and which to skip with a reason.

A corpus directory always holds some strays (images, archives, a folder named
`x.txt`, a link out of the corpus, a file the run may not read). Each is
listed as a `Problem` so the report says why it was not processed; only a
missing, non-directory or text-less raw directory stops the run.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from zhclean.tasks.core.model import Problem
from zhclean.tasks.stages.ingest.decode import IngestError

#: The extension of a raw text file, compared case-insensitively.
TEXT_SUFFIX = ".txt"
STAGE = "discover"


class DiscoveryError(Exception):
    """The raw directory itself is unusable: the run cannot start."""


@dataclass(slots=True)
class Discovery:
    files: list[Path]
    skipped: list[Problem] = field(default_factory=list)


def _skip(path: Path, raw_dir: Path, kind: str, reason: str) -> Problem:
    name = path.relative_to(raw_dir).as_posix()
    return Problem(name, STAGE, kind, f"{name}: {reason}")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def classify(path: Path, raw_dir: Path, root: Path) -> Problem | None:
    """None when `path` is a raw text file to process, else the reason it is skipped."""
    if path.suffix.lower() != TEXT_SUFFIX:
        return _skip(
            path, raw_dir, "skipped_extension", f"'{path.suffix or 'no extension'}' is not a text file"
        )
    if path.is_symlink():
        target = path.resolve()
        if not _inside(target, root):
            return _skip(path, raw_dir, "symlink_outside", f"links to {target}, outside the raw directory")
    if path.is_dir():
        return _skip(path, raw_dir, "not_a_file", "is a directory, not a file")
    if not path.is_file():
        return _skip(path, raw_dir, "not_a_file", "is not a regular file (a device, FIFO or broken link)")
    error = open_error(path)
    if error:
        return _skip(path, raw_dir, "unreadable", f"cannot be read ({error})")
    return None


def open_error(path: Path) -> str | None:
    """The OS error of opening `path` for reading, or None. Opening is the only honest test:
    permission bits say nothing for root, ACLs or network file systems."""
    try:
        with path.open("rb"):
            return None
    except OSError as err:
        return err.strerror or str(err)


def discover(raw_dir: Path) -> Discovery:
    """The `.txt` files under `raw_dir`, sorted, and everything skipped with its reason."""
    if not raw_dir.exists():
        raise DiscoveryError(f"raw directory {raw_dir} does not exist")
    if not raw_dir.is_dir():
        raise DiscoveryError(f"raw directory {raw_dir} is not a directory")
    root = raw_dir.resolve()
    files: list[Path] = []
    skipped: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        here = Path(dirpath)
        for d in list(dirnames):
            link = here / d
            if link.is_symlink() and not _inside(link.resolve(), root):
                dirnames.remove(d)
                skipped.append(_skip(link, raw_dir, "symlink_outside", f"links to {link.resolve()}, outside"))
            elif d.lower().endswith(TEXT_SUFFIX):
                dirnames.remove(d)  # a folder named like a file is listed, not walked
                skipped.append(_skip(here / d, raw_dir, "not_a_file", "is a directory, not a file"))
        for f in filenames:
            path = here / f
            problem = classify(path, raw_dir, root)
            if problem:
                skipped.append(problem)
            else:
                files.append(path)
    files.sort(key=lambda p: p.relative_to(raw_dir).as_posix())
    skipped.sort(key=lambda p: p.file)
    if not files:
        raise DiscoveryError(f"raw directory {raw_dir} holds no {TEXT_SUFFIX} files ({len(skipped)} skipped)")
    return Discovery(files, skipped)


#: OS errors worth another try: the file system was busy or briefly unreachable.
TRANSIENT_ERRNOS = frozenset({errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.EIO, errno.ETIMEDOUT})


class TransientIOError(OSError):
    """A read that may succeed if tried again (the flow's task retries it)."""


def read_raw(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of one raw file (raw files are only ever opened for reading).

    `huge` (checked before reading) and `unreadable` are `IngestError`s; a transient
    OS error is a `TransientIOError`, so the caller can retry it.
    """
    try:
        if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
            raise IngestError("huge", f"{path.name}: {size} bytes is over the limit of {max_bytes} bytes")
        return path.read_bytes()
    except OSError as err:
        if err.errno in TRANSIENT_ERRNOS:
            raise TransientIOError(err.errno, f"{path.name}: {err.strerror or err}") from err
        raise IngestError("unreadable", f"{path.name}: cannot be read ({err.strerror or err})") from err
