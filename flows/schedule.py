"""The scheduled deployment of the flow that `zhclean schedule` serves (and `prefect.yaml` mirrors).

A cron is read in a timezone (default: this machine's, not UTC as Prefect's default would be),
raw and output are absolute paths in the deployment's parameters (a server or systemd unit
started from another folder runs the same build), and the deployment runs one flow run at a
time, a second one waiting in the queue instead of failing on the output lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The deployment's default schedule: every night at 03:00 in its timezone.
DEFAULT_CRON = "0 3 * * *"


def local_timezone() -> str:
    """The machine's IANA timezone name (a cron without one would run in UTC)."""
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:
        return "UTC"


def deployment_settings(
    raw_dir: Path,
    out_dir: Path,
    cron: str | None = DEFAULT_CRON,
    interval: float | None = None,
    timezone: str | None = None,
    name: str = "nightly",
    parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `serve` arguments of the scheduled deployment: a cron (in `timezone`, default the machine's)
    or an interval in seconds; raw and output as absolute paths, so the runs do not depend on the
    folder the server was started from; and one run at a time, the next one queued (not failed)."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron, Interval

    zone = timezone or local_timezone()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {zone!r} (an IANA name such as Europe/Paris)") from exc
    if (cron is None) == (interval is None):
        raise ValueError("give either a cron or an interval")
    schedule = Cron(cron, timezone=zone) if cron is not None else Interval(interval, timezone=zone)
    return {
        "name": name,
        "schedules": [schedule],
        "parameters": {
            **(parameters or {}),
            "raw_dir": str(raw_dir.resolve()),
            "out_dir": str(out_dir.resolve()),
        },
        "global_limit": ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE),
        "description": f"zhclean: normalise {raw_dir.resolve()} into {out_dir.resolve()}",
        # the flow named by its module in the installed package, as `prefect.yaml` names it, not by
        # a file path relative to the folder `zhclean schedule` happened to start in
        "entrypoint_type": EntrypointType.MODULE_PATH,
    }
