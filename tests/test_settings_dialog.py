from app import backup, config
from ui.settings_dialog import SettingsDialog


def test_backup_retention_is_saved(qtbot):
    settings = config.load_settings()
    assert (settings.backup_days, settings.backup_weeks, settings.backup_months) == (7, 4, 12)
    assert (settings.backups_to_keep, settings.backup_max_gb) == (23, 10.0)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.days.setValue(5)
    dialog.weeks.setValue(2)
    dialog.months.setValue(6)
    dialog.backups.setValue(3)
    dialog.max_gb.setValue(2.5)
    dialog.accept()
    saved = config.load_settings()
    assert (saved.backup_days, saved.backup_weeks, saved.backup_months) == (5, 2, 6)
    assert (saved.backups_to_keep, saved.backup_max_gb) == (3, 2.5)
    retention = backup.Retention.from_settings(saved)
    assert retention == backup.Retention(days=5, weeks=2, months=6, max_copies=3,
                                         max_bytes=int(2.5 * 1024 ** 3))


def test_bad_settings_file_falls_back_to_defaults(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text('{"backups_to_keep": -4, "okänd": 1', encoding="utf-8")
    assert config.load_settings().backups_to_keep == 23
    config.settings_path().write_text('{"backups_to_keep": -4, "okänd": 1, "backup_days": "sju", '
                                      '"backup_weeks": 2, "backup_max_gb": -1}', encoding="utf-8")
    settings = config.load_settings()
    assert (settings.backups_to_keep, settings.backup_days, settings.backup_weeks) == (23, 7, 2)
    assert settings.backup_max_gb == 10.0
