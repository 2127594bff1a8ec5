"""Honest run states: a run that could publish nothing fails and leaves the previous editions;
a run with some failed documents publishes the rest and says so (return value, logs, artifact)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhclean.flows.cli import EXIT_FATAL, app
from zhclean.tasks.build.publish import NothingToPublish

pytestmark = pytest.mark.flow

GOOD = "标题\n\n正文第一段。\n"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelname, record.getMessage()))


@pytest.fixture
def captured(monkeypatch):
    """The run's log lines and the markdown artifacts it creates."""
    from zhclean.flows import normalize_corpus as module

    artifacts: dict[str, str] = {}  # the last Markdown artifact of each key
    real = module.create_markdown_artifact

    def capture(markdown, **kw):
        artifacts[kw["key"]] = markdown
        return real(markdown, **kw)

    monkeypatch.setattr(module, "create_markdown_artifact", capture)
    tables: dict[str, list[dict]] = {}
    real_table = module.create_table_artifact

    def capture_table(table, **kw):
        tables[kw["key"]] = table
        return real_table(table, **kw)

    monkeypatch.setattr(module, "create_table_artifact", capture_table)
    handler = _Capture()
    logger = logging.getLogger("prefect.flow_runs")
    logger.addHandler(handler)
    yield handler.lines, artifacts, tables
    logger.removeHandler(handler)


def test_every_document_failing_fails_the_run_and_keeps_the_previous_editions(
    prefect_harness, tmp_path, captured
):
    from zhclean.flows.normalize_corpus import normalize_corpus

    lines, artifacts, _ = captured
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    first = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    before = (out / "json" / "articles.jsonl").read_bytes()
    (raw / "a.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    message = (
        "nothing to publish: every document failed (2): a.txt, image.txt; "
        "the previous editions stay published"
    )
    with pytest.raises(NothingToPublish) as caught:
        normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert str(caught.value) == message
    assert (out / "current").resolve().name == first["build"]
    assert (out / "json" / "articles.jsonl").read_bytes() == before
    assert [p.name for p in (out / ".runs").iterdir()] == [first["build"]]
    assert ("ERROR", message) in lines
    report = artifacts["zhclean-run-report"]
    assert report.startswith("# zhclean: run failed\n\n" + message)
    assert "| a.txt | ingest | empty |" in report


def test_the_cli_exits_fatal_when_nothing_could_be_published(prefect_harness, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert result.exit_code == EXIT_FATAL, result.output
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "zhclean: nothing to publish: every document failed (1): empty.txt; nothing was published" in said
    assert "Traceback" not in result.output
    assert not (out / "current").exists() and list((out / ".runs").iterdir()) == []


def test_some_failed_documents_publish_the_rest_and_say_so(prefect_harness, tmp_path, captured):
    from zhclean.flows.normalize_corpus import normalize_corpus

    lines, artifacts, tables = captured
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    (raw / "b.txt").write_text(GOOD, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert summary["failed"] == ["empty.txt"]
    assert (
        summary["message"] == "processed 3, reused 0, removed 0; 2 documents published; 1 failed: empty.txt"
    )
    assert summary["incremental"] == {"processed": 3, "reused": 0, "removed": 0}
    assert Path(out / "current").resolve().name == summary["build"]
    info = [m for level, m in lines if level == "INFO"]
    assert f"3 raw files in {raw}; output {out}" in info
    assert "processed 3, reused 0, removed 0 (of 3 raw files)" in info
    assert f"2 documents, 2 articles published in {out} (build {summary['build']})" in info
    assert ("WARNING", "1 of 3 documents failed and were left out: empty.txt") in lines
    assert artifacts["zhclean-run-report"].startswith(
        "# zhclean: 1 of 3 documents failed\n\nPublished the other 2; failed: empty.txt\n\n"
    )
    links = artifacts["zhclean-editions"]
    assert f"Published in `{out.resolve()}` (build `{summary['build']}`)." in links
    jsonl = out.resolve() / "json" / "articles.jsonl"
    assert f"| [json/articles.jsonl]({jsonl.as_uri()}) | {jsonl.stat().st_size:,} |" in links
    assert "Per document (2): `json/documents/<stem>.json`," in links
    size = len(GOOD.encode())
    assert tables["zhclean-documents"] == [
        {"document": "a.txt", "articles": 1, "bytes": size, "this run": "processed"},
        {"document": "b.txt", "articles": 1, "bytes": size, "this run": "processed"},
        {"document": "empty.txt", "articles": 0, "bytes": 0, "this run": "failed"},
    ]
    assert [(p["file"], p["kind"]) for p in tables["zhclean-problems"]] == [("empty.txt", "empty")]


def test_an_up_to_date_run_says_so_in_its_log_and_artifacts(prefect_harness, tmp_path, captured):
    from zhclean.flows.normalize_corpus import normalize_corpus

    lines, artifacts, _ = captured
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    first = normalize_corpus(raw_dir=str(raw), out_dir=str(out), workers=1)
    artifacts.clear()
    again = normalize_corpus(raw_dir=str(raw), out_dir=str(out), workers=1)
    assert again == {"up_to_date": True, "out_dir": str(out), "documents": 1}
    assert ("INFO", f"{out} is up to date: same raw files, rules and options; nothing rebuilt") in lines
    assert artifacts["zhclean-run-report"] == (
        f"# zhclean: up to date\n\n{out} was built from the same 1 raw files, "
        "rules and options: nothing rebuilt.\n"
    )
    assert f"(build `{first['build']}`)" in artifacts["zhclean-editions"]


@pytest.mark.parametrize("zone", ["Europe/Paris", None])
def test_the_schedule_has_a_timezone_absolute_paths_and_one_run_at_a_time(tmp_path, monkeypatch, zone):
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType

    from zhclean.flows import schedule as module

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(module, "local_timezone", lambda: "Asia/Shanghai")
    settings = module.deployment_settings(Path("raw"), Path("out"), timezone=zone, parameters={"pangu": True})
    [schedule] = settings["schedules"]
    assert (schedule.cron, schedule.timezone) == ("0 3 * * *", zone or "Asia/Shanghai")
    assert settings["parameters"] == {
        "pangu": True,
        "raw_dir": str(tmp_path / "raw"),
        "out_dir": str(tmp_path / "out"),
    }
    limit = settings["global_limit"]
    assert (limit.limit, limit.collision_strategy) == (1, ConcurrencyLimitStrategy.ENQUEUE)
    assert settings["entrypoint_type"] == EntrypointType.MODULE_PATH


def test_a_bad_timezone_or_cron_is_refused_before_anything_is_served(tmp_path, raw_files):
    raw = str(raw_files[0].parent)
    for args, said in (
        (["--timezone", "Mars/Olympus"], "unknown timezone 'Mars/Olympus'"),
        (["--cron", "nonsense"], "Invalid cron string"),
        (["--cron", "0 3 * * *", "--interval", "60"], "give --cron or --interval, not both"),
    ):
        result = CliRunner().invoke(app, ["schedule", "--raw", raw, "--out", str(tmp_path / "o"), *args])
        assert result.exit_code == EXIT_FATAL, result.output
        assert said in " ".join(result.output.split())
