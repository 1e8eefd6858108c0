import pytest

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


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_digital_justering_settings_are_saved(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    dialog = SettingsDialog(config.load_settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.order.currentText() == "sekreterare → justerare → ordförande"
    qtbot.keyClicks(dialog.trust_roots, str(tmp_path / "saknas"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == f"Betrodda utfärdare: {tmp_path / 'saknas'} finns inte."
    dialog.trust_roots.clear()
    qtbot.keyClicks(dialog.trust_roots, str(tmp_path))
    qtbot.keyClicks(dialog.pkcs11_module, "/usr/lib/softhsm/libsofthsm2.so")
    qtbot.keyClicks(dialog.timestamp_url, "http://tsa.example/rfc3161")
    dialog.order.setCurrentIndex(dialog.order.findText("ordförande → justerare → sekreterare"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = config.load_settings()
    assert saved.signing_trust_roots == str(tmp_path)
    assert saved.signing_pkcs11_module == "/usr/lib/softhsm/libsofthsm2.so"
    assert saved.signing_timestamp_url == "http://tsa.example/rfc3161"
    assert saved.signing_order == ["ordforande", "justerare", "sekreterare"]
