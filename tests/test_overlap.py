"""Cards encoded on a second thread (cards/overlap.py) let go of their canvas once encoded.

A release's encoded cards wait for the publishing step; if each waiting result kept the closure
that encoded it, it would keep that card's canvas too (6–8 MB each, ~120 MB for the study-visit
kit), which is what pushed a batch worker past 200 MB (issue 14).
"""

from __future__ import annotations

import gc
import multiprocessing
import weakref
from typing import Any

import pytest

from humaskit.cards.overlap import Later, Overlap


class _Canvas:
    """Stands in for a card's canvas: something large the work refers to."""


@pytest.mark.parametrize("now", [True, False])
def test_a_finished_piece_keeps_its_result_but_not_its_work(now: bool) -> None:
    canvas = _Canvas()
    gone = weakref.ref(canvas)

    def work(held: _Canvas = canvas) -> str:
        return f"encoded {type(held).__name__}"

    later = Later(work, now=now)
    later.wait()
    del canvas, work
    gc.collect()
    assert gone() is None  # the canvas went, although the piece is still waiting to be read
    assert later.result() == "encoded _Canvas"


def test_an_error_of_the_work_is_raised_by_result() -> None:
    def work() -> str:
        raise ValueError("broken card")

    later = Overlap().start(work)
    later.wait()
    with pytest.raises(ValueError, match="broken card"):
        later.result()


def _encode_in_child(queue: Any) -> None:
    queue.put(Overlap().start(lambda: "made in the child").result())


def test_a_forked_worker_encodes_on_a_thread_of_its_own() -> None:
    """A batch worker forked after this process encoded a card gets its own encoding thread:
    the parent's does not exist in the child, so handing it a piece would wait forever."""
    assert Overlap().start(lambda: "made in the parent").result() == "made in the parent"
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()
    child = context.Process(target=_encode_in_child, args=(results,))
    child.start()
    child.join(timeout=30)
    if child.is_alive():
        child.kill()
    assert child.exitcode == 0
    assert results.get() == "made in the child"


def test_pieces_of_two_overlaps_are_each_done_once() -> None:
    first, second = Overlap(), Overlap()
    made = [(first if n % 2 else second).start(lambda n=n: n * n) for n in range(40)]
    assert [later.result() for later in made] == [n * n for n in range(40)]
