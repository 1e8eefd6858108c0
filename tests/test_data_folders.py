"""Where the program keeps its data: the override, portable mode, platform conventions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import config


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the packaged program, its executable in ``tmp_path/Nämndkansli``."""
    program = tmp_path / "Nämndkansli"
    program.mkdir()
    exe = program / "namndkansli"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(config.ENV_DATA_DIR, raising=False)
    return program


def test_override_wins_over_everything(frozen, tmp_path, monkeypatch):
    (frozen / config.PORTABLE_MARKER).write_text("")
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "egen"))
    assert config.data_dir() == tmp_path / "egen"


def test_portable_marker_puts_data_next_to_the_program(frozen):
    (frozen / config.PORTABLE_MARKER).write_text("Bärbart läge\n", encoding="utf-8")
    assert config.program_dir() == frozen.resolve()
    assert config.data_dir() == frozen.resolve() / "data"
    # Every path the program writes follows the data folder.
    assert config.settings_path() == frozen.resolve() / "data" / "installningar.json"
    assert config.log_dir().parent == frozen.resolve() / "data"
    assert config.backup_root().parent == frozen.resolve() / "data"
    assert config.default_database_path() == frozen.resolve() / "data" / "namndkansli.nkdb"


def test_settings_are_saved_in_the_portable_folder(frozen):
    (frozen / config.PORTABLE_MARKER).write_text("")
    settings = config.Settings(backups_to_keep=3)
    config.save_settings(settings)
    assert (frozen / "data" / "installningar.json").is_file()
    assert config.load_settings().backups_to_keep == 3


def test_without_marker_the_platform_convention_applies(frozen, monkeypatch):
    import platformdirs

    calls = []

    def fake_user_data_dir(appname, appauthor=None, roaming=False):
        calls.append((appname, appauthor, roaming))
        return str(frozen.parent / "användardata" / appname)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    assert config.portable_data_dir() is None
    assert config.data_dir() == frozen.parent / "användardata" / "namndkansli"
    # Roaming on Windows: settings follow the user between municipal computers.
    assert calls == [("namndkansli", False, True)]


def test_a_folder_named_like_the_marker_does_not_count(frozen):
    (frozen / config.PORTABLE_MARKER).mkdir()
    assert config.portable_data_dir() is None


def test_running_from_source_ignores_a_marker_beside_python(tmp_path, monkeypatch):
    """From source the executable is Python itself; a stray file there must not move
    a developer's data."""
    python_dir = tmp_path / "venv" / "bin"
    python_dir.mkdir(parents=True)
    (python_dir / config.PORTABLE_MARKER).write_text("")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(python_dir / "python"))
    assert config.program_dir() is None
    assert config.portable_data_dir() is None


def test_macos_marker_beside_the_app_bundle(tmp_path):
    macos = tmp_path / "USB" / "Nämndkansli.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    assert config.portable_data_dir(macos) is None
    (tmp_path / "USB" / config.PORTABLE_MARKER).write_text("")
    assert config.portable_data_dir(macos) == tmp_path / "USB" / "data"
    # Inside the bundle beside the executable also works.
    (macos / config.PORTABLE_MARKER).write_text("")
    assert config.portable_data_dir(macos) == macos / "data"


def test_platform_conventions_per_system(monkeypatch):
    """What platformdirs answers for each system (the folders the README promises)."""
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix

    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    unix = Unix("namndkansli", appauthor=False, roaming=True)
    assert Path(unix.user_data_dir) == Path.home() / ".local" / "share" / "namndkansli"
    mac = MacOS("namndkansli", appauthor=False, roaming=True)
    assert mac.user_data_dir.endswith("Library/Application Support/namndkansli")
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/xdg")
    assert Unix("namndkansli", appauthor=False, roaming=True).user_data_dir == "/srv/xdg/namndkansli"
