"""`zhclean watch`: run the incremental flow again whenever the raw folder changes.

The raw folder is watched with `watchfiles` (inotify on Linux). Changes are debounced: the
watcher waits until no file has changed for a moment, then yields every change since the
last build at once, so saving ten files (or an editor's write-and-rename of one) gives one
build, not ten. Changes made while a build runs are kept and give one more build after it.
Each build is the ordinary incremental run: only the changed documents are processed. Before
Prefect is involved, a build checks whether the published editions already come from these
raw files, rules and options (a file touched but not changed, or changed back), and then
does nothing. A build that fails (every document bad, raw folder emptied, output busy)
prints why and the watcher keeps watching: the previous editions stay published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from threading import Event

import watchfiles

from zhclean.tasks.build.discover import DiscoveryError, discover
from zhclean.tasks.build.freshness import inputs_fingerprint, is_up_to_date, run_options
from zhclean.tasks.build.publish import NothingToPublish, OutputError
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.catalogue import rules_fingerprint

#: How often (ms) the watcher wakes up when nothing changes: the first wake-up says it is ready.
TICK_MS = 500


def build(raw: Path, out: Path, options: Options, workers: int) -> str:
    """One incremental run of the flow, as the line to print (a failure is a line too)."""
    try:
        found = discover(raw)
    except DiscoveryError as exc:
        return f"not rebuilt: {exc}"
    fingerprint = inputs_fingerprint(raw, found.files, rules_fingerprint(), run_options(options))
    if is_up_to_date(out, fingerprint):
        return f"{out} is up to date: nothing rebuilt"
    from zhclean.flows.normalize_corpus import normalize_corpus  # imports Prefect: only when needed

    try:
        summary = normalize_corpus(
            raw_dir=str(raw),
            out_dir=str(out),
            disabled_rules=sorted(options.disabled_rules),
            pangu=options.pangu,
            script_table=options.script_table,
            workers=workers,
        )
    except (NothingToPublish, OutputError, DiscoveryError) as exc:  # OutputBusy is an OutputError
        return f"not rebuilt: {exc}"
    if summary["up_to_date"]:
        return f"{out} is up to date: nothing rebuilt"
    return f"rebuilt {out}: {summary['message']}"


def changes(raw: Path, debounce_ms: int, stop: Event, ready: Callable[[], None]) -> Iterator[int]:
    """The number of changed paths in each debounced batch of changes under `raw`, until `stop`
    is set; `ready()` is called once, when the watcher is running (a change from then on counts)."""
    announced = False
    for batch in watchfiles.watch(
        raw, debounce=debounce_ms, stop_event=stop, rust_timeout=TICK_MS, yield_on_timeout=True
    ):
        if not announced:
            announced = True
            ready()
        if batch:
            yield len(batch)


def watch(
    raw: Path,
    out: Path,
    options: Options,
    say: Callable[[str], None],
    workers: int = 0,
    debounce_ms: int = 1600,
    stop: Event | None = None,
) -> None:
    """Build once, then again after every batch of changes in `raw`, until `stop` is set."""

    def ready() -> None:
        say(f"watching {raw} for changes (Ctrl-C to stop)")

    say(build(raw, out, options, workers))
    for count in changes(raw, debounce_ms, stop or Event(), ready):
        say(f"{count} change{'s' if count != 1 else ''} in {raw}")
        say(build(raw, out, options, workers))
