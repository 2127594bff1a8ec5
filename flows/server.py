"""The embedded run's temporary Prefect server, started early so that it boots while this process
imports the pipeline.

With no Prefect API configured, Prefect starts a temporary server the first time a flow needs
one: it imports its whole server application in this process (about 3 s, only to find the
class that starts it), then starts the same application in a subprocess and waits for it
(about 5 s more). `zhclean run` knows from the start that it will need that server, so
`TemporaryServer` starts the same subprocess (Prefect's own command and settings) before
Prefect itself is imported (`early_server`) and points Prefect at it (`PREFECT_API_URL`) once
it answers. The run is the same Prefect run on the same kind of server; it starts about 5.5 s
sooner (`benchmarks/RESULTS.md`). When an API is configured (a Prefect server, Prefect Cloud, a
test harness), nothing is started and Prefect's settings are left alone.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

#: The environment Prefect gives its own temporary server (`SubprocessASGIServer`): no UI, and
#: the server knows it is a temporary one.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
#: Defaults of ours for that server, which the environment and Prefect's settings override: no
#: automations. Its triggers and actions services would wait for events to act on, for a server
#: that lives as long as one run; loading them took a sixth of its start (about 1 of 6-7 CPU s,
#: measured on a server of its own). Automations belong to a Prefect server that outlives runs
#: (`PREFECT_API_URL`), where nothing is started here.
#: Nor block types registered at its start: they are what Prefect's UI and saved blocks need,
#: and a temporary server has no UI while a run saves no block. Registering them first imports
#: every installed Prefect collection to see whether any block changed (prefect-dask, and Dask's
#: `distributed` with it: 0.35 s of 3.4 CPU s, whether or not anything is registered), on the
#: run's critical path; a Prefect server started later on the same database registers them at
#: its own start.
SERVER_DEFAULTS = {
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
}
#: What a run against the temporary server does without, unless the user's settings say
#: otherwise: flow-run heartbeats. They tell a server that outlives a run that the run is alive
#: (an automation marks a run whose heartbeats stop as crashed); a temporary server lives as
#: long as the run and has no automations, so none is read. And Prefect's heartbeat thread
#: sleeps in whole seconds, which the flow run's end waits out: 0.5 s on average (measured 0.57 s
#: at 1,000 documents, 1.03 s at 200).
RUN_DEFAULTS: dict[str, object] = {"flows.heartbeat_frequency": None}
#: uvicorn's exit code when the port was taken meanwhile: start again on another.
PORT_TAKEN = 3
POLL_SECONDS = 0.1
STOP_SECONDS = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def needed() -> bool:
    """Whether Prefect would start a temporary server: no API configured (environment, profile
    or the settings in force) and temporary servers allowed."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return not settings.api.url and bool(settings.server.ephemeral.enabled)


def settings_environment() -> dict[str, str]:
    """Prefect's settings in force here (a profile's, say), as the server's environment: what
    Prefect passes its own temporary server."""
    from prefect.settings import get_current_settings

    return get_current_settings().to_environment_variables(exclude_unset=True)


def drain_prefect_workers() -> None:
    """Wait for this process's queued run logs and events to reach the server."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with suppress(RuntimeError):  # never started: nothing queued
        APILogWorker.instance().drain()
    EventsWorker.drain_all()


class ServerStartError(RuntimeError):
    """The temporary server did not come up (it exited, or did not answer in time)."""


class TemporaryServer:
    """Prefect's temporary server in a subprocess of this one, from `start` to `stop`."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.settings: dict[str, str] = {}

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, settings: dict[str, str] | None = None) -> None:
        """Start the server; return at once (`wait` waits for it). `settings`: Prefect's settings
        for it, as environment variables (None: those in force here, which imports Prefect)."""
        self.settings = settings_environment() if settings is None else settings
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(prefect_parent()),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=server_environment(self.settings),
        )

    def wait(self, timeout: float) -> None:
        """Return once the server answers its health check; raise `ServerStartError` after `timeout`
        seconds or if it exits (a port taken meanwhile is retried on another)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None, "start the server first"
            code = self.process.poll()
            if code == PORT_TAKEN:
                self.start(self.settings)
                continue
            if code is not None:
                raise ServerStartError(f"the temporary Prefect server exited with code {code}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=POLL_SECONDS * 10) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(POLL_SECONDS)
        raise ServerStartError(f"the temporary Prefect server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def server_environment(settings: dict[str, str]) -> dict[str, str]:
    """The temporary server's environment: this process's, with `settings` (Prefect's in force
    here) and what makes it a temporary server, over our defaults."""
    return {**SERVER_DEFAULTS, **os.environ, **SERVER_ENV, **settings}


def prefect_parent() -> Path:
    """The folder Prefect is installed in (uvicorn's `--app-dir`), found without importing it."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ServerStartError("Prefect is not installed")
    return Path(spec.origin).parent.parent


def same_settings() -> bool:
    """Whether a new process given this environment reads the Prefect settings in force here
    (none was changed in this process only, as a test's `temporary_settings` does)."""
    from prefect.settings import Settings, get_current_settings

    fresh = Settings().to_environment_variables(exclude_unset=True)
    return fresh == get_current_settings().to_environment_variables(exclude_unset=True)


@contextmanager
def early_server() -> Iterator[TemporaryServer | None]:
    """Start Prefect's temporary server now if a flow run will need one; inside the block (import
    the flow meanwhile), call `use_server` around the flow. Stopped on leaving.

    Importing Prefect to read its settings takes 1.5 s, so the server is started first, with this
    process's environment (from which, and from the same profile, it reads its settings), unless
    the environment names an API. Prefect's settings then decide: no server when an API is
    configured after all (a profile's); started again with the settings in force when this
    process changed some that a new process would not read."""
    server = None if os.environ.get("PREFECT_API_URL") else TemporaryServer()
    try:
        if server is not None:
            server.start(settings={})
            if not needed():
                server.stop()
                server = None
            elif not same_settings():
                server.stop()
                server.start()
        yield server
    finally:
        if server is not None:
            server.stop()


def ready(server: TemporaryServer | None) -> None:
    """Wait for `server` (if any) to answer, at most Prefect's start-up timeout for its own
    temporary server; `ServerStartError` if it does not."""
    if server is None:
        return
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    server.wait(float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))


@contextmanager
def use_server(server: TemporaryServer | None) -> Iterator[None]:
    """Wait for `server` to answer, then point Prefect at it: through the environment, which the
    processes started here inherit (a pool the flow starts, Dask's workers; the workers
    `early_pool` started before are handed it with each task, as Prefect hands a task its
    settings) and which Prefect's global settings are refreshed from (threads that began
    before this block read those), and through this thread's settings, with `RUN_DEFAULTS`."""
    if server is None:
        yield
        return
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    ready(server)
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    refresh_global_settings_context()
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}, set_defaults=RUN_DEFAULTS):
            yield
            # the run's logs and events still queued reach this server before it goes (as in
            # Prefect's test harness), not a new one started for them
            drain_prefect_workers()
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        refresh_global_settings_context()
