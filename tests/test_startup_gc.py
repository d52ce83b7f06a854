"""The cycle collector is held off while a command starts and on again for its work (issue 14)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from humaskit.cli import app, startup


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    startup.release()
    gc.unfreeze()
    gc.enable()


def test_a_command_runs_its_work_with_the_collector_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    from humaskit.pipeline import check as check_module

    real = check_module.check

    def check(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "check", check)
    (tmp_path / "rilis").mkdir()
    with pytest.raises(SystemExit):
        app.main(["check", str(tmp_path / "rilis")])
    assert seen == [True]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the start made is out of the collector's sight


def test_the_collector_is_off_between_hold_and_release() -> None:
    startup.hold()
    assert not gc.isenabled()
    startup.release()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    startup.hold()
    startup.release()
    assert not gc.isenabled()
