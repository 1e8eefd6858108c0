"""Render the program icon from its SVG source into every size the platforms need.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Reads ``resources/icons/namndkansli.svg`` and writes, next to it, PNGs of 16 … 256
pixels (window icons, the Linux icon theme) and ``namndkansli.ico`` (Windows: the
executable, the installer, the file association), plus ``packaging/macos/namndkansli.icns``
for the macOS bundle. Run it after every change to the SVG and commit the results with
it; the build itself never renders icons, so it needs no SVG support.

The renderer is Qt's own (QtSvg, part of PySide6-Essentials): nothing else to install.
ICO and ICNS are written here with PNG-compressed entries, which Windows (Vista and
later) and macOS (10.7 and later) read; Qt cannot write multi-size ICO/ICNS files.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "namndkansli.svg"
ICON_DIR = SOURCE.parent
ICNS = ROOT / "packaging" / "macos" / "namndkansli.icns"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS entry types by pixel size (the @2x types reuse the larger renderings).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
              (b"ic14", 512))


def render_png(renderer, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"Kunde inte skriva PNG i storlek {size}.")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A multi-size ICO file whose entries are PNG images (the ICONDIR format)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(struct.pack(">4sI", kind, 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return struct.pack(">4sI", b"icns", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} kunde inte läsas som SVG.", file=sys.stderr)
        return 1
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(renderer, size) for size in sizes}
    written = []
    for size in PNG_SIZES:
        path = ICON_DIR / f"namndkansli-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = ICON_DIR / "namndkansli.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    ICNS.write_bytes(icns_bytes(pngs))
    for path in [*written, ico, ICNS]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
