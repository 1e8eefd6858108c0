"""What a background job is handed besides its services: a :class:`Progress` to report
its steps with, which stops the job with :class:`JobCancelled` once Avbryt is pressed.

Pure Python, so that jobs run and are tested headless; ``ui/jobs.py`` runs them on a
worker thread. See docs/ARCHITECTURE.md, "Jobs and changes".
"""

from __future__ import annotations

from collections.abc import Callable


class JobCancelled(Exception):
    """The user pressed Avbryt; the job stopped between two steps."""

    def __init__(self) -> None:
        super().__init__("Arbetet avbröts.")


class JobEnvironmentError(Exception):
    """A job stopped by a problem outside the program: a full disk, a file locked by
    another program, a read-only medium (see :func:`db.errors.environment_error`). The
    message is Swedish and says what was not saved and what to do; the original error
    is its ``__cause__``."""

    def __init__(self, title: str, message: str):
        super().__init__(message)
        self.title = title
        self.message = message


class Progress:
    """``progress(done, total)`` reports a step and raises :class:`JobCancelled` when
    the job has been cancelled; :meth:`report` only reports (for work that must run to
    its end once started), :meth:`check` only checks."""

    def __init__(self, report: Callable[[int, int], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None):
        self._report = report
        self._is_cancelled = is_cancelled

    def __call__(self, done: int, total: int) -> None:
        self.check()
        self.report(done, total)

    def report(self, done: int, total: int) -> None:
        if self._report is not None:
            self._report(done, total)

    def is_cancelled(self) -> bool:
        return self._is_cancelled is not None and self._is_cancelled()

    @property
    def cancelled(self) -> bool:
        return self.is_cancelled()

    def check(self) -> None:
        if self.is_cancelled():
            raise JobCancelled()
