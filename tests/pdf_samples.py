"""Small PDFs for tests: plain (PDF/A-capable), rotated/landscape, non-archivable,
encrypted, broken."""

from __future__ import annotations

import io

import pikepdf
from reportlab.pdfgen import canvas as rl_canvas

from app.pdf.fonts import SANS, register_fonts

A4 = (595.28, 841.89)
LANDSCAPE = (841.89, 595.28)


def make_pdf(pages: int = 1, label: str = "Bilaga", *, size=A4, rotate: int = 0) -> bytes:
    """Pages with "<label> sida N" in the embedded font (so they can join a PDF/A)."""
    register_fonts()
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, initialFontName=SANS, pagesize=size)
    for n in range(1, pages + 1):
        c.setFont(SANS, 14)
        c.drawString(72, size[1] - 100, f"{label} sida {n}")
        c.showPage()
    c.save()
    if not rotate:
        return buffer.getvalue()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        for page in pdf.pages:
            page.obj.Rotate = rotate
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def make_non_archival_pdf(label: str = "Gammal") -> bytes:
    """Uses the unembedded standard font Helvetica: readable, but never PDF/A."""
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, pagesize=A4)
    c.setFont("Helvetica", 14)
    c.drawString(72, 700, f"{label} sida 1")
    c.showPage()
    c.save()
    return buffer.getvalue()


def make_encrypted_pdf(user_password: str = "hemligt") -> bytes:
    with pikepdf.open(io.BytesIO(make_pdf(1, "Hemlig"))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user_password, owner="ägare"))
        return out.getvalue()


def make_truncated_pdf() -> bytes:
    data = make_pdf(3, "Trasig")
    return data[: int(len(data) * 0.8)]
