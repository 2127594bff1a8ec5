"""A hook the flow calls as each document finishes, so the CLI can draw a progress bar.

Kept out of the flow's parameters: a callback is not data Prefect should store.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, int], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call `listener(event, total)`; events are 'start' (total = files) and a file name when done."""
    _listeners.append(listener)


def clear() -> None:
    _listeners.clear()


def emit(event: str, total: int = 0) -> None:
    for listener in list(_listeners):
        listener(event, total)
