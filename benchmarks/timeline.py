"""Where a run's fixed seconds go: the real flow once, with the time of each of its steps.

    .venv/bin/python benchmarks/timeline.py RAW_DIR [--workers 2] [--requests]

Runs the flow as `zhclean run` does (`benchmarks/scale.py`'s runner: the temporary server and the
document workers started before the flow is imported) in a subprocess, on a fresh output folder,
and prints, in seconds since the subprocess started: when the server was started, the pool's
workers were warm, the server answered, each of the flow's own parts began and ended (discovery,
hashing, normalising, the corpus editions, publishing, the artifacts), the flow returned, and the
server stopped; with the flow process's and the temporary server's CPU seconds at each mark. `--requests` adds every
request the flow's process made to the Prefect API, with its duration. Last, the wall time
outside our own work (`scale.py`'s "Prefect share"). Nothing is timed in a test: this prints.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import our_seconds  # the same parts the scale benchmark counts as ours

#: The flow as the benchmark runs it, with marks. argv: raw, out, workers, marks file, requests.
RUNNER = r"""
import json, os, sys, time
T0 = float(os.environ["ZHCLEAN_TIMELINE_T0"])
marks, requests, server_pid = [], [], []

def cpu(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None

def mark(name):
    marks.append((name, time.time() - T0, cpu(server_pid[0]) if server_pid else None, time.process_time()))

mark("interpreter started")
from zhclean.flows.server import early_server, use_server
with early_server() as server:
    if server is not None:
        server_pid.append(server.process.pid)
    mark("server started")
    from zhclean.flows.pool import early_pool
    with early_pool(int(sys.argv[3]), booting=server is not None):
        mark("workers warm")
        import zhclean.flows.normalize_corpus as flow

        def marked(name, fn):
            def run(*args, **kwargs):
                mark(name + " +")
                try:
                    return fn(*args, **kwargs)
                finally:
                    mark(name + " -")
            return run

        for name in ("discover", "hash_task", "normalize_all", "corpus_editions_task", "publish_task",
                     "create_markdown_artifact", "create_table_artifact"):
            setattr(flow, name, marked(name, getattr(flow, name)))
        if sys.argv[5] == "1":
            import prefect.client.base as base
            send = base.PrefectHttpxSyncClient.send
            def timed(self, request, *args, **kwargs):
                start = time.time()
                try:
                    return send(self, request, *args, **kwargs)
                finally:
                    requests.append((start - T0, time.time() - start, request.method, request.url.path))
            base.PrefectHttpxSyncClient.send = timed
        with use_server(server):
            mark("server answered")
            result = flow.normalize_corpus(raw_dir=sys.argv[1], out_dir=sys.argv[2], workers=int(sys.argv[3]), force=True)
            mark("flow returned")
    mark("workers stopped")
mark("server stopped")
timings = {k: v for k, v in result["timings"].items() if k != "per_document"}
with open(sys.argv[4], "w") as fh:
    json.dump({"marks": marks, "requests": requests, "timings": timings}, fh, default=str)
from zhclean.flows.cli import freeze_at_exit
freeze_at_exit()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", action="store_true", help="also every request to the Prefect API")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhclean-timeline-") as work:
        facts_file = Path(work) / "marks.json"
        start = time.time()
        subprocess.run(
            [
                sys.executable,
                "-c",
                RUNNER,
                str(args.raw),
                str(Path(work) / "out"),
                str(args.workers),
                str(facts_file),
                "1" if args.requests else "0",
            ],
            env={**os.environ, "ZHCLEAN_TIMELINE_T0": str(start)},
            stdout=subprocess.DEVNULL,
            check=True,
        )
        wall = time.time() - start
        facts = json.loads(facts_file.read_text())
    before = 0.0
    for name, at, server_cpu, own_cpu in facts["marks"]:
        cpu = f"   server {server_cpu:.2f} CPU s" if server_cpu is not None else ""
        print(f"{at:8.3f}  (+{at - before:6.3f})  {name}   flow {own_cpu:.2f} CPU s{cpu}")
        before = at
    print(f"{wall:8.3f}  (+{wall - before:6.3f})  process ended")
    for at, seconds, method, path in facts["requests"]:
        print(f"   request at {at:7.3f} took {seconds:.3f} s: {method} {path}")
    ours = our_seconds(facts["timings"])
    print(
        f"wall {wall:.2f} s, our own work {ours:.2f} s, outside it {wall - ours:.2f} s ({(wall - ours) / wall:.1%})"
    )


if __name__ == "__main__":
    main()
