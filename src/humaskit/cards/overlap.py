"""Encoding a card on a second thread while the next card is drawn.

ISA-L's deflate (PNG) and Pillow's JPEG and WebP encoders let go of Python's global lock while
they work, so on a machine with a free core a release's cards are encoded while the next ones
are planned and drawn. The bytes are the same as when encoding in turn, and at most one card of
an :class:`Overlap` waits to be encoded, so memory grows by one canvas at most: a finished piece
lets go of its work (and so of the card's canvas) while its result waits to be read.

The pieces run on one encoding thread per process, started on first use and then kept, idle,
for the next release. A thread started per card cost the drawing thread ≈ 2 ms a card (issue
14): ``Thread.start`` waits until the new thread runs, and the new thread first needs the
global lock, which the publishing thread may hold for up to Python's 5 ms switch interval;
handing a piece to a running thread does not wait. A process forked from this one (a batch
worker) starts its own thread: the parent's does not exist in the child.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from queue import SimpleQueue
from typing import Any, Generic, TypeVar

__all__ = ["Later", "Overlap"]

T = TypeVar("T")


class Later(Generic[T]):
    """The result of ``work``, computed on the encoding thread (or at once, with ``now``);
    :meth:`result` waits for it and raises what the work raised."""

    def __init__(self, work: Callable[[], T], *, now: bool = False) -> None:
        self._work: Callable[[], T] | None = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        if now:
            self._run()
        else:
            _encoding_queue().put(self)

    def _run(self) -> None:
        work, self._work = self._work, None  # let go of what the work holds (a card's canvas)
        try:
            self._value = work()  # type: ignore[misc]  # set in __init__, run once
        except BaseException as error:  # handed to the caller of result(), which raises it
            self._error = error
        finally:
            del work  # before the piece is seen as done: nothing of it is left then
            self._done.set()

    def wait(self) -> None:
        self._done.wait()

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised


class Overlap:
    """Hands work to the encoding thread one piece at a time: each :meth:`start` first waits
    for the piece before it, so at most one is waiting or running while the caller goes on."""

    def __init__(self) -> None:
        self._last: Later[object] | None = None

    def start(self, work: Callable[[], T]) -> Later[T]:
        if self._last is not None:
            self._last.wait()
        later = Later(work)
        self._last = later  # type: ignore[assignment]  # only waited for, never read
        return later


# The encoding thread's queue, with the process it belongs to.
_queue: tuple[int, SimpleQueue[Later[Any]]] | None = None
_queue_lock = threading.Lock()


def _encoding_queue() -> SimpleQueue[Later[Any]]:
    global _queue
    with _queue_lock:
        if _queue is None or _queue[0] != os.getpid():
            pieces: SimpleQueue[Later[Any]] = SimpleQueue()
            thread = threading.Thread(
                target=_encode, args=(pieces,), name="humaskit-encode", daemon=True
            )
            thread.start()
            _queue = (os.getpid(), pieces)
        return _queue[1]


def _encode(pieces: SimpleQueue[Later[Any]]) -> None:
    while True:
        piece = pieces.get()
        piece._run()
        del piece  # (an idle thread keeps no piece, nor its result)


def _forget_in_child() -> None:
    global _queue, _queue_lock
    _queue, _queue_lock = None, threading.Lock()  # the parent's lock may be held by a thread


os.register_at_fork(after_in_child=_forget_in_child)
