from app import config
from ui.settings_dialog import SettingsDialog


def test_backup_count_is_saved(qtbot):
    settings = config.load_settings()
    assert settings.backups_to_keep == 10
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.backups.setValue(3)
    dialog.accept()
    assert config.load_settings().backups_to_keep == 3


def test_bad_settings_file_falls_back_to_defaults(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text('{"backups_to_keep": -4, "okänd": 1', encoding="utf-8")
    assert config.load_settings().backups_to_keep == 10
    config.settings_path().write_text('{"backups_to_keep": -4, "okänd": 1}', encoding="utf-8")
    assert config.load_settings().backups_to_keep == 10
