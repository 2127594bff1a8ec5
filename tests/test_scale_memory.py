"""The scale benchmark's memory sampler (`benchmarks/scale.py`, `tree_memory`): a copy of a process
between its fork and its exec holds its parent's pages, not memory of its own, so its RSS counts
only once it has lived to the next sample; an exec'd child counts at once."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys

from paths import ROOT

_SPEC = importlib.util.spec_from_file_location("scale_benchmark", ROOT / "benchmarks" / "scale.py")
assert _SPEC is not None and _SPEC.loader is not None
scale = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scale)

MB = 1_000_000
#: A new interpreter that holds 200 MB, says so and waits.
CHILD = "b = bytearray(200_000_000); b[::4096] = b'x' * len(b[::4096]); print('ready', flush=True); import time; time.sleep(60)"
#: A parent holding 200 MB that starts one child: forked and not exec'd ("fork"), or a new
#: interpreter holding 200 MB of its own ("exec"). It prints the child's pid and waits.
PARENT = f"""
import os, subprocess, sys, time
CHILD = {CHILD!r}
held = bytearray(200_000_000)
held[::4096] = b"x" * len(held[::4096])
if sys.argv[1] == "fork":
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
else:
    child = subprocess.Popen([sys.executable, "-c", CHILD]).pid
print(child, flush=True)
time.sleep(60)
"""


def _measured(kind: str, settle_first: bool) -> tuple[int, int, set[int], int]:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, kind], stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        if kind == "exec":
            assert parent.stdout.readline() == "ready\n"  # the new interpreter holds its 200 MB
        settled = scale.tree_memory(parent.pid)[2] if settle_first else None
        rss, pss, members = scale.tree_memory(parent.pid, settled)
        return rss, pss, members, child
    finally:
        if child:
            os.kill(child, signal.SIGKILL)
        parent.kill()
        parent.wait()


def test_a_fresh_fork_adds_no_rss_until_it_was_seen_before():
    rss, pss, members, child = _measured("fork", settle_first=False)
    assert child in members
    assert 200 * MB < rss < 300 * MB  # the parent's 200 MB once
    assert pss < 300 * MB  # shared pages counted once among the two
    rss, _, members, child = _measured("fork", settle_first=True)
    assert child in members
    assert rss > 400 * MB  # seen at the sample before: its RSS counts, shared pages again


def test_an_exec_d_child_counts_at_once():
    rss, pss, members, child = _measured("exec", settle_first=False)
    assert child in members
    assert rss > 400 * MB
    assert pss > 400 * MB


#: A process that starts a child which starts a grandchild; it prints the three pids and waits.
FAMILY = """
import os, subprocess, sys, time
GRANDCHILD = "import time; time.sleep(60)"
CHILD = f"import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', {GRANDCHILD!r}]); print(p.pid, flush=True); time.sleep(60)"
child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
print(os.getpid(), child.pid, child.stdout.readline().strip(), flush=True)
time.sleep(60)
"""


def test_the_run_s_tree_is_every_descendant_and_nothing_else(monkeypatch):
    family = subprocess.Popen([sys.executable, "-c", FAMILY], stdout=subprocess.PIPE, text=True)
    pids: set[int] = set()
    try:
        assert family.stdout is not None
        pids = {int(p) for p in family.stdout.readline().split()}
        assert len(pids) == 3
        assert scale.tree_pids(family.pid) == pids  # the children files, as each sample reads them
        assert scale._scanned_tree(family.pid) == pids  # the scan of /proc, where they are missing
        rss, pss, members = scale.tree_memory(family.pid, pss=False)
        assert members == pids
        assert pss == 0 < rss

        def no_files(pid):
            raise scale._NoChildrenFiles

        monkeypatch.setattr(scale, "_children_from_files", no_files)
        assert scale.tree_pids(family.pid) == pids  # a kernel without them: the scan instead
    finally:
        for pid in pids - {family.pid}:
            os.kill(pid, signal.SIGKILL)
        family.kill()
        family.wait()
