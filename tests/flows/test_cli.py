"""The `zhclean` command as a user runs it: exit codes, clear errors, and a run killed mid-flight."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhclean.flows.cli import EXIT_FATAL, app

runner = CliRunner()


def test_missing_raw_folder_is_one_clear_error(tmp_path):
    result = runner.invoke(app, ["run", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == EXIT_FATAL
    assert "nowhere" in result.output
    assert "Traceback" not in result.output


def test_empty_raw_folder_is_one_clear_error(tmp_path):
    (tmp_path / "raw").mkdir()
    result = runner.invoke(app, ["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o")])
    assert result.exit_code == EXIT_FATAL
    assert "Traceback" not in result.output


def test_unwritable_output_is_one_clear_error(tmp_path, raw_files):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = runner.invoke(app, ["run", "--raw", str(raw_files[0].parent), "--out", str(blocker)])
    assert result.exit_code == EXIT_FATAL
    assert "cannot write to the output directory" in result.output


def test_lint_exits_non_zero_on_violations_and_zero_on_clean_text(tmp_path):
    dirty = tmp_path / "dirty.md"
    dirty.write_text('他说:"你好,世界"。\n', encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text("他说：“你好，世界。”\n", encoding="utf-8")
    bad = runner.invoke(app, ["lint", str(dirty)])
    assert bad.exit_code == 1, bad.output
    good = runner.invoke(app, ["lint", str(clean)])
    assert good.exit_code == 0, good.output


def test_rules_lists_named_rules():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "punct." in result.output


def _zhclean(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_HOME": str(kw.pop("home"))}
    return subprocess.Popen(
        [sys.executable, "-m", "flows", *args],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **kw,
    )


@pytest.mark.flow
def test_a_killed_run_leaves_the_previous_output_intact(tmp_path, raw_files):
    """SIGKILL mid-flow: the published build stays whole; the next run completes and tidies up."""
    raw, out, home = raw_files[0].parent, tmp_path / "out", tmp_path / "prefect"
    first = _zhclean("run", "--raw", str(raw), "--out", str(out), home=home)
    output, _ = first.communicate(timeout=600)
    assert first.returncode == 0, output.decode()
    published = (out / "current").resolve()
    before = (out / "json" / "articles.jsonl").read_bytes()

    second = _zhclean("run", "--force", "--raw", str(raw), "--out", str(out), home=home)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list((out / ".runs").iterdir())) < 2:
        time.sleep(0.05)
    time.sleep(0.5)  # let it write part of its build
    os.killpg(second.pid, signal.SIGKILL)
    second.wait()
    assert (out / "current").resolve() == published
    assert (out / "json" / "articles.jsonl").read_bytes() == before
    [json.loads(line) for line in before.decode().splitlines()]

    third = _zhclean("run", "--force", "--raw", str(raw), "--out", str(out), home=home)
    output, _ = third.communicate(timeout=600)
    assert third.returncode == 0, output.decode()
    builds = list((out / ".runs").iterdir())
    assert (out / "current").resolve() != published
    assert len(builds) == 2  # the new build and the one before it; the killed one is swept


def test_an_unknown_script_table_is_refused_before_anything_runs(tmp_path, raw_files):
    result = runner.invoke(
        app, ["run", "--raw", str(raw_files[0].parent), "--out", str(tmp_path / "o"), "--script-table", "s2t"]
    )
    assert result.exit_code == EXIT_FATAL
    assert "--script-table must be one of" in result.output
    assert not (tmp_path / "o").exists()


def test_disabling_an_unknown_rule_is_refused_with_the_closest_names(tmp_path, raw_files):
    result = runner.invoke(
        app,
        [
            "run",
            "--raw",
            str(raw_files[0].parent),
            "--out",
            str(tmp_path / "o"),
            "--disable",
            "punct.fullwidth_coma",
        ],
    )
    assert result.exit_code == EXIT_FATAL
    assert "unknown rule 'punct.fullwidth_coma'" in result.output
    assert "punct.fullwidth_comma" in result.output
    assert not (tmp_path / "o").exists()


def test_no_such_rule_exits_2_for_run_and_lint(tmp_path, raw_files):
    run = runner.invoke(app, ["run", "--raw", str(raw_files[0].parent), "--disable", "no.such.rule"])
    assert (run.exit_code, "unknown rule 'no.such.rule'" in run.output) == (2, True)
    lint = runner.invoke(app, ["lint", str(raw_files[0]), "--disable", "no.such.rule"])
    assert (lint.exit_code, "unknown rule 'no.such.rule'" in lint.output) == (2, True)


def test_watch_refuses_a_missing_raw_folder_or_a_bad_option_before_watching(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = runner.invoke(app, ["watch", "--raw", "nowhere", "--out", "o"])
    assert (missing.exit_code, "zhclean: nowhere: no such folder" in missing.output) == (EXIT_FATAL, True)
    Path("raw").mkdir()
    bad = runner.invoke(app, ["watch", "--raw", "raw", "--out", "o", "--disable", "no.such.rule"])
    assert (bad.exit_code, "unknown rule 'no.such.rule'" in bad.output) == (EXIT_FATAL, True)
    assert not Path("o").exists()


def test_the_command_freezes_what_it_holds_before_the_interpreter_exits() -> None:
    # a handler registered before `main` runs after the freeze (they run last first): it sees it
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "sys.argv = ['zhclean', '--help']\n"
        "from zhclean.flows.cli import main\n"
        "print('frozen before:', gc.get_freeze_count() > 0)\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "frozen before: False" in run.stdout
    assert run.stdout.rstrip().endswith("frozen at exit: True")
