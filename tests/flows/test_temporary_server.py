"""`zhclean run`'s temporary Prefect server and document workers, started before the flow is
imported (flows/server.py, flows/pool.py).

A real run in a fresh process with no Prefect API configured, as on a user's machine: the flow
runs against the server started early, in the workers started early (they started before the
flow and the flow's tasks ran in them), Prefect starts no server of its own (in this process
or in the document workers, which imported Prefect before the server's address was known),
the run and its logs are in that server, and once the block is left the server and the
workers are gone. With an API configured, nothing is started.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from paths import RAW

from zhclean.flows.server import (
    ServerStartError,
    TemporaryServer,
    early_server,
    free_port,
    server_environment,
    use_server,
)

pytestmark = pytest.mark.flow

#: A fresh process's run: the flow through `early_server` and `use_server`, then what the
#: server says about it, read through the API before the server is stopped.
SCRIPT = """
import json, multiprocessing, os, sys, urllib.request
from zhclean.flows.server import early_server, use_server
with early_server() as server:
    from prefect.task_runners import ProcessPoolTaskRunner
    from zhclean.flows import pool
    pools_entered = []
    enter = ProcessPoolTaskRunner.__enter__
    def counted(self):
        pools_entered.append(type(self).__name__)
        return enter(self)
    ProcessPoolTaskRunner.__enter__ = counted
    with pool.early_pool(2):
        started_early = sorted(p.pid for p in multiprocessing.active_children())
        entered_early = list(pools_entered)
        from zhclean.flows.normalize_corpus import normalize_corpus
        import prefect.flow_engine as engines
        heartbeats = []
        send_heartbeats = engines._send_heartbeats
        def recorded(engine, *args, **kwargs):
            heartbeats.append(engine.heartbeat_seconds)  # what the run asks for: None is none
            return send_heartbeats(engine, *args, **kwargs)
        engines._send_heartbeats = recorded
        with use_server(server):
            result = normalize_corpus(raw_dir=sys.argv[1], out_dir=sys.argv[2], workers=2)
        taken = not pool._waiting
    alive_after = [pid for pid in started_early if os.path.exists(f"/proc/{pid}")]
    with use_server(server):
        from prefect.client.orchestration import get_client
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs()
            server_settings = json.load(urllib.request.urlopen(server.api_url + "/admin/settings"))
            logs = client.read_logs()
            facts = {
                "api": server.api_url,
                "pid": server.process.pid,
                "api_url_seen": str(client.api_url),
                "runs": [(r.name, r.state.type.value) for r in runs],
                "messages": [log.message for log in logs],
                "documents": result["documents"],
                "started_early": started_early,
                "pools_entered": [entered_early, pools_entered],
                "taken": taken,
                "alive_after": alive_after,
                "triggers": server_settings["server"]["services"]["triggers"]["enabled"],
                "register_blocks": server_settings["server"]["register_blocks_on_start"],
                "memoize_blocks": server_settings["server"]["memoize_block_auto_registration"],
                "heartbeats": heartbeats,
            }
json.dump(facts, open(sys.argv[3], "w"))
"""


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_a_run_uses_the_server_started_early_and_stops_it(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "one.txt").write_bytes((RAW / "001_e3528ec2684411c3.txt").read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_LOGGING_LEVEL": "INFO"}
    facts_file = tmp_path / "facts.json"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(raw), str(tmp_path / "out"), str(facts_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    facts = json.loads(facts_file.read_text())
    # the one server: the client talked to it, and Prefect never started one of its own
    assert facts["api_url_seen"].rstrip("/") == facts["api"]
    assert "Starting temporary server" not in done.stdout + done.stderr
    assert [state for _, state in facts["runs"]] == ["COMPLETED"]
    assert facts["documents"] == 1
    # the two workers started before the flow, which took them (no other pool) and stopped them
    assert len(facts["started_early"]) == 2
    assert facts["pools_entered"] == [["WarmProcessPool"], ["WarmProcessPool"]]
    assert facts["taken"] is True
    assert facts["alive_after"] == []
    # a server for one run: no automations, no block types registered, no heartbeats sent to it
    assert facts["triggers"] is False
    assert [facts["register_blocks"], facts["memoize_blocks"]] == [False, False]
    assert facts["heartbeats"] == [None]
    # the flow's own log line reached that server
    assert any("1 raw files in" in m for m in facts["messages"]), facts["messages"]
    assert (tmp_path / "out" / "json" / "articles.jsonl").is_file()
    # and it is gone: no process, nothing listening on its port
    port = int(facts["api"].rsplit(":", 1)[1].split("/")[0])
    assert not listening(port)
    assert not Path(f"/proc/{facts['pid']}").exists()


def test_the_servers_defaults_give_way_to_the_users_settings(monkeypatch):
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "true")
    assert server_environment({})["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "true"
    monkeypatch.delenv("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED")
    env = server_environment({"PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "true"})  # from a profile
    assert env["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "true"
    env = server_environment({})
    assert env["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "false"
    assert env["PREFECT__SERVER_EPHEMERAL"] == "1"
    assert env["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == "false"
    env = server_environment({"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "true"})
    assert env["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == "true"


def test_a_run_sends_no_heartbeats_to_the_temporary_server_unless_the_user_asks(monkeypatch):
    """`use_server`'s run settings: heartbeats off by default, a user's own frequency kept."""
    from prefect.settings import get_current_settings, temporary_settings

    server = TemporaryServer()
    monkeypatch.setattr(server, "wait", lambda timeout: None)  # as if it answered
    assert get_current_settings().flows.heartbeat_frequency == 180  # Prefect's default
    with use_server(server):
        assert get_current_settings().flows.heartbeat_frequency is None
        assert get_current_settings().api.url == server.api_url
    with temporary_settings(updates={"flows.heartbeat_frequency": 60}), use_server(server):
        assert get_current_settings().flows.heartbeat_frequency == 60


def test_nothing_is_started_when_an_api_is_configured(prefect_harness):
    with early_server() as server:
        assert server is None


@pytest.mark.parametrize(
    ("code", "seconds", "message"),
    [
        ("raise SystemExit(1)", 30, "exited with code 1"),  # it dies: said at once
        ("import time; time.sleep(60)", 1, "did not answer within 1 s"),  # it never answers
    ],
)
def test_a_server_that_does_not_come_up_is_a_clear_error(code: str, seconds: float, message: str) -> None:
    server = TemporaryServer()
    server.port = free_port()
    server.process = subprocess.Popen([sys.executable, "-c", code])
    try:
        with pytest.raises(ServerStartError, match=message):
            server.wait(seconds)
    finally:
        server.stop()
    assert server.process is None


#: A fresh process enters `early_server` and says whether Prefect's settings were imported when
#: the server was started, and whether the server then answered.
EARLY = """
import json, subprocess, sys
from zhclean.flows import server as srv
seen = []
real = subprocess.Popen
def popen(*args, **kwargs):
    seen.append("prefect.settings" in sys.modules)
    return real(*args, **kwargs)
srv.subprocess.Popen = popen
with srv.early_server() as server:
    srv.ready(server)
    json.dump({"prefect_imported_at_start": seen, "answered": server is not None}, open(sys.argv[1], "w"))
"""


def test_the_server_starts_before_prefect_is_imported(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(tmp_path / "home")}
    facts_file = tmp_path / "facts.json"
    done = subprocess.run(
        [sys.executable, "-c", EARLY, str(facts_file)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # started once, before Prefect was imported (importing it takes 1.5 s), and it answered
    assert json.loads(facts_file.read_text()) == {"prefect_imported_at_start": [False], "answered": True}


#: In a fresh process: does a new process read the settings in force, before and while one is
#: changed in this process only?
TOLD_APART = """
import json, sys
import zhclean.flows
from prefect.settings import PREFECT_SERVER_LOGGING_LEVEL, temporary_settings
from zhclean.flows.server import same_settings
before = same_settings()
with temporary_settings(updates={PREFECT_SERVER_LOGGING_LEVEL: "CRITICAL"}):
    changed = same_settings()
print(json.dumps([before, changed]))
"""


def test_settings_changed_in_this_process_only_are_told_apart(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", TOLD_APART], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, False]
