"""Processes a test starts (a server, a watcher) and must stop: bounded waits that say what they
waited for, and a context that stops the process, its group and any descendant, on failure too."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")

#: Seconds a stopped process has to exit before it is killed.
STOPPED = 20


def wait_for(what: str, seconds: float, probe: Callable[[], T | None], alive: Callable[[], str | None]) -> T:
    """`probe()` until it returns something, at most `seconds`; `alive()` names a process that died."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value is not None:
            return value
        dead = alive()
        if dead:
            pytest.fail(f"while waiting for {what}: {dead}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s")
        time.sleep(0.5)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (a flow run's process may have a session of its own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    """A started process, its output going to the file `log`."""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def tail(self) -> str:
        return f"{self.name} output (last 3000 characters):\n{self.output()[-3000:]}"

    def died(self) -> str | None:
        code = self.popen.poll()
        return None if code is None else f"{self.name} exited with {code}\n{self.tail()}"


@contextmanager
def started(name: str, command: list[str], env: dict[str, str], cwd: Path) -> Iterator[Process]:
    """Run `command` in a process group of its own; on exit stop the group (SIGTERM, then SIGKILL)
    and any descendant that left it."""
    log = cwd / f"{name}.log"
    with log.open("wb") as sink:
        popen = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield Process(name, popen, log)
    finally:
        family = descendants(popen.pid)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(popen.pid, sig)
            except ProcessLookupError:
                break
            try:
                popen.wait(timeout=STOPPED)
                break
            except subprocess.TimeoutExpired:
                continue
        for pid in family:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
