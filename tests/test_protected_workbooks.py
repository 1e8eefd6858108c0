"""Workbooks that need a password to open are refused with a Swedish message that says
so and what to do, on the command line and in the import dialog (the dialog once showed
"Ett oväntat fel inträffade: RuntimeError: File '[Content_Types].xml' is encrypted")."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from app.cli import main
from app.excel_import import ImportFileError, read_sheet, sheet_names

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

PROTECTED = "är lösenordsskyddad (krypterad) och kan inte läsas av programmet"


def plain_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["Datum", "Diarienummer", "Ärende"])
    wb.active.append(["2026-10-05", "VON 2026/311", "Färdtjänst"])
    wb.save(path)
    return path


def zip_encrypted(path: Path) -> Path:
    """An .xlsx whose zip members are marked encrypted (a workbook put in a password zip):
    the general-purpose flag's bit 0 set in every local and central header, as a zip
    tool writes it."""
    data = bytearray(plain_workbook(path).read_bytes())
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    for info in infos:
        struct.pack_into("<H", data, info.header_offset + 6, info.flag_bits | 0x1)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        flags = struct.unpack_from("<H", data, central + 8)[0]
        struct.pack_into("<H", data, central + 8, flags | 0x1)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def office_encrypted(path: Path) -> Path:
    """A file laid out as Excel saves a workbook with a password to open: an OLE
    compound file (its signature, a 512-byte header) whose directory names the
    EncryptionInfo and EncryptedPackage streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HH", 0x3E, 3)
    header += b"\xfe\xff" + struct.pack("<H", 9) + bytes(512 - len(header) - 4)

    def entry(name: str) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return raw + bytes(64 - len(raw)) + struct.pack("<H", len(raw)) + bytes(128 - 66)

    directory = entry("Root Entry") + entry("EncryptionInfo") + entry("EncryptedPackage") + bytes(128)
    path.write_bytes(header + directory + bytes(1024))
    return path


def test_the_made_files_are_what_the_readers_fail_on(tmp_path):
    """Without the check openpyxl reports the zip member as encrypted."""
    with pytest.raises(RuntimeError, match="encrypted"):
        openpyxl.load_workbook(zip_encrypted(tmp_path / "zip.xlsx"))


@pytest.mark.parametrize("make", [zip_encrypted, office_encrypted])
def test_reading_names_the_password(tmp_path, make):
    path = make(tmp_path / "Budget 2026.xlsx")
    for read in (sheet_names, read_sheet):
        with pytest.raises(ImportFileError) as err:
            read(path)
        assert str(err.value).startswith(f"Budget 2026.xlsx {PROTECTED}")
        assert "ta bort lösenordet" in str(err.value)


def test_an_old_xls_renamed_to_xlsx_is_named_as_such(tmp_path):
    path = tmp_path / "gammal.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    with pytest.raises(ImportFileError,
                       match=r"gamla Excel-formatet \(\.xls\), fast filnamnet slutar på \.xlsx"):
        read_sheet(path)


@pytest.mark.parametrize(("kind", "extra"), [("delegationsbeslut", []), ("evb", []),
                                             ("internbudget", ["--ar", "2026"]), ("plan", [])])
def test_command_line_refuses_in_swedish(demo_session, tmp_path, capsys, kind, extra):
    path = office_encrypted(tmp_path / "skyddad.xlsx") if kind == "plan" else zip_encrypted(
        tmp_path / "skyddad.xlsx")
    demo_session.close()
    code = main(["--db", str(demo_session.path), "import", kind, str(path), "--namnd", "VON", *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert f"skyddad.xlsx {PROTECTED}" in err
    assert "RuntimeError" not in err and "encrypted" not in err


def test_import_dialog_shows_the_message(qtbot, demo_session, tmp_path, monkeypatch):
    from ui.registers.area import RegisterArea

    path = zip_encrypted(tmp_path / "beslut.xlsx")
    shown, crashed = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr("ui.excel_import.dialog.QMessageBox.warning", lambda *a: shown.append(a[2]))
    monkeypatch.setattr("ui.excel_import.dialog.QMessageBox.critical", lambda *a: crashed.append(a[2]))
    area = RegisterArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    qtbot.mouseClick(area.delegation.import_button, Qt.MouseButton.LeftButton)
    dialog = area.delegation.import_dialog
    choose = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Välj fil…")
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown or crashed), timeout=5000)
    assert crashed == []
    assert shown[0].startswith(f"beslut.xlsx {PROTECTED}")
    assert dialog.summary.text() == shown[0]
    assert not dialog.import_button.isEnabled()
    area.close()
