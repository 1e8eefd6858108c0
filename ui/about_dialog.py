"""Hjälp → Om Nämndkansli: version, license, where the data lives, and the licenses of
everything the program ships (fonts in full, components by name)."""

from __future__ import annotations

import platform
import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, about, config
from ui import icons


def program_html(database: Path | None, schema_version: int | None = None) -> str:
    info = about.program_summary()
    portable = config.portable_data_dir()
    folder = escape(str(config.data_dir()))
    mode = " (bärbart läge: data ligger bredvid programmet)" if portable is not None else ""
    return (
        f"<h2>{escape(info['name'])} {escape(info['version'])}</h2>"
        "<p>Kallelser, protokoll och register för kommunala nämnder – offline, "
        "i en enda databasfil.</p>"
        f"<p>Licens: {escape(info['license_title'])} ({escape(info['license'])}).</p>"
        f"<p>Databas: {escape(str(database)) if database else '–'}"
        f"{f' (schemaversion {schema_version})' if schema_version is not None else ''}<br>"
        f"Datamapp: {folder}{mode}</p>"
        f"<p>Python {escape(platform.python_version())} · "
        f"{'installerat program' if getattr(sys, 'frozen', False) else 'körs från källkod'}</p>"
    )


def license_html() -> str:
    return (f"<p>{escape(APP_NAME)} är fri programvara: du får använda, sprida och ändra den "
            f"enligt {escape(about.PROGRAM_LICENSE_TITLE)}.</p>"
            f"<pre>{escape(about.license_text('GPL-3.0'))}</pre>"
            "<h3>Qt och PySide6: GNU Lesser General Public License, version 3</h3>"
            f"<pre>{escape(about.license_text('LGPL-3.0'))}</pre>")


def fonts_html() -> str:
    parts = ["<p>Typsnitten bäddas in i varje PDF som programmet skriver.</p>"]
    for font in about.font_licenses():
        parts.append(
            f"<h3>{escape(font.name)}</h3>"
            f"<p>Licens: {escape(font.license_title)}<br>"
            f"Filer: {escape(', '.join(font.files))}</p>"
            f"<pre>{escape(font.text())}</pre>")
    return "".join(parts)


def components_html() -> str:
    rows = "".join(
        f"<tr><td>{escape(c.name)}</td><td>{escape(c.version)}</td><td>{escape(c.license)}</td></tr>"
        for c in about.components())
    python = (f"<tr><td>Python</td><td>{escape(platform.python_version())}</td>"
              "<td>PSF-2.0</td></tr>")
    return ("<p>Programmet bygger på och levereras med dessa fria komponenter. Qt och "
            "PySide6 används under LGPL-3.0 (licenstexten finns under Licens).</p>"
            "<table cellspacing='0' cellpadding='3'>"
            "<tr><th align='left'>Komponent</th><th align='left'>Version</th>"
            f"<th align='left'>Licens</th></tr>{python}{rows}</table>")


class AboutDialog(QDialog):
    def __init__(self, database: Path | None = None, parent: QWidget | None = None, *,
                 schema_version: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Om {APP_NAME}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icons.program_icon().pixmap(64, 64))
        top.addWidget(logo)
        self.program = QLabel(program_html(database, schema_version))
        self.program.setWordWrap(True)
        self.program.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.program, 1)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.license = QTextBrowser()
        self.license.setHtml(license_html())
        self.fonts = QTextBrowser()
        self.fonts.setHtml(fonts_html())
        self.components = QTextBrowser()
        self.components.setHtml(components_html())
        self.tabs.addTab(self.license, "Licens")
        self.tabs.addTab(self.fonts, "Typsnitt och licenser")
        self.tabs.addTab(self.components, "Komponenter")
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
