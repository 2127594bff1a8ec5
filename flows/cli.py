"""`zhclean`: run the flow on a raw folder, or lint text against STYLE.md.

Exit codes (documented in the README):
0 all documents processed; 1 some documents failed (listed, the rest published); 2 fatal
(no raw files, output not writable, bad arguments, or every document failed so nothing was
published); 3 another run holds the output;
for `lint`, 1 when violations are found.
"""

from __future__ import annotations

import atexit
import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zhclean.flows import progress as progress_events
from zhclean.tasks.build.discover import DiscoveryError, discover
from zhclean.tasks.build.publish import NothingToPublish, OutputBusy, OutputError, ensure_writable
from zhclean.tasks.core.options import SCRIPT_TABLES, Options

EXIT_OK, EXIT_SOME_FAILED, EXIT_FATAL, EXIT_BUSY = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])
console = Console(stderr=True)

# The options several commands take, defined once so they read (and check) the same in each.
RawOption = Annotated[Path, typer.Option(help="folder of raw .txt files")]
OutOption = Annotated[Path, typer.Option(help="where the editions and the report land")]
DisableOption = Annotated[list[str], typer.Option(help="switch a rule off by name (repeatable)")]
PanguOption = Annotated[bool, typer.Option(help="one space between CJK and Latin/digits")]
ScriptTableOption = Annotated[str, typer.Option(help="OpenCC table for traditional -> simplified")]
DEFAULT_SCRIPT_TABLE = Options().script_table
WorkersOption = Annotated[
    int, typer.Option(help="processes that normalise documents (0: every core; 1: no pool)", min=0)
]


@app.command()
def run(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    disable: DisableOption = [],  # noqa: B006
    pangu: PanguOption = False,
    force: Annotated[
        bool, typer.Option(help="rebuild even if raw files, rules and options are unchanged")
    ] = False,
    script_table: ScriptTableOption = DEFAULT_SCRIPT_TABLE,
    workers: WorkersOption = 0,
    runner: Annotated[
        str, typer.Option(help="where documents run: 'processes' (this machine) or 'dask' (a Dask cluster)")
    ] = "processes",
    address: Annotated[
        str | None,
        typer.Option(help="with --runner dask: the scheduler, e.g. tcp://host:8786 (none: a local cluster)"),
    ] = None,
    licence: Annotated[
        str | None,
        typer.Option(
            help="the corpus's licence for the release bundle, e.g. CC-BY-4.0 (default: $ZHCLEAN_LICENCE)"
        ),
    ] = None,
) -> None:
    """Normalise every file in RAW and publish the editions and the report into OUT."""
    if script_table not in SCRIPT_TABLES:
        _fatal(f"--script-table must be one of {', '.join(SCRIPT_TABLES)}, not {script_table!r}", EXIT_FATAL)
    _check_disabled(disable)
    if runner not in ("processes", "dask"):
        _fatal(f"--runner must be 'processes' or 'dask', not {runner!r}", EXIT_FATAL)
    try:  # fail fast, before Prefect starts its server
        found = discover(raw)
        ensure_writable(out)
    except (DiscoveryError, OutputError) as exc:
        _fatal(str(exc), EXIT_FATAL)
    if not force and _up_to_date(raw, out, found.files, disable, pangu, script_table):
        Console().print(
            f"{out} is up to date: same raw files, rules and options as the published "
            "build; nothing rebuilt (use --force to rebuild)"
        )
        raise typer.Exit(EXIT_OK)
    from zhclean.flows.server import ServerStartError, early_server, ready, use_server  # imports Prefect

    # Prefect's temporary server boots while the flow is imported and the workers start
    with early_server() as server, _early_workers(server, workers, runner):
        from zhclean.flows.normalize_corpus import normalize_corpus

        try:
            ready(server)
        except ServerStartError as exc:
            _fatal(f"{exc}; set PREFECT_API_URL to use a running Prefect server instead", EXIT_FATAL)
        with use_server(server), _progress_bar(), _run_logs_off_the_console():
            try:
                summary = normalize_corpus(
                    raw_dir=str(raw),
                    out_dir=str(out),
                    disabled_rules=list(disable),
                    pangu=pangu,
                    script_table=script_table,
                    force=force,
                    workers=workers,
                    runner=runner,
                    address=address,
                    licence=licence,
                )
            except OutputBusy as exc:
                _fatal(str(exc), EXIT_BUSY)
            except (OutputError, DiscoveryError) as exc:
                _fatal(str(exc), EXIT_FATAL)
            except NothingToPublish as exc:
                _fatal(str(exc), EXIT_FATAL)
    if summary["up_to_date"]:
        Console().print(
            f"{summary['out_dir']} is up to date: same raw files, rules and options as the published "
            "build; nothing rebuilt (use --force to rebuild)"
        )
        raise typer.Exit(EXIT_OK)
    _print_summary(summary)
    raise typer.Exit(EXIT_SOME_FAILED if summary["failed"] else EXIT_OK)


@contextmanager
def _early_workers(server: object, workers: int, runner: str) -> Iterator[None]:
    """The documents' worker pool, started while the temporary server boots (`early_pool`,
    imported once the server has started: it imports Prefect)."""
    from zhclean.flows.pool import early_pool

    with early_pool(workers, runner, booting=server is not None):
        yield


class LintFormat(StrEnum):
    """How `zhclean lint` prints its findings: for people, or for CI tools."""

    text = "text"
    json = "json"


@app.command()
def lint(
    path: Annotated[Path, typer.Argument(help="a text/Markdown file, articles.jsonl, or an output folder")],
    disable: DisableOption = [],  # noqa: B006
    output_format: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            help="text (for people) or json (each finding: file, line, column, rule, severity, message)",
        ),
    ] = LintFormat.text,
) -> None:
    """Report STYLE.md violations by kind, with line and context; exit 1 if any are found."""
    from zhclean.tasks.check.lint import format_json, format_report, lint_path

    _check_disabled(disable)
    if not path.exists():
        _fatal(f"{path}: no such file or folder", EXIT_FATAL)
    report = lint_path(path, Options(disabled_rules=frozenset(disable)))
    print(format_json(report) if output_format is LintFormat.json else format_report(report))
    raise typer.Exit(1 if report.total else 0)


@app.command()
def rules() -> None:
    """List every rule by stage, in the order they run, with what it does (names work with --disable)."""
    from zhclean.tasks.pipeline.catalogue import CATALOGUE

    table = Table("stage", "rule", "lint", "what it does")
    for name, entry in CATALOGUE.items():
        rule = entry.rule
        note = f" (cannot be disabled: {rule.fixed})" if rule.fixed else ""
        table.add_row(entry.stage, name, "yes" if rule.lint else "", rule.description + note)
    Console().print(table)


@app.command()
def serve(
    out: Annotated[Path, typer.Option(help="output folder to serve")] = Path("output"),
    host: Annotated[str, typer.Option(help="address (loopback: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
) -> None:
    """Serve the editions read-only: counts, downloads with SHA-256, search, review pages."""
    from zhclean.flows.serve import serve as run_server

    if not (out / "current").is_dir():
        _fatal(f"{out}: no published build (run `zhclean run --out {out}` first)", EXIT_FATAL)
    Console().print(f"serving {out} at http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(out, host=host, port=port)


@app.command()
def schedule(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    cron: Annotated[str | None, typer.Option(help="when to run (cron, in --timezone)")] = None,
    interval: Annotated[
        float | None, typer.Option(help="run every N seconds instead of a cron", min=1)
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="IANA timezone of the cron (default: this machine's)")
    ] = None,
    name: Annotated[str, typer.Option(help="deployment name")] = "nightly",
    disable: DisableOption = [],  # noqa: B006
    pangu: PanguOption = False,
    script_table: ScriptTableOption = DEFAULT_SCRIPT_TABLE,
) -> None:
    """Serve the flow as a Prefect deployment on a schedule (default: 03:00 every night, local time),
    one run at a time (an overlapping run waits); needs PREFECT_API_URL for a lasting server."""
    if script_table not in SCRIPT_TABLES:
        _fatal(f"--script-table must be one of {', '.join(SCRIPT_TABLES)}, not {script_table!r}", EXIT_FATAL)
    _check_disabled(disable)
    if cron is not None and interval is not None:
        _fatal("give --cron or --interval, not both", EXIT_FATAL)
    try:
        discover(raw)
        ensure_writable(out)
    except (DiscoveryError, OutputError) as exc:
        _fatal(str(exc), EXIT_FATAL)
    from zhclean.flows.normalize_corpus import normalize_corpus
    from zhclean.flows.schedule import DEFAULT_CRON, deployment_settings

    try:
        settings = deployment_settings(
            raw,
            out,
            cron=cron if cron is not None or interval is not None else DEFAULT_CRON,
            interval=interval,
            timezone=timezone,
            name=name,
            parameters={"disabled_rules": list(disable), "pangu": pangu, "script_table": script_table},
        )
    except ValueError as exc:  # a bad cron or timezone
        _fatal(str(exc), EXIT_FATAL)
    from prefect.settings import get_current_settings

    if not get_current_settings().api.url:
        console.print(
            "[yellow]zhclean:[/] PREFECT_API_URL is not set: the runs can be triggered by hand but a "
            "temporary server does not schedule them (start `prefect server start` and point "
            "PREFECT_API_URL at it; see the README, Scheduling reprocessing)"
        )
    normalize_corpus.serve(**settings)


@app.command()
def watch(
    raw: Annotated[Path, typer.Option(help="folder of raw .txt files to watch")] = Path("raw"),
    out: OutOption = Path("output"),
    disable: DisableOption = [],  # noqa: B006
    pangu: PanguOption = False,
    script_table: ScriptTableOption = DEFAULT_SCRIPT_TABLE,
    workers: WorkersOption = 0,
    debounce: Annotated[
        int, typer.Option(help="ms to gather changes into one rebuild", min=50, max=60_000)
    ] = 1600,
) -> None:
    """Build RAW into OUT, then rebuild (only what changed) whenever files in RAW change; Ctrl-C stops."""
    import signal
    from threading import Event

    from zhclean.flows.watch import watch as watch_raw

    if script_table not in SCRIPT_TABLES:
        _fatal(f"--script-table must be one of {', '.join(SCRIPT_TABLES)}, not {script_table!r}", EXIT_FATAL)
    _check_disabled(disable)
    if not raw.is_dir():
        _fatal(f"{raw}: no such folder", EXIT_FATAL)
    try:
        ensure_writable(out)
    except OutputError as exc:
        _fatal(str(exc), EXIT_FATAL)
    from prefect.exceptions import TerminationSignal

    import zhclean.flows.normalize_corpus  # noqa: F401  (Prefect's log handlers exist before they are filtered)

    # SIGTERM (systemd, kill) between builds ends the watch loop; during a build Prefect's own
    # handler ends the run (Crashed) with TerminationSignal, and the previous editions stay published
    stop = Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    options = Options(disabled_rules=frozenset(disable), pangu=pangu, script_table=script_table)
    with _run_logs_off_the_console(), suppress(KeyboardInterrupt, TerminationSignal):
        watch_raw(raw, out, options, typer.echo, workers=workers, debounce_ms=debounce, stop=stop)
    typer.echo("stopped watching")


def _up_to_date(
    raw: Path, out: Path, files: list[Path], disable: list[str], pangu: bool, script_table: str
) -> bool:
    """The flow's own freshness check, made before Prefect starts: a run with nothing to do
    costs the time to hash the raw files, not Prefect's start-up."""
    from zhclean.tasks.build.freshness import inputs_fingerprint, is_up_to_date, run_options
    from zhclean.tasks.pipeline.catalogue import rules_fingerprint

    options = Options(disabled_rules=frozenset(disable), pangu=pangu, script_table=script_table)
    return is_up_to_date(out, inputs_fingerprint(raw, files, rules_fingerprint(), run_options(options)))


def _check_disabled(names: list[str]) -> None:
    """An unknown rule name in --disable is an error (with the closest names), not a silent no-op."""
    from zhclean.tasks.pipeline.catalogue import check_disabled

    try:
        check_disabled(names)
    except ValueError as exc:
        _fatal(str(exc), EXIT_FATAL)


def _fatal(message: str, code: int) -> None:
    console.print(f"[bold red]zhclean:[/] {message}")
    raise typer.Exit(code)


@contextmanager
def _run_logs_off_the_console() -> Iterator[None]:
    """The run's log lines (and Prefect's traceback of a failed run) go to the Prefect API, not to
    the terminal, where the command prints its own summary and one clear error line."""

    def keep(record: logging.LogRecord) -> bool:
        return not record.name.startswith(("prefect.flow_runs", "prefect.task_runs"))

    handlers = logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(keep)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(keep)


class _progress_bar:
    """A rich progress bar fed by the flow's per-document events."""

    def __enter__(self) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task("starting Prefect", total=None)
        self.bar.start()
        progress_events.subscribe(self._on_event)

    def _on_event(self, event: str, total: int) -> None:
        if event == "start":
            self.bar.update(self.task, description="normalising", total=total)
        else:
            self.bar.update(self.task, advance=1, description=f"normalised {event}")

    def __exit__(self, *exc: Any) -> None:
        progress_events.clear()
        self.bar.stop()


def _print_summary(summary: dict[str, Any]) -> None:
    out = Console()
    table = Table(title="zhclean run", show_header=False)
    table.add_row("documents", f"{summary['processed']} processed of {summary['documents']}")
    work = summary.get("incremental")
    if work:
        table.add_row(
            "this run",
            f"processed {work['processed']}, reused {work['reused']}, removed {work['removed']}",
        )
    table.add_row("articles", str(summary["articles"]))
    table.add_row("edits", str(summary["edits"]))
    table.add_row("STYLE violations left", str(sum(summary["lint"].values())))
    table.add_row("warnings for a human", str(sum(summary["lint_warnings"].values())))
    table.add_row("problems", str(summary["problems"]))
    table.add_row("editions", summary["out_dir"])
    out.print(table)
    kinds = Table("edit kind", "count")
    for kind, n in summary["edits_by_kind"].items():
        kinds.add_row(kind, str(n))
    out.print(kinds)
    if summary["problem_list"]:
        problems = Table("file", "stage", "kind", "message", title="problems")
        for p in summary["problem_list"]:
            problems.add_row(p["file"], p["stage"], p["kind"], p["message"])
        out.print(problems)
    if summary["failed"]:
        out.print(f"[bold red]failed:[/] {', '.join(summary['failed'])}")


def main() -> None:
    """Entry point of the `zhclean` command."""
    freeze_at_exit()
    app()


def freeze_at_exit() -> None:
    """When the process ends, freeze what it holds first, so that the interpreter's last collection
    skips it: that collection walked every object of Prefect and the pipeline, to free memory the
    process was giving back anyway (0.27 s of every run's exit; 0.02 s frozen)."""
    atexit.register(gc.freeze)
