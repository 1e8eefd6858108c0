"""PDF/A post-processing and checks with pikepdf (docs/domain/documents.md).

* :func:`to_pdfa` turns a PDF made by :mod:`app.pdf.document` into PDF/A at a chosen
  level (``"1b"``, ``"2b"`` — the default, what Swedish archives ask for — or ``"3b"``):
  it removes ReportLab's empty ``/Trans`` dictionaries, adds the sRGB output intent and
  the XMP identification, and (by default) validates the written bytes, raising
  :class:`PdfaError` with the validator's findings when they do not conform.
* :func:`finish` does the same on an open ``pikepdf.Pdf`` (the handlingar bundle), with
  validation optional: the bundle's parts are checked one by one beforehand, because
  validating a 300-page bundle costs more than building it.
* :func:`archive_problems` answers "could this external PDF (a bilaga) be part of a
  PDF/A document?" — an empty list means yes.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import pdfa as _pdfa

LEVELS = ("1b", "2b", "3b")
DEFAULT_LEVEL = "2b"


class PdfaError(Exception):
    """The document does not conform to the requested PDF/A level."""

    def __init__(self, level: str, findings: list[str]):
        self.level = level
        self.findings = findings
        shown = "; ".join(findings[:3]) + (" …" if len(findings) > 3 else "")
        super().__init__(f"Dokumentet uppfyller inte PDF/A-{level}: {shown}")


def check_level(level: str) -> str:
    level = (level or "").lower().removeprefix("pdf/a-")
    if level not in LEVELS:
        raise ValueError(f"Okänd PDF/A-nivå ”{level}”; välj en av {', '.join(LEVELS)}.")
    return level


def remove_empty_trans(pdf: pikepdf.Pdf) -> None:
    """ReportLab writes an empty ``/Trans`` (page transition) dictionary on every page;
    the validator cannot check it and PDF/A has no use for it."""
    for page in pdf.pages:
        trans = page.obj.get("/Trans")
        if trans is not None and isinstance(trans, pikepdf.Dictionary) and len(trans.keys()) == 0:
            del page.obj["/Trans"]


def set_document_info(pdf: pikepdf.Pdf, *, title: str | None = None, lang: str = "sv-SE") -> None:
    """Title (shown by viewers instead of the file name) and language for a merged PDF."""
    if title is not None:
        pdf.docinfo["/Title"] = title
    pdf.Root.Lang = pikepdf.String(lang)
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    else:
        prefs.DisplayDocTitle = True


def _messages(report) -> list[str]:
    return [f"{f.message} ({f.where}, {f.rule})" for f in report.findings]


def finish(pdf: pikepdf.Pdf, level: str | None = DEFAULT_LEVEL, *, validate: bool = True) -> bytes:
    """Write ``pdf`` to bytes; as PDF/A when ``level`` is given (None: plain PDF).

    With ``validate`` the written bytes are checked and :class:`PdfaError` raised when
    they do not conform; without it the document is prepared and saved with the
    settings PDF/A requires, trusting parts that were checked before.
    """
    remove_empty_trans(pdf)
    out = io.BytesIO()
    if level is None:
        pdf.save(out)
        return out.getvalue()
    level = check_level(level)
    if validate:
        try:
            _pdfa.save(pdf, out, level)
        except _pdfa.PdfaError as exc:
            report = getattr(exc, "report", None)
            findings = _messages(report) if report is not None else [str(exc)]
            raise PdfaError(level, findings) from exc
    else:
        _pdfa.prepare(pdf, level)
        pdf.save(out, **_pdfa.resolve_save_kwargs(level))
    return out.getvalue()


def to_pdfa(data: bytes, level: str = DEFAULT_LEVEL, *, validate: bool = True) -> bytes:
    """PDF bytes → PDF/A bytes at ``level`` (see module docstring)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return finish(pdf, level, validate=validate)


def validation_findings(data: bytes, level: str = DEFAULT_LEVEL) -> list[str]:
    """Validate finished PDF bytes as they are; [] means they conform to ``level``."""
    report = _pdfa.validate_written(io.BytesIO(data), check_level(level))
    return [] if report.passed else _messages(report)


def archive_problems(pdf: pikepdf.Pdf, level: str = DEFAULT_LEVEL) -> list[str]:
    """Why the pages of ``pdf`` could not be part of a PDF/A document at ``level`` after
    the same preparation the bundle gets (sRGB output intent, XMP). [] = they can.

    Modifies ``pdf`` in memory (open a throwaway copy)."""
    level = check_level(level)
    remove_empty_trans(pdf)
    try:
        _pdfa.prepare(pdf, level)
        report = _pdfa.check(pdf, level)
    except Exception as exc:  # noqa: BLE001 - any failure means "not archivable", with a reason
        return [f"kunde inte kontrolleras: {exc}"]
    return [] if report.passed else _messages(report)
