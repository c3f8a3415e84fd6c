"""The suite's own machinery (conftest.py) that every build-sharing test relies on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import once_per_run, start_once_per_run


class _RecordingFactory:
    """Stands in for pytest's TempPathFactory and records the thread of every `getbasetemp()` call."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.callers: list[str] = []

    def getbasetemp(self) -> Path:
        self.callers.append(threading.current_thread().name)
        return self.base


def test_a_background_build_asks_for_the_run_folder_in_the_tests_own_thread(tmp_path: Path) -> None:
    """Red when: `start_once_per_run` lets its thread make pytest's first `getbasetemp()` call. That first
    call empties the worker's folder; from a second thread it raced a fixture being copied into the folder,
    and every bad-input test of the worker failed with 'No such file or directory'."""
    factory = _RecordingFactory(tmp_path)
    made: list[Path] = []
    start_once_per_run(factory, "helper-check", made.append)  # type: ignore[arg-type]
    target = once_per_run(factory, "helper-check", made.append)  # type: ignore[arg-type]
    assert made == [target], "the folder was made more than once, or not at all"
    assert set(factory.callers) == {threading.current_thread().name}, factory.callers


def test_a_failed_maker_is_reported_to_the_next_test_that_asks(tmp_path: Path) -> None:
    """Red when: a failure in the background is swallowed and the next test reads an empty folder."""
    factory = _RecordingFactory(tmp_path)

    def broken(_: Path) -> None:
        raise RuntimeError("the build broke")

    start_once_per_run(factory, "broken-check", broken)  # type: ignore[arg-type]
    with pytest.raises(pytest.fail.Exception, match="the build broke"):
        once_per_run(factory, "broken-check", broken)  # type: ignore[arg-type]
