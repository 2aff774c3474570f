"""A wall-clock limit for one piece of work, enforced with a POSIX interval timer.

The timer interrupts pure-Python work (trafilatura's extraction loops, regular expressions run
from Python) by raising :class:`TimeLimitExceeded` in the main thread. Off the main thread, or
where ``SIGALRM`` does not exist, the work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(Exception):
    """The work took longer than its time limit (the message says what and how long)."""


def _can_use_alarm() -> bool:
    """Whether an interval timer can interrupt this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Run the block with a limit of ``seconds`` (None or <= 0: no limit); raise
    :class:`TimeLimitExceeded` naming ``what`` when it is exceeded. A limit already running
    (an outer block) is suspended and restored afterwards."""
    if not seconds or seconds <= 0 or not _can_use_alarm():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"{what} took longer than the {seconds:g}-second limit")

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    outer_remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_remaining:
            signal.setitimer(signal.ITIMER_REAL, outer_remaining)
