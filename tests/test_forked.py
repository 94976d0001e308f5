"""generator/util/forked.py: work done in a forked child, its result, exception and log records handed back."""

from __future__ import annotations

import logging
import os
import time

import pytest

from generator.util import forked
from generator.util.forked import Forked, Gate, at_exit, stopped_at_end


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_the_result_is_computed_in_another_process():
    pid, square = Forked(_pid_and_square, 12).result()
    assert square == 144 and pid != os.getpid()


class Unrebuildable(Exception):
    def __init__(self, first: str, second: str) -> None:  # pickle rebuilds it from args: one, not two
        super().__init__(f"{first} {second}")


def _raise(kind: str):
    if kind == "value":
        raise ValueError("no such page")
    raise Unrebuildable("cannot", "rebuild")


def test_an_exception_is_raised_where_the_result_is_asked_for():
    with pytest.raises(ValueError, match="no such page"):
        Forked(_raise, "value").result()
    with pytest.raises(RuntimeError, match="Unrebuildable: cannot rebuild"):  # its message at least
        Forked(_raise, "other").result()


def _log(message: str) -> str:
    logging.getLogger("mkdocs.test").warning("from the child: %s", message)
    return "done"


def test_what_the_child_logs_is_logged_in_the_parent(caplog):
    with caplog.at_level(logging.WARNING):
        child = Forked(_log, "a warning")
        time.sleep(0.2)
        assert "from the child" not in caplog.text  # not before the parent asks
        assert child.result() == "done"
    assert [r.getMessage() for r in caplog.records] == ["from the child: a warning"]
    assert caplog.records[0].name == "mkdocs.test"


def test_a_stopped_child_is_ended_at_once():
    started = time.monotonic()
    child = Forked(time.sleep, 30)
    child.stop()
    assert time.monotonic() - started < 5
    assert child not in forked._running


def _wait_then_time(gate: Gate) -> float:
    gate.wait()
    return time.monotonic()


def test_a_gate_holds_the_child_until_the_parent_opens_it():
    gate = Gate()
    child = Forked(_wait_then_time, gate)
    time.sleep(0.5)
    opened = time.monotonic()
    gate.open()
    assert child.result() >= opened  # CLOCK_MONOTONIC: the same clock in both processes
    gate.close()


def test_children_started_in_a_block_end_with_it():
    with pytest.raises(KeyError), stopped_at_end():
        child = Forked(time.sleep, 30)
        raise KeyError("the build failed")
    assert child not in forked._running


def _keep_at_exit(path: str) -> None:
    at_exit(lambda: open(path, "w").write("kept"))


def test_what_a_child_keeps_at_exit_is_kept(tmp_path):
    """AnswerFile saves its answers at exit (util/cache.py): a child, which leaves with os._exit, too."""
    Forked(_keep_at_exit, str(tmp_path / "kept")).result()
    assert (tmp_path / "kept").read_text() == "kept"
