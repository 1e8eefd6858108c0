"""The Om-dialog: version, the program's license, and the licenses of what it ships."""

from __future__ import annotations

from pathlib import Path

from app import __version__, about
from ui import about_dialog

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def test_font_licenses_come_from_the_shipped_copyright_files():
    fonts = {f.name: f for f in about.font_licenses()}
    assert set(fonts) == {"Liberation Fonts", "DejaVu fonts"}
    liberation = fonts["Liberation Fonts"]
    assert liberation.license_id == "SIL-OFL-1.1"
    assert liberation.license_title == "SIL Open Font License 1.1"
    assert liberation.files == ("LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf",
                                "LiberationSans-Italic.ttf", "LiberationSans-Regular.ttf")
    assert "SIL OPEN FONT LICENSE" in liberation.text().upper()
    assert fonts["DejaVu fonts"].license_id == "bitstream-vera"
    assert fonts["DejaVu fonts"].files == ("DejaVuSans.ttf",)
    # Every shipped font file is covered by a license.
    shipped = {p.name for p in FONT_DIR.glob("*.ttf")}
    assert shipped == {name for f in fonts.values() for name in f.files}


def test_a_new_font_family_with_its_license_file_is_listed(tmp_path):
    (tmp_path / "NotoSerif-Regular.ttf").write_bytes(b"")
    (tmp_path / "LICENSE-Noto.txt").write_text(
        "Upstream-Name: Noto Fonts\n\nFiles: *\nCopyright: Google\nLicense: OFL-1.1\n\n"
        "Files: debian/*\nLicense: GPL-2+\n", encoding="utf-8")
    [noto] = about.font_licenses(tmp_path)
    assert (noto.name, noto.license_id, noto.files) == ("Noto Fonts", "OFL-1.1", ("NotoSerif-Regular.ttf",))
    assert noto.license_title == "SIL Open Font License 1.1"


def test_components_are_the_runtime_dependencies_with_their_licenses():
    found = {c.name.lower().replace("_", "-"): c for c in about.components()}
    for name in ("pyside6-essentials", "sqlite-utils", "openpyxl", "reportlab", "pikepdf",
                 "platformdirs", "holidays"):
        assert name in found, name
    assert "LGPL-3.0" in found["pyside6-essentials"].license
    assert found["pikepdf"].license == "MPL-2.0"
    # Test and build tools are not part of the program.
    for tool in ("pytest", "ruff", "pyinstaller", "pip", "namndkansli"):
        assert tool not in found


def test_about_texts_list_version_license_and_font_licenses(qtbot, tmp_path):
    dialog = about_dialog.AboutDialog(tmp_path / "nämnd.nkdb")
    qtbot.addWidget(dialog)
    program = dialog.program.text()
    assert f"Nämndkansli {__version__}" in program
    assert "GNU General Public License, version 3 eller senare (GPL-3.0-or-later)" in program
    assert str(tmp_path / "nämnd.nkdb") in program
    fonts = dialog.fonts.toPlainText()
    assert "Liberation Fonts" in fonts and "SIL Open Font License 1.1" in fonts
    assert "DejaVu fonts" in fonts and "Bitstream Vera" in fonts
    assert "LiberationSans-Regular.ttf" in fonts
    license_text = dialog.license.toPlainText()
    assert "GNU GENERAL PUBLIC LICENSE" in license_text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in license_text
    components = dialog.components.toPlainText()
    assert "PySide6" in components and "reportlab" in components
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Licens", "Typsnitt och licenser", "Komponenter"]


def test_program_icon_is_the_window_icon_in_every_size(qapp):
    from ui.application import make_application, set_window_icon
    from ui.icons import ICON_SIZES, program_icon

    app = make_application()
    set_window_icon(app)
    icon = app.windowIcon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == list(ICON_SIZES)
    assert icon.cacheKey() == program_icon().cacheKey()
    # The 16-pixel rendering is the blue sheet, not an empty image.
    image = icon.pixmap(16, 16).toImage()
    assert image.width() == 16 and image.pixelColor(8, 2).blue() > 120
    assert app.desktopFileName() == "namndkansli"
