"""Where things live: data folder, settings, logs, backups.

One module owns every path so that tests (and portable installs) can redirect them
all: set ``NAMNDKANSLI_DATA_DIR`` and everything goes below that folder.

The data folder, in order of precedence:

1. ``NAMNDKANSLI_DATA_DIR`` (tests, scripts);
2. portable mode: the packaged program (``sys.frozen``) finds a file ``portable.txt``
   beside its executable (on macOS also beside the ``.app``) and keeps its data in a
   folder ``data`` next to that file, so a USB stick carries program and data together;
3. the platform's convention for the user's data (platformdirs): ``%APPDATA%\\namndkansli``
   on Windows, ``~/Library/Application Support/namndkansli`` on macOS,
   ``~/.local/share/namndkansli`` (or ``$XDG_DATA_HOME``) on Linux.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from app import APP_ID, DB_SUFFIX

ENV_DATA_DIR = "NAMNDKANSLI_DATA_DIR"
MAX_RECENT = 8
#: A file of this name beside the packaged program's executable switches on portable mode.
PORTABLE_MARKER = "portable.txt"
#: The data folder in portable mode, next to the marker.
PORTABLE_DATA_FOLDER = "data"


def program_dir() -> Path | None:
    """The folder of the packaged program's executable, or None when running from
    source (then the executable is Python itself, and no marker beside it counts)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_data_dir(program: Path | None = None) -> Path | None:
    """The data folder of portable mode, or None when the marker is absent.

    ``program`` is the executable's folder (default: :func:`program_dir`). On macOS the
    executable lies inside ``Nämndkansli.app/Contents/MacOS``; the marker may also lie
    beside the ``.app``, where a user can see it.
    """
    program = program if program is not None else program_dir()
    if program is None:
        return None
    candidates = [program]
    contents = program.parent
    if program.name == "MacOS" and contents.name == "Contents" and contents.parent.suffix == ".app":
        candidates.append(contents.parent.parent)
    for folder in candidates:
        if (folder / PORTABLE_MARKER).is_file():
            return folder / PORTABLE_DATA_FOLDER
    return None


def data_dir() -> Path:
    """The user's data folder (see the module's docstring for the order of choice)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    portable = portable_data_dir()
    if portable is not None:
        return portable
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


class Settings:
    """Per-user program settings (not per database).

    A plain class rather than a dataclass: it is read on the way to the window's first
    paint, and a dataclass compiles its methods when the module is imported. The class
    attributes are the defaults; :data:`Settings.FIELDS` is what the settings file holds.
    """

    recent_files: list[str]
    last_database: str = ""
    #: Backups of each database (app/backup.py Retention): the newest copy of each of the
    #: last days, weeks and months, at most this many copies …
    backups_to_keep: int = 23
    backup_days: int = 7
    backup_weeks: int = 4
    backup_months: int = 12
    #: … and at most this much disk (GB) for one database's copies.
    backup_max_gb: float = 10.0
    #: The main window's place and size, "x,y,width,height[,max]" (ui/window_state.py).
    geometry: str = ""
    #: The position of each splitter in the main window's areas (ui/window_state.py).
    splitters: dict[str, str]
    #: Digital justering (app/protokoll/signering.py): a file or folder of CA
    #: certificates the signatures are checked against ("" = none trusted) …
    signing_trust_roots: str = ""
    #: … the PKCS#11 module of the municipality's card middleware, an RFC 3161 time-stamp
    #: server ("" = sign without one), and the order the slots on the signature page sign in.
    signing_pkcs11_module: str = ""
    signing_timestamp_url: str = ""
    signing_order: list[str]
    #: Whether the municipality signs the anslag digitally too (app/protokoll/dokumentsignering.py).
    signing_anslag: bool = False

    FIELDS = ("recent_files", "last_database", "backups_to_keep", "backup_days", "backup_weeks",
              "backup_months", "backup_max_gb", "geometry", "splitters", "signing_trust_roots",
              "signing_pkcs11_module", "signing_timestamp_url", "signing_order", "signing_anslag")

    def __init__(self, **values) -> None:
        unknown = sorted(set(values) - set(self.FIELDS))
        if unknown:
            raise TypeError(f"Settings har ingen inställning {', '.join(unknown)}")
        # The mutable defaults, new for every instance.
        self.recent_files = []
        self.splitters = {}
        self.signing_order = ["sekreterare", "justerare", "ordforande"]
        for name, value in values.items():
            setattr(self, name, value)

    def as_dict(self) -> dict:
        """Every setting by name, as the settings file holds them."""
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in self.as_dict().items())})"

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
    known = {k: v for k, v in raw.items() if k in Settings.FIELDS}
    settings = Settings(**known)
    if not isinstance(settings.splitters, dict):
        settings.splitters = {}
    order = settings.signing_order
    if not isinstance(order, list) or sorted(order) != ["justerare", "ordforande", "sekreterare"]:
        settings.signing_order = Settings().signing_order
    for name in ("signing_trust_roots", "signing_pkcs11_module", "signing_timestamp_url"):
        if not isinstance(getattr(settings, name), str):
            setattr(settings, name, "")
    if not isinstance(settings.signing_anslag, bool):
        settings.signing_anslag = False
    least_of = {"backups_to_keep": 1, "backup_days": 1, "backup_weeks": 0, "backup_months": 0}
    for name, least in least_of.items():
        value = getattr(settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            setattr(settings, name, getattr(Settings, name))
    if not isinstance(settings.backup_max_gb, int | float) or not settings.backup_max_gb > 0:
        settings.backup_max_gb = Settings.backup_max_gb
    return settings


def save_settings(settings: Settings) -> None:
    """Write atomically: a crash mid-write must not leave half a settings file."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own per process and thread (tempfile would cost start-up time).
    tmp = path.with_name(f".installningar-{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(settings.as_dict(), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
