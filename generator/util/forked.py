"""Work done meanwhile in a forked child process, its result (or exception) handed back through a pipe.

A build has independent pieces of work (the checks, the other edition) and a machine has more than one
core: each piece runs in a child forked from the process that has already loaded everything, and the
parent asks for its result when it needs it. The child computes exactly what the parent would have, so
the output is the same; where a system cannot fork, the work is done in the parent when asked for.
What the child logs comes back with its result and is logged in the parent then, where the parent's
handlers decide what to show (and in the order of the work, not of the processes).
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import signal
import sys
from contextlib import contextmanager
from typing import Callable

_running: list[Forked] = []  # children whose result has not been received, oldest first
_at_exit: list[Callable[[], None]] = []  # what each process runs as it ends (at_exit)


def at_exit(function: Callable[[], None]) -> None:
    """Run function as this process ends, and as each child forked from it ends (a child leaves without
    the parent's atexit clean-up, so as not to do it twice: what it computed is kept by function)."""
    if function not in _at_exit:
        _at_exit.append(function)
        atexit.register(function)


class Forked:
    """function(*args), computed in a child process from now on; result() waits for it and returns it, or
    raises what the function raised. A Forked whose result is never asked for must be stop()ped."""

    def __init__(self, function: Callable, *args) -> None:
        self._function, self._args = function, args
        self._pid: int | None = None
        self._pipe: int | None = None
        self._answer: tuple[bool, object] | None = None  # (True, the result) or (False, the exception)
        if not hasattr(os, "fork"):
            return
        sys.stdout.flush()  # or the child would write out again what the parent had buffered
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, hand over, and leave without the parent's clean-up
            os.close(read)
            _child(write, function, args)
        os.close(write)
        self._pid, self._pipe = pid, read
        _running.append(self)

    def result(self):
        if self._answer is None:
            self._answer = self._receive() if self._pid is not None else _answer(self._function, self._args)
        done, value = self._answer
        if not done:
            raise value
        return value

    def _receive(self) -> tuple[bool, object]:
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        self._reap()
        if not payload:
            return False, RuntimeError(f"{_name(self._function)} stopped without an answer (its process was killed)")
        done, value, records = pickle.loads(payload)
        for record in records:
            logging.getLogger(record.name).handle(record)
        return done, value

    def stop(self) -> None:
        """End the child if it is still working (the parent no longer wants its result)."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._pipe)
        self._reap()

    def _reap(self) -> None:
        os.waitpid(self._pid, 0)
        self._pid = None
        _running.remove(self)


class Gate:
    """A one-time signal from a process to a child forked after the gate was made: the child waits() until the
    parent open()s it (or ends: a parent that is gone holds nobody back). Each side close()s it when done."""

    def __init__(self) -> None:
        self._ends = dict(zip(("read", "write"), os.pipe()))

    def open(self) -> None:
        if "write" in self._ends:
            os.write(self._ends["write"], b"1")
            self._close("write")

    def wait(self) -> None:
        self._close("write")  # in the child: its copy of the parent's end would keep the pipe open
        if "read" in self._ends:
            os.read(self._ends["read"], 1)
        self.close()

    def close(self) -> None:
        for end in list(self._ends):
            self._close(end)

    def _close(self, end: str) -> None:
        if end in self._ends:
            os.close(self._ends.pop(end))


@contextmanager
def stopped_at_end():
    """Children forked within the block do not outlive it: whatever ends the block (an error, Ctrl-C) ends
    those still working, before the caller's clean-up removes what they write."""
    before = len(_running)
    try:
        yield
    finally:
        for child in _running[before:]:
            child.stop()


atexit.register(lambda: [child.stop() for child in list(_running)])  # none outlives the process either


def _answer(function: Callable, args: tuple) -> tuple[bool, object]:
    try:
        return True, function(*args)
    except Exception as err:  # noqa: BLE001  (raised where the result is asked for)
        return False, err


def _child(write: int, function: Callable, args: tuple) -> None:
    records = _LogRecords()
    root = logging.getLogger()
    root.handlers = [records]
    try:
        payload = pickle.dumps((True, function(*args), records.kept))
    except BaseException as err:  # noqa: BLE001  (every exception goes to the parent, Ctrl-C's too)
        payload = _pickled_error(err, records.kept)
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        for function in _at_exit:
            function()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)


def _pickled_error(err: BaseException, records: list[logging.LogRecord]) -> bytes:
    try:
        payload = pickle.dumps((False, err, records))
        pickle.loads(payload)  # an exception whose arguments do not rebuild it fails here, not in the parent
        return payload
    except Exception:  # noqa: BLE001  (an exception that cannot be pickled: its message still can)
        return pickle.dumps((False, RuntimeError(f"{type(err).__name__}: {err}"), records))


class _LogRecords(logging.Handler):
    """The child's log records, as the parent will log them: message formatted, traceback as text."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.kept.append(record)


def _name(function: Callable) -> str:
    return getattr(function, "__qualname__", repr(function))
