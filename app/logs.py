"""Logging to a rotating file in the data folder.

Command-line verbs print their own messages; the log keeps the details (tracebacks,
what was opened, backups) for when something has to be looked into afterwards.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app import config

LOG_FILE_NAME = "namndkansli.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_handler: RotatingLog | None = None


def log_file() -> Path:
    return config.log_dir() / LOG_FILE_NAME


class RotatingLog(logging.FileHandler):
    """``namndkansli.log`` up to :data:`MAX_BYTES`, then renamed ``.1`` (``.1`` to
    ``.2`` …), keeping :data:`BACKUP_COUNT` old files.

    The same as logging.handlers.RotatingFileHandler, which cannot be used at start-up
    without importing logging.handlers and with it socket, pickle and queue (~7 ms, a
    tenth of what the program adds to a bare window's start-up).
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT):
        super().__init__(path, encoding="utf-8")
        self.path, self.max_bytes, self.backup_count = Path(path), max_bytes, backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.max_bytes > 0:
                size = self.stream.tell() + len(self.format(record).encode("utf-8")) + 1
                if size > self.max_bytes and self.stream.tell() > 0:
                    self._rollover()
        except Exception:  # noqa: BLE001 - logging must never raise into the program
            self.handleError(record)
            return
        super().emit(record)

    def _rollover(self) -> None:
        self.stream.close()
        self.stream = None
        for n in range(self.backup_count - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
        if self.backup_count > 0:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        self.stream = self._open()


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to the log file of the current data folder.

    Called again after the data folder has changed (a test's own folder, a portable
    install), it moves the file handler there instead of writing on in the old place.
    """
    global _handler
    path = log_file()
    if _handler is not None and _handler.path == path:
        return
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(path)
    except OSError as exc:  # a read-only data folder must not stop the program
        print(f"Loggfilen kan inte skrivas: {exc}", file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
