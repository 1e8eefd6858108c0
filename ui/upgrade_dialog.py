"""Upgrading a file an older version wrote, before the window opens it: on a worker, with
a progress dialog that names the step and how far it has come, and Avbryt
(app/upgrade.py says what is reported and what Avbryt leaves behind).

The worker only writes down its latest step; a timer on the UI thread shows it. So the
dialog follows however many steps the upgrade has without the worker emitting a signal
for each (every signal a worker emits counts towards PySide's crash at exit, see
ui/main_window.py's backup), and the window keeps painting while it waits.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app import APP_NAME
from app.jobs import JobCancelled
from app.session import Session
from app.upgrade import UpgradeReporter, UpgradeStep
from ui.tasks import Task

log = logging.getLogger(__name__)

#: How often the dialog shows the worker's latest step.
POLL_MS = 100
#: An upgrade quicker than this shows no dialog at all.
SHOW_AFTER_MS = 300

CANCELLED_MESSAGE = (
    "Uppgraderingen avbröts och databasen {name} har inte öppnats. Steget som pågick sparades "
    "inte; det som redan var klart finns kvar, och uppgraderingen fortsätter nästa gång filen öppnas.")


class UpgradeDialog(QProgressDialog):
    """The progress of one upgrade: the step's title and its figure, from :meth:`show_step`."""

    def __init__(self, path: Path, parent: QWidget | None):
        first = self._intro(path, "En säkerhetskopia sparas före uppgraderingen …")
        super().__init__(first, "Avbryt", 0, 0, parent)
        self.path = path
        self.setObjectName("uppgradering")
        self.setWindowTitle(f"{APP_NAME} – databasen uppgraderas")
        self.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                               else Qt.WindowModality.ApplicationModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(480)

    @staticmethod
    def _intro(path: Path, line: str) -> str:
        return (f"Databasen {path.name} har skapats med en äldre version av {APP_NAME} och uppgraderas nu. "
                f"Det görs en gång.\n\n{line}")

    def show_step(self, step: UpgradeStep) -> None:
        self.setLabelText(self._intro(self.path, step.text()))
        if step.total:
            self.setMaximum(step.total)
            self.setValue(min(step.done, step.total))
        else:
            self.setMaximum(0)  # busy: the step gives no figure


def upgrade_with_progress(parent: QWidget | None, path: Path) -> bool:
    """Upgrade ``path`` on a worker while a progress dialog shows how far it has come.
    True when the file is ready to be opened; False when the user pressed Avbryt (told
    what that left). Whatever the upgrade raised is raised again here, on the UI thread,
    for the caller to explain."""
    dialog = UpgradeDialog(path, parent)
    latest: list[UpgradeStep | None] = [None]
    shown: list[UpgradeStep | None] = [None]
    outcome: dict[str, BaseException] = {}

    def work(_report, is_cancelled) -> None:
        Session.upgrade(path, UpgradeReporter(lambda step: latest.__setitem__(0, step), is_cancelled))

    def show_latest() -> None:
        step = latest[0]
        if step is not None and step is not shown[0]:
            shown[0] = step
            dialog.show_step(step)

    task = Task(work, on_failure=lambda exc, _tb: outcome.setdefault("error", exc), parent=dialog)
    loop = QEventLoop()
    task.done.connect(loop.quit)
    dialog.canceled.connect(task.cancel)
    timer = QTimer(dialog)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(show_latest)
    timer.start()
    QTimer.singleShot(0, task.start)
    loop.exec()
    timer.stop()
    show_latest()
    dialog.reset()
    dialog.deleteLater()
    error = outcome.get("error")
    if error is None:
        return True
    if isinstance(error, JobCancelled) or task.cancelled:
        log.info("Uppgraderingen av %s avbröts", path)
        QMessageBox.information(parent, f"{APP_NAME} – uppgraderingen avbröts",
                                CANCELLED_MESSAGE.format(name=path.name))
        return False
    raise error
