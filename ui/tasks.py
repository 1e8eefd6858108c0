"""Work off the UI thread: a runnable on the global thread pool, with progress,
cancellation and success/failure callbacks delivered back on the UI thread.

Like Anki's taskman: the job is a plain function ``fn(progress, is_cancelled)``; this
module only moves it to a worker and shows a progress dialog that can cancel it. Jobs
that work on the database are started through ``ui/jobs.py`` (the runner hands them
their services and is waited for at quit); see docs/ARCHITECTURE.md, "Jobs and changes".
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.jobs import JobCancelled

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, job: Job, signals: _Signals, cancel: threading.Event, ended: threading.Event):
        super().__init__()
        self.job, self.signals, self.cancel, self.ended = job, signals, cancel, ended
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.job(self._progress, self.cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - reported to the UI thread
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.finished, result)
        finally:
            # Plain Python, so that the runner can wait for the worker even after the
            # Task (a QObject) has been deleted with the window that started it.
            self.ended.set()

    def _progress(self, done: int, total: int) -> None:
        self._emit(self.signals.progress, done, total)

    def _emit(self, signal, *args) -> None:
        # The window that started the job may have been closed and deleted while it
        # ran (the program is quitting): then nobody is left to tell, which is fine.
        # Emitting to a deleted QObject raises RuntimeError here on the worker thread,
        # where it would reach the crash handler as an "unexpected error".
        try:
            signal.emit(*args)
        except RuntimeError:
            log.debug("Bakgrundsjobbets mottagare finns inte längre")


class Task(QObject):
    """One background job. Keep a reference until ``done`` fires."""

    done = Signal()

    def __init__(self, job: Job, *, on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException, str], None] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        #: Set on the worker when the job has returned or raised (or never started).
        self.ended = threading.Event()
        self._signals = _Signals()
        self._on_success, self._on_failure = on_success, on_failure
        # The worker emits from its own thread, so Qt delivers these queued, on the UI
        # thread where this object lives.
        self._signals.finished.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self.progress = self._signals.progress
        self._job = job
        self.running = False
        self._started = False

    def start(self) -> None:
        if self._cancel.is_set():  # cancelled before it reached a worker: report it so
            self.ended.set()       # that whoever waits for the outcome is told
            self._failed(JobCancelled(), "")
            return
        self.running = True
        self._started = True
        QThreadPool.globalInstance().start(_Runnable(self._job, self._signals, self._cancel, self.ended))

    def cancel(self) -> None:
        self._cancel.set()
        if not self._started:
            # Not on a worker yet (its start waits for the event loop): it never will be.
            self.ended.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker is done (True) or ``timeout`` seconds have passed."""
        return self.ended.wait(timeout)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _succeeded(self, result: Any) -> None:
        self.running = False
        if self._on_success is not None:
            self._on_success(result)
        self.done.emit()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.running = False
        log.info("Bakgrundsjobb avslutades med fel: %s", tb)
        if self._on_failure is not None:
            self._on_failure(exc, tb)
        else:
            log.error("Ohanterat fel i bakgrundsjobb:\n%s", tb)
        self.done.emit()


def run_with_progress(parent: QWidget, title: str, job: Job, *,
                      on_success: Callable[[Any], None] | None = None,
                      on_failure: Callable[[BaseException, str], None] | None = None,
                      delay_ms: int = 300) -> Task:
    """Run ``job`` on a worker with a modal progress dialog that appears only if the
    job takes longer than ``delay_ms`` and whose Avbryt button cancels it."""
    task = Task(job, on_success=on_success, on_failure=on_failure, parent=parent)
    start_with_progress_dialog(task, parent, title, delay_ms=delay_ms)
    return task


def start_with_progress_dialog(task: Task, parent: QWidget | None, title: str, *,
                               cancellable: bool = True, delay_ms: int = 300) -> None:
    """Start ``task`` with a window-modal progress dialog over ``parent`` that appears
    only if the task takes longer than ``delay_ms``; its Avbryt button (none unless
    ``cancellable``) cancels the task. Dialog and task are deleted when it ends."""
    from PySide6.QtCore import Qt  # the Qt namespace takes ~20 ms to load; not at start-up

    dialog = QProgressDialog(title, "Avbryt", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    task.progress.connect(show_progress)
    dialog.canceled.connect(task.cancel)
    task.done.connect(dialog.reset)
    task.done.connect(dialog.deleteLater)
    task.done.connect(task.deleteLater)
    # Start after the event loop turns once, so the dialog's timer is running.
    QTimer.singleShot(0, task.start)
