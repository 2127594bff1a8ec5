"""Scheduled reprocessing against a real Prefect server, as a user runs it.

`prefect server start` on a free loopback port (its own home and SQLite database), `zhclean
schedule` serving the deployment in another process, runs triggered through the API and
read back through it: final state, logs, artifacts; the editions checked on disk. Every
process started here is stopped at the end, on failure too; every wait is bounded and says
what it waited for.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from paths import RAW
from processes import Process, started, wait_for

pytestmark = pytest.mark.flow

#: Bounds of the waits, in seconds: generous, since CI shares two cores between many processes.
SERVER_UP, DEPLOYMENT_UP, RUN_DONE, LOGS_IN = 120, 120, 240, 30

#: The raw corpus: a real file (traditional script, a title with a subtitle), a small one
#: written here, and an empty file (a failed document: the run still publishes the others).
REAL = "001_e3528ec2684411c3.txt"
SPRING = "春耕\n\n田里一片忙碌，农民们在播种。\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }


@contextmanager
def client_of(api: str) -> Iterator[Any]:
    """A synchronous Prefect client of the server at `api` (not of this session's test harness)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        yield client


@dataclass
class Served:
    """The server's API, the served deployment's id, and the corpus it builds."""

    api: str
    deployment: Any
    raw: Path
    out: Path
    serving: Process

    def run(self, **parameters: Any) -> Any:
        """Trigger a run of the deployment through the API and wait for its final state."""
        with client_of(self.api) as client:
            run = client.create_flow_run_from_deployment(self.deployment.id, parameters=parameters)

            def final() -> Any:
                flow_run = client.read_flow_run(run.id)
                return flow_run if flow_run.state and flow_run.state.is_final() else None

            return wait_for(f"flow run {run.id} to end", RUN_DONE, final, self.serving.died)

    def logs(self, flow_run: Any, last: str) -> list[tuple[str, str]]:
        """(level, message) of the run's logs, read once the line `last` has arrived."""
        from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

        only = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run.id]))
        levels = {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL"}
        with client_of(self.api) as client:

            def read() -> list[tuple[str, str]] | None:
                lines = [
                    (levels.get(log.level, str(log.level)), log.message) for log in client.read_logs(only)
                ]
                return lines if any(message == last for _, message in lines) else None

            return wait_for(f"the log line {last!r}", LOGS_IN, read, lambda: None)

    def artifacts(self, flow_run: Any) -> dict[str, Any]:
        """The run's artifacts, by key."""
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

        with client_of(self.api) as client:
            found = client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]))
            )
        # the server also keeps a failed state's result as an artifact, without a key: not ours
        return {a.key: a for a in found if a.key}


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    """A Prefect server, and `zhclean schedule` serving the deployment of a small corpus."""
    root = tmp_path_factory.mktemp("prefect-server")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(RAW / REAL, raw / REAL)
    (raw / "spring.txt").write_text(SPRING, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server_command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1"]
    server_env = base_env(root / "server-home") | {"PREFECT_UI_ENABLED": "false"}
    with started(
        "prefect server", [*server_command, "--port", str(port), "--no-ui"], server_env, root
    ) as server:

        def healthy() -> bool | None:
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200 or None
            except httpx.HTTPError:
                return None

        wait_for(f"the Prefect server at {api}", SERVER_UP, healthy, server.died)
        zhclean = str(Path(sys.executable).parent / "zhclean")
        serve_env = base_env(root / "serve-home") | {
            "PREFECT_API_URL": api,
            "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        }
        schedule = [zhclean, "schedule", "--raw", "raw", "--out", "out", "--timezone", "Asia/Shanghai"]
        with started("zhclean schedule", schedule, serve_env, root) as serving:

            def deployment() -> Any:
                from prefect.exceptions import ObjectNotFound

                with client_of(api) as client:
                    try:
                        return client.read_deployment_by_name("normalize-corpus/nightly")
                    except ObjectNotFound:
                        return None

            found = wait_for(
                "the deployment normalize-corpus/nightly", DEPLOYMENT_UP, deployment, serving.died
            )
            yield Served(api, found, raw, root / "out", serving)


def published(out: Path) -> dict[str, bytes]:
    """Every file of the published build, by path."""
    build = (out / "current").resolve()
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_run(served) -> Any:
    """A run triggered through the API on the corpus as made (one document process, no pool)."""
    return served.run(workers=1)


def test_the_served_deployment_has_absolute_paths_a_zoned_cron_and_one_run_at_a_time(served):
    deployment = served.deployment
    assert deployment.parameters == {
        "raw_dir": str(served.raw),
        "out_dir": str(served.out),
        "disabled_rules": [],
        "pangu": False,
        "script_table": "t2s",
    }
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 3 * * *", "Asia/Shanghai")
    assert deployment.global_concurrency_limit.limit == 1
    assert deployment.concurrency_options.collision_strategy.value == "ENQUEUE"


def test_the_api_refuses_a_run_with_a_bad_parameter(served):
    from prefect.exceptions import PrefectHTTPStatusError

    for bad in ({"script_table": "bogus"}, {"disabled_rules": ["punct.fullwidth_coma"]}):
        with client_of(served.api) as client, pytest.raises(PrefectHTTPStatusError) as caught:
            client.create_flow_run_from_deployment(served.deployment.id, parameters=bad)
        assert caught.value.response.status_code == 409, caught.value.response.text
        assert "Validation failed" in caught.value.response.json()["detail"], caught.value.response.text


def test_a_run_triggered_through_the_api_publishes_and_reports(served, first_run):
    flow_run = first_run
    assert flow_run.state.type.value == "COMPLETED", flow_run.state
    assert (
        flow_run.state.message
        == "processed 3, reused 0, removed 0; 2 documents published; 1 failed: empty.txt"
    )
    assert flow_run.parameters == {
        "raw_dir": str(served.raw),
        "out_dir": str(served.out),
        "disabled_rules": [],
        "pangu": False,
        "script_table": "t2s",
        "workers": 1,
    }
    lines = (served.out / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines]
    assert [(a["source"], a["title"]) for a in articles] == [
        (REAL, "战“疫”一线党旗飘扬"),
        ("spring.txt", "春耕"),
    ]

    build = (served.out / "current").resolve().name
    out = served.out
    logs = served.logs(flow_run, f"2 documents, 2 articles published in {out} (build {build})")
    assert ("INFO", f"3 raw files in {served.raw}; output {out}") in logs
    assert ("INFO", "processed 3, reused 0, removed 0 (of 3 raw files)") in logs
    assert ("WARNING", "1 of 3 documents failed and were left out: empty.txt") in logs

    artifacts = served.artifacts(flow_run)
    assert {key: a.type for key, a in artifacts.items()} == {
        "zhclean-run-report": "markdown",
        "zhclean-editions": "markdown",
        "zhclean-documents": "table",
        "zhclean-problems": "table",
    }
    jsonl = out / "json" / "articles.jsonl"
    assert (
        f"| [json/articles.jsonl]({jsonl.as_uri()}) | {jsonl.stat().st_size:,} |"
        in artifacts["zhclean-editions"].data
    )
    assert artifacts["zhclean-run-report"].data.startswith("# zhclean: 1 of 3 documents failed\n")
    rows = json.loads(artifacts["zhclean-documents"].data)
    assert [(r["document"], r["articles"], r["this run"]) for r in rows] == [
        (REAL, 1, "processed"),
        ("spring.txt", 1, "processed"),
        ("empty.txt", 0, "failed"),
    ]
    problems = json.loads(artifacts["zhclean-problems"].data)
    assert ("empty.txt", "ingest", "empty") in [(p["file"], p["stage"], p["kind"]) for p in problems]


def test_an_all_bad_corpus_fails_the_run_and_keeps_the_editions(served, first_run):
    before, current = published(served.out), (served.out / "current").resolve()
    (served.raw / REAL).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (served.raw / "spring.txt").write_bytes(b"")
    flow_run = served.run(workers=1)
    message = (
        f"nothing to publish: every document failed (3): {REAL}, empty.txt, spring.txt; "
        "the previous editions stay published"
    )
    assert flow_run.state.type.value == "FAILED", flow_run.state
    assert flow_run.state.message == f"Flow run encountered an exception: NothingToPublish: {message}"
    assert (served.out / "current").resolve() == current
    assert published(served.out) == before
    logs = served.logs(flow_run, message)
    assert ("ERROR", message) in logs
    artifacts = served.artifacts(flow_run)
    assert {key: a.type for key, a in artifacts.items()} == {"zhclean-run-report": "markdown"}
    assert artifacts["zhclean-run-report"].data.startswith(f"# zhclean: run failed\n\n{message}\n")
