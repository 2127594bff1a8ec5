"""Prefect defaults for an embedded, offline run: set before Prefect is imported.

The temporary server Prefect starts in-process needs 11-20 s on 2 cores, more
than its default start-up timeout on a fresh database; telemetry would try to
reach the network and log an error offline. Users can still override each one.
"""

from __future__ import annotations

import os

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
}


def configure_prefect() -> None:
    """Apply the defaults that are not already set in the environment."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
