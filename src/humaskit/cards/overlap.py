"""Encoding a card on a second thread while the next card is drawn.

zlib (PNG) and Pillow's JPEG and WebP encoders let go of Python's global lock while they work,
so on a machine with a free core a release's cards can be encoded while the next ones are
planned and drawn. Encoding is about 10–20 % of a release's drawing time (study-visit example,
session 11); the wall-time gain has not yet been measured on a quiet machine (on a busy one it
was within noise). The bytes are the same as when encoding in turn, and at most one card waits
to be encoded, so memory grows by one canvas at most: a finished piece lets go of its work (and
so of the card's canvas) while its result waits to be read. A thread per card rather than a pool:
nothing outlives the release, so nothing is left running when batch workers are forked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Later", "Overlap"]

T = TypeVar("T")


class Later(Generic[T]):
    """The result of ``work``, computed on its own thread (or at once, with ``now``);
    :meth:`result` waits for it and raises what the work raised."""

    def __init__(self, work: Callable[[], T], *, now: bool = False) -> None:
        self._work: Callable[[], T] | None = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if now:
            self._run()
        else:
            self._thread = threading.Thread(target=self._run, name="humaskit-encode", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        work, self._work = self._work, None  # let go of what the work holds (a card's canvas)
        try:
            self._value = work()  # type: ignore[misc]  # set in __init__, run once
        except BaseException as error:  # handed to the caller of result(), which raises it
            self._error = error

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised


class Overlap:
    """Starts work on a background thread one piece at a time: each :meth:`start` first waits
    for the piece before it, so at most one is running while the caller goes on."""

    def __init__(self) -> None:
        self._last: Later[object] | None = None

    def start(self, work: Callable[[], T]) -> Later[T]:
        if self._last is not None:
            self._last.wait()
        later = Later(work)
        self._last = later  # type: ignore[assignment]  # only waited for, never read
        return later
