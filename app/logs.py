"""Logging to a rotating file in the data folder.

Command-line verbs print their own messages; the log keeps the details (tracebacks,
what was opened, backups) for when something has to be looked into afterwards.
``namndkansli.log`` grows to :data:`MAX_BYTES`, then becomes ``.1`` (``.1`` becomes
``.2`` …), keeping :data:`BACKUP_COUNT` old files: the standard library's
RotatingFileHandler, created at the first record (see :class:`LogFile`).
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
_handler: LogFile | None = None


def log_file() -> Path:
    return config.log_dir() / LOG_FILE_NAME


class LogFile(logging.Handler):
    """Hands each record to a logging.handlers.RotatingFileHandler made at the first one.

    Importing logging.handlers imports socket, pickle and queue (~9 ms measured, some
    15 % of what the program adds to a bare window's start-up, bench/startup.py), and
    nothing is logged on a normal start before the window is painted; so the import
    waits for the first record.
    """

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        self.baseFilename = os.path.abspath(path)
        self.file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.file is None:
            import logging.handlers

            try:
                self.file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
            except OSError:
                self.handleError(record)
                return
            self.file.setFormatter(self.formatter)
        self.file.handle(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to the log file of the current data folder.

    Called again after the data folder has changed (a test's own folder, a portable
    install), it moves the file handler there instead of writing on in the old place.
    """
    global _handler
    path = log_file()
    if _handler is not None and _handler.baseFilename == os.path.abspath(path):
        return
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass  # can be written: checked now, opened at the first record
    except OSError as exc:  # a read-only data folder must not stop the program
        print(f"Loggfilen kan inte skrivas: {exc}", file=sys.stderr)
        return
    handler = LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
