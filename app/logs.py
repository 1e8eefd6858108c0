"""Logging to a rotating file in the data folder (and to stderr for warnings)."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from app import config

LOG_FILE_NAME = "namndkansli.log"
_configured = False


def log_file():
    return config.log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError as exc:  # a read-only data folder must not stop the program
        print(f"Loggfilen kan inte skrivas: {exc}", file=sys.stderr)
    _configured = True
