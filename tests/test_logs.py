"""The log file rotates (the standard library's RotatingFileHandler) and follows the data
folder."""

from __future__ import annotations

import logging
import logging.handlers

from app import config, logs


def test_the_log_rotates_and_keeps_a_bounded_number_of_old_files(monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    monkeypatch.setattr(logs, "BACKUP_COUNT", 2)
    monkeypatch.setattr(logs, "_handler", None)
    logs.setup_logging()
    log = logging.getLogger("namndkansli.test")
    try:
        for i in range(200):
            log.info("rad %03d %s", i, "x" * 40)
        assert isinstance(logs._handler.file, logging.handlers.RotatingFileHandler)
        folder = logs.log_file().parent
        names = sorted(p.name for p in folder.iterdir())
        assert names == ["namndkansli.log", "namndkansli.log.1", "namndkansli.log.2"]
        for name in names:
            assert (folder / name).stat().st_size <= 2000
        newest = logs.log_file().read_text(encoding="utf-8")
        assert "rad 199" in newest and "rad 000" not in newest
        assert "rad 000" not in (folder / "namndkansli.log.2").read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(logs._handler)
        logs._handler.close()
        logs._handler = None


def test_setting_up_again_moves_to_the_new_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "_handler", None)
    logs.setup_logging()
    first = logs._handler
    logs.setup_logging()
    assert logs._handler is first  # same folder: the same handler
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "annan"))
    logs.setup_logging()
    try:
        assert logs._handler is not first
        assert first not in logging.getLogger().handlers
        logging.getLogger("namndkansli.test").warning("i den nya mappen")
        assert "i den nya mappen" in (tmp_path / "annan").joinpath(
            logs.log_file().relative_to(tmp_path / "annan")).read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(logs._handler)
        logs._handler.close()
        logs._handler = None
