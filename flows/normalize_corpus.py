"""The Prefect flow: every raw file normalised concurrently, then each edition, the report, publish.

Task granularity follows the costs measured with Prefect 3: one task run per
document (about 10 ms of overhead each) rather than one per stage, and one
per edition. Every task is a thin wrapper around a plain function in `tasks/`.
"""

from __future__ import annotations

import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from zhclean.flows import progress
from zhclean.tasks import __version__
from zhclean.tasks.build.discover import TransientIOError, discover
from zhclean.tasks.build.freshness import inputs_fingerprint, is_up_to_date
from zhclean.tasks.build.process import Outcome, process_into_build
from zhclean.tasks.build.publish import new_staging, output_lock, publish
from zhclean.tasks.core.model import Document, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.epub_edition import write_epub_edition
from zhclean.tasks.editions.json_edition import write_json_edition
from zhclean.tasks.editions.markdown_edition import write_markdown_edition
from zhclean.tasks.editions.report import build_report, render_markdown, write_report
from zhclean.tasks.pipeline.catalogue import CATALOGUE, check_disabled, rules_fingerprint

#: Retry delays (seconds) for a transient read error; permanent errors are not retried.
READ_RETRY_DELAYS = [0.2, 1.0, 3.0]


def _is_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only I/O errors that may pass (busy or briefly unreachable storage)."""
    try:
        state.result()
    except TransientIOError:
        return True
    except Exception:
        return False
    return False


@task(
    name="normalize-document",
    task_run_name="normalize {path.name}",
    retries=len(READ_RETRY_DELAYS),
    retry_delay_seconds=READ_RETRY_DELAYS,
    retry_condition_fn=_is_transient,
    cache_policy=NO_CACHE,
)
def normalize_document_task(path: Path, options: Options, build: Path, name: str) -> Outcome:
    return process_into_build(path, options, build, name)


@task(name="write-json-edition", cache_policy=NO_CACHE)
def json_edition_task(docs: list[Document], staging: Path, manifest: dict[str, Any]) -> list[Path]:
    return write_json_edition(docs, staging, manifest)


@task(name="write-markdown-edition", cache_policy=NO_CACHE)
def markdown_edition_task(docs: list[Document], staging: Path) -> list[Path]:
    return write_markdown_edition(docs, staging)


@task(name="write-epub-edition", cache_policy=NO_CACHE)
def epub_edition_task(docs: list[Document], staging: Path) -> list[Path]:
    return write_epub_edition(docs, staging)


@task(name="write-report", cache_policy=NO_CACHE)
def report_task(report: dict[str, Any], staging: Path) -> list[Path]:
    return write_report(report, staging)


@task(name="check-inputs", cache_policy=NO_CACHE)
def fingerprint_task(raw: Path, files: list[Path], run_options: dict[str, Any]) -> str:
    return inputs_fingerprint(raw, files, rules_fingerprint(), run_options)


@task(name="publish-editions", cache_policy=NO_CACHE)
def publish_task(out_dir: Path, staging: Path) -> None:
    publish(out_dir, staging)


def make_options(disabled_rules: list[str], pangu: bool, script_table: str) -> Options:
    check_disabled(disabled_rules)
    return Options(disabled_rules=frozenset(disabled_rules), pangu=pangu, script_table=script_table)


@flow(name="normalize-corpus", task_runner=ThreadPoolTaskRunner(max_workers=4))
def normalize_corpus(
    raw_dir: str = "raw",
    out_dir: str = "output",
    disabled_rules: list[str] | None = None,
    pangu: bool = False,
    script_table: str = Options().script_table,
    force: bool = False,
) -> dict[str, Any]:
    """Normalise every raw file, build the editions and the report, and publish them atomically.

    When the published build was made from the same raw files, rules and options,
    nothing is rebuilt (`up_to_date` in the result) unless `force` is set.
    Returns the report's summary plus where the build landed. Raises
    `DiscoveryError` or `OutputError` for a fatal problem (no raw files,
    output not writable or busy); a bad document never raises.
    """
    options = make_options(disabled_rules or [], pangu, script_table)
    raw, out = Path(raw_dir), Path(out_dir)
    found = discover(raw)
    run_options = {
        "disabled_rules": sorted(options.disabled_rules),
        "pangu": pangu,
        "script_table": script_table,
    }
    with output_lock(out):
        fingerprint = fingerprint_task(raw, found.files, run_options)
        if not force and is_up_to_date(out, fingerprint):
            return {"up_to_date": True, "out_dir": str(out), "documents": len(found.files)}
        staging = new_staging(out)
        run = {
            "run_id": staging.name,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "raw_dir": str(raw),
            "files": len(found.files),
            "tool_version": __version__,
            "rules_version": rules_fingerprint(),
            "rules": sorted(CATALOGUE),
            "options": run_options,
            "inputs_fingerprint": fingerprint,
            "python": platform.python_version(),
        }
        progress.emit("start", len(found.files))
        # a file in a subfolder is named by its path inside raw/, so equal names never collide
        futures = {
            normalize_document_task.submit(path, options, staging, path.relative_to(raw).as_posix()): path
            for path in found.files
        }
        outcomes: list[Outcome] = []
        for future in as_completed(list(futures)):
            outcome = _outcome_of(future, futures[future].relative_to(raw).as_posix())
            outcomes.append(outcome)
            progress.emit(outcome.source)
        outcomes.sort(key=lambda o: o.source)
        docs = [o.document for o in outcomes if o.document is not None]
        problems: list[Problem] = list(found.skipped) + [p for o in outcomes for p in o.problems]

        report = build_report(docs, problems, run, options)
        manifest = {**run, "failed": report["summary"]["failed"]}
        edition_futures = [
            json_edition_task.submit(docs, staging, manifest),
            markdown_edition_task.submit(docs, staging),
            epub_edition_task.submit(docs, staging),
            report_task.submit(report, staging),
        ]
        for future in edition_futures:
            future.result()
        publish_task(out, staging)
    create_markdown_artifact(
        render_markdown(report), key="zhclean-run-report", description="zhclean run summary"
    )
    return {
        "up_to_date": False,
        **report["summary"],
        "problem_list": report["problems"],
        "out_dir": str(out),
        "build": staging.name,
    }


def _outcome_of(future: Any, name: str) -> Outcome:
    """A task that failed even after its retries becomes a problem for its file, not a crashed run."""
    try:
        return future.result()
    except Exception as exc:
        message = f"{name}: {type(exc).__name__}: {exc}"
        return Outcome(name, None, [Problem(name, "read", "io_error", message)])
