"""`zhclean watch` as a user runs it: a change in the raw folder rebuilds only what changed, once."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from processes import started, wait_for

pytestmark = pytest.mark.flow

#: Bounds of the waits, in seconds (the first build starts Prefect's temporary server).
READY, REBUILT, STOPPED = 240, 120, 60


def test_a_changed_raw_file_is_rebuilt_once_and_alone(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("春耕\n\n田里一片忙碌，农民们在播种。\n", encoding="utf-8")
    (raw / "b.txt").write_text("秋收\n\n稻谷金黄，大家忙着收割。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    zhclean = str(Path(sys.executable).parent / "zhclean")
    command = [zhclean, "watch", "--raw", "raw", "--out", "out", "--workers", "1", "--debounce", "300"]
    with started("zhclean watch", command, env, tmp_path) as watcher:

        def said(line: str) -> bool | None:
            return line in watcher.output().splitlines() or None

        first = "rebuilt out: processed 2, reused 0, removed 0; 2 documents published"
        wait_for(f"the first build ({first!r})", READY, lambda: said(first), watcher.died)
        ready = "watching raw for changes (Ctrl-C to stop)"
        wait_for(f"the watcher ({ready!r})", READY, lambda: said(ready), watcher.died)
        # an editor's two saves in a row: one change set, one build
        (raw / "a.txt").write_text("夏耘\n\n锄禾日当午。\n", encoding="utf-8")
        (raw / "a.txt").write_text("夏耘\n\n锄禾日当午，汗滴禾下土。\n", encoding="utf-8")
        second = "rebuilt out: processed 1, reused 1, removed 0; 2 documents published"
        wait_for(f"the rebuild ({second!r})", REBUILT, lambda: said(second), watcher.died)
        watcher.popen.send_signal(signal.SIGTERM)  # as systemd stops it: after the build under way
        assert watcher.popen.wait(timeout=STOPPED) == 0, watcher.tail()
        assert watcher.output().splitlines() == [first, ready, "1 change in raw", second, "stopped watching"]
    assert (tmp_path / "out" / "markdown" / "a.md").read_text(encoding="utf-8").count("汗滴禾下土") == 1
