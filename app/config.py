"""Where things live: data folder, settings, logs, backups.

One module owns every path so that tests (and portable installs) can redirect them
all: set ``NAMNDKANSLI_DATA_DIR`` and everything goes below that folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app import APP_ID, DB_SUFFIX

ENV_DATA_DIR = "NAMNDKANSLI_DATA_DIR"
MAX_RECENT = 8


def data_dir() -> Path:
    """The user's data folder (platform convention unless redirected)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True))


def settings_path() -> Path:
    return data_dir() / "installningar.json"


def log_dir() -> Path:
    return data_dir() / "loggar"


def backup_root() -> Path:
    return data_dir() / "sakerhetskopior"


def default_database_path() -> Path:
    return data_dir() / f"namndkansli{DB_SUFFIX}"


def demo_database_path() -> Path:
    return data_dir() / f"demo{DB_SUFFIX}"


@dataclass
class Settings:
    """Per-user program settings (not per database)."""

    recent_files: list[str] = field(default_factory=list)
    last_database: str = ""
    backups_to_keep: int = 10
    geometry: str = ""

    def add_recent(self, path: Path | str) -> None:
        text = str(Path(path).resolve())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]
        self.last_database = text

    def remove_recent(self, path: Path | str) -> None:
        text = str(Path(path).resolve())
        self.recent_files = [p for p in self.recent_files if p != text]
        if self.last_database == text:
            self.last_database = ""


def load_settings() -> Settings:
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__}
    settings = Settings(**known)
    if not isinstance(settings.backups_to_keep, int) or settings.backups_to_keep < 1:
        settings.backups_to_keep = Settings.backups_to_keep
    return settings


def save_settings(settings: Settings) -> None:
    """Write atomically: a crash mid-write must not leave half a settings file."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".installningar-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(settings), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
