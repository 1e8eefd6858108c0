"""The job runner: work on a worker thread that is handed its services (like Anki's
CollectionOp/QueryOp, which hand the operation the collection).

``job(services, progress) -> result`` runs on a worker with an
:class:`app.services.Services` over that thread's own connection to the session's
database; ``progress(done, total)`` reports its steps and raises
:class:`app.jobs.JobCancelled` once Avbryt has been pressed. ``on_done(result)`` and
``on_error(exc, traceback)`` are called on the GUI thread; a job that declares
``changes`` has them announced on the session's change bus when it succeeded.

The runner knows every job it started; the main window cancels them and waits for them
before it closes its database (quitting, switching files). See docs/ARCHITECTURE.md,
"Jobs and changes".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.jobs import JobCancelled, JobEnvironmentError, Progress
from db.errors import EnvironmentProblem, environment_error
from ui.tasks import Task, start_with_progress_dialog

if TYPE_CHECKING:
    from pathlib import Path

    from app.changes import Changes
    from app.services import Services
    from app.session import Session

log = logging.getLogger(__name__)

JobFunction = Callable[["Services", Progress], Any]

#: How long quitting or switching files waits for cancelled jobs to stop.
WAIT_SECONDS = 10.0


def as_environment_error(exc: BaseException, path: Path | None) -> BaseException:
    """``exc`` as a :class:`JobEnvironmentError` with the Swedish message when a problem
    outside the program caused it (disk full, locked, read-only, I/O), so that a job's
    error handler shows what was not saved and what to do instead of an English SQLite
    text or the crash dialog; a bug is returned as it is."""
    if isinstance(exc, JobEnvironmentError):
        return exc
    problem = environment_error(exc, path)
    if problem is None:
        return exc
    log.warning("Miljöfel i bakgrundsjobb (%s): %s: %s", problem.kind, type(exc).__name__, exc)
    converted = JobEnvironmentError(problem.title, problem.message)
    converted.__cause__ = exc
    return converted


def is_cancellation(task: Task, exc: BaseException) -> bool:
    """The job stopped because it was cancelled (whichever exception it stopped with)."""
    return isinstance(exc, JobCancelled) or task.cancelled


class JobRunner(QObject):
    """Starts jobs and keeps track of those still running."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: list[Task] = []

    # -- starting ------------------------------------------------------------------------------
    def run(self, job: JobFunction, *, session: Session, owner: QObject | None = None,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException, str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None,
            progress: str | None = None, cancellable: bool = True,
            changes: Changes | Callable[[Any], Changes] | None = None,
            delay_ms: int = 300) -> Task:
        """Run ``job(services, progress)`` on a worker.

        ``progress`` is the title of a window-modal progress dialog that appears when the
        job takes longer than ``delay_ms`` (Avbryt in it cancels the job unless
        ``cancellable`` is False); without it the job runs without a dialog. A cancelled
        job is reported to ``on_cancelled`` when given, otherwise to ``on_error``.
        ``changes`` (or ``changes(result)``) is announced on ``session.changes`` before
        ``on_done`` is called, with ``owner`` as its origin.
        """
        path, bus = session.path, session.changes

        def work(report: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Any:
            from app.services import Services

            services = Services.opening(path, bus)
            try:
                return job(services, Progress(report, is_cancelled))
            finally:
                services.close()

        task: Task | None = None

        def succeeded(result: Any) -> None:
            if changes is not None:
                made = changes(result) if callable(changes) else changes
                if made:
                    bus.publish(made.with_origin(owner) if made.origin is None else made)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            if on_cancelled is not None and is_cancellation(task, exc):
                on_cancelled()
                return
            exc = as_environment_error(exc, path)
            if on_error is not None:
                on_error(exc, tb)
            elif isinstance(exc, JobEnvironmentError):
                from ui.crash import show_environment_problem

                widget = owner if isinstance(owner, QWidget) else None
                show_environment_problem(EnvironmentProblem("job", exc.title, exc.message), widget)
            else:
                log.error("Ohanterat fel i bakgrundsjobb:\n%s", tb)

        parent = owner if owner is not None else self
        if progress is None:
            task = Task(work, on_success=succeeded, on_failure=failed, parent=parent)
            self._track(task)
            task.start()
        else:
            task = self._with_dialog(parent, progress, work, succeeded, failed, cancellable, delay_ms)
        return task

    def _with_dialog(self, parent: QObject, title: str, work, succeeded, failed, cancellable: bool,
                     delay_ms: int) -> Task:
        task = Task(work, on_success=succeeded, on_failure=failed, parent=parent)
        self._track(task)
        widget = parent if isinstance(parent, QWidget) else None
        start_with_progress_dialog(task, widget, title, cancellable=cancellable, delay_ms=delay_ms)
        return task

    def _track(self, task: Task) -> None:
        self._tasks = [t for t in self._tasks if not t.ended.is_set()]
        self._tasks.append(task)

    # -- the jobs still running ----------------------------------------------------------------
    @property
    def running(self) -> list[Task]:
        """The jobs started and not yet ended."""
        self._tasks = [t for t in self._tasks if not t.ended.is_set()]
        return list(self._tasks)

    def cancel_all(self) -> None:
        for task in self.running:
            task.cancel()

    def shutdown(self, timeout: float = WAIT_SECONDS) -> bool:
        """Cancel every running job and wait up to ``timeout`` seconds for them all.
        True when none is running any more."""
        tasks = self.running
        for task in tasks:
            task.cancel()
        deadline = time.monotonic() + timeout
        for task in tasks:
            if not task.wait(max(0.0, deadline - time.monotonic())):
                log.warning("Ett bakgrundsjobb avslutades inte inom %s sekunder", timeout)
                return False
        return True


_default: list[JobRunner] = []


def runner_for(widget: QObject | None) -> JobRunner:
    """The runner of the window ``widget`` is in (its ``job_runner``); outside a main
    window (a test building an area alone) one runner for the whole program."""
    obj = widget
    while obj is not None:
        runner = getattr(obj, "job_runner", None)
        if isinstance(runner, JobRunner):
            return runner
        obj = obj.parent()
    if not _default:
        from PySide6.QtCore import QCoreApplication

        _default.append(JobRunner(QCoreApplication.instance()))
    return _default[0]


def run(owner: QObject, session: Session, job: JobFunction, **kw) -> Task:
    """``runner_for(owner).run(job, session=session, owner=owner, **kw)``."""
    return runner_for(owner).run(job, session=session, owner=owner, **kw)
