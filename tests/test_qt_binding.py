"""The Qt binding keeps Python's reference counts.

PySide6 6.12.0 dropped one reference to ``True`` on every ``Signal.emit`` and one to
``None`` on every wrapped call that returns nothing; Python 3.11 frees neither, so after
enough of them (a few hundred table refreshes) the interpreter aborted at exit with
"bool_dealloc" or "none_dealloc", or crashed at a later garbage collection. The program
is pinned to a release without the fault (pyproject.toml); these tests refuse a binding
that has it. A reference found lost is given back before the assertion, so that a
failing binding fails the test instead of aborting the run.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

CALLS = 200


class _Sender(QObject):
    ping = Signal()
    value = Signal(object)


def _lost_and_given_back(obj: object, before: int) -> int:
    lost = before - sys.getrefcount(obj)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return lost


def test_emitting_a_signal_keeps_true(qapp):
    sender = _Sender()
    received = []
    sender.value.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(CALLS):
        sender.ping.emit()
        sender.value.emit(n)
    lost = _lost_and_given_back(True, before)
    assert received == list(range(CALLS))
    assert lost < CALLS // 10, f"{lost} references to True lost in {2 * CALLS} emits"


def test_calls_returning_nothing_keep_none(qapp):
    sender = _Sender()
    before = sys.getrefcount(None)
    for n in range(CALLS):
        sender.setObjectName(f"avsändare {n}")
    lost = _lost_and_given_back(None, before)
    assert sender.objectName() == f"avsändare {CALLS - 1}"
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} calls"
