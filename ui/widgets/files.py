"""PDF files: choosing them, saving one, and showing one in the system's viewer."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

PDF_FILTER = "PDF-filer (*.pdf *.PDF);;Alla filer (*)"


def documents_folder() -> Path:
    """The user's Dokument folder (where the user keeps files, unlike the program's own
    hidden data folder), or the home folder where the platform names none."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home())


def open_in_viewer(path: Path) -> bool:
    """Open ``path`` in the system's program for it (the PDF viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def viewer_copy(name: str, data: bytes) -> Path:
    """Write ``data`` to a temporary file named after ``name`` for the system viewer (it
    needs a file; the bilaga itself lives inside the database)."""
    folder = Path(tempfile.gettempdir()) / "namndkansli-bilagor"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "bilaga.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix="", suffix=f"-{safe}", delete=False)
    with handle:
        handle.write(data)
    return Path(handle.name)


def ask_open_pdfs(parent: QWidget, title: str, *, several: bool = True) -> list[Path]:
    if several:
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", PDF_FILTER)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", PDF_FILTER)
        names = [name] if name else []
    return [Path(n) for n in names]


def ask_save_pdf(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), "PDF-filer (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def safe_file_name(text: str) -> str:
    """A file name from a title: no characters that file systems refuse ("2022/29"
    becomes "2022-29")."""
    text = text.replace("/", "-").replace("\\", "-")
    return " ".join(re.sub(r'[:*?"<>|\x00-\x1f]+', " ", text).split())
