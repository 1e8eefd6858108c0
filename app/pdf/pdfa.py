"""PDF/A post-processing and checks with pikepdf (docs/domain/documents.md).

A document is PDF/A only when the validator passed on its bytes (docs/domain/documents.md,
"PDF/A only when true"):

* :func:`archive` (an open ``pikepdf.Pdf``) and :func:`to_archive` (bytes) make a
  document PDF/A at a chosen level (``"1b"``, ``"2b"`` — the default, what Swedish
  archives ask for — or ``"3b"``): they remove ReportLab's empty ``/Trans`` dictionaries,
  add the sRGB output intent and the XMP identification, save and validate the written
  bytes. When the validator does not pass, the document is written as an ordinary PDF
  (without the PDF/A identification, which the preparation had already added) and the
  :class:`Archived` result says so and why, in Swedish (:mod:`app.pdf.pdfa_findings`;
  the English findings go to the log). What a document is announced as comes from
  :class:`Archived`, never from the level that was asked for.
* :func:`archive_status` tells the same about finished bytes (a stored document): the
  level they claim, when the validator passes on them.
* :func:`to_pdfa` and :func:`finish` are the strict forms: they raise :class:`PdfaError`
  (Swedish) instead of falling back.
* :func:`archive_problems` answers "could this external PDF (a bilaga) be part of a
  PDF/A document?" — an empty list means yes; otherwise Swedish sentences saying what
  is wrong and what the user can do.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import pdfa as _pdfa

from app.pdf import pdfa_findings

log = logging.getLogger(__name__)

LEVELS = ("1b", "2b", "3b")
DEFAULT_LEVEL = "2b"


class PdfaError(Exception):
    """The document does not conform to the requested PDF/A level; ``findings`` are
    Swedish sentences (the validator's English is in the log)."""

    def __init__(self, level: str, findings: list[str]):
        self.level = level
        self.findings = findings
        shown = "; ".join(findings[:3]) + (" …" if len(findings) > 3 else "")
        super().__init__(f"Dokumentet uppfyller inte PDF/A-{level}: {shown}")


@dataclass(frozen=True)
class Archived:
    """A finished PDF and what it is: ``level`` is the PDF/A level the validator passed
    on these bytes (None: an ordinary PDF); ``reasons`` say in Swedish why it is not
    PDF/A when a level was asked for (empty otherwise)."""

    data: bytes
    level: str | None
    reasons: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """ "PDF/A-2b", or "vanlig PDF (inte PDF/A): Filen har tecken som typsnittet saknar." """
        if self.level:
            return f"PDF/A-{self.level}"
        if self.reasons:
            return "vanlig PDF (inte PDF/A): " + " ".join(self.reasons)
        return "vanlig PDF"


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
    """The validator's findings as written (English): for tests and the log only."""
    return [f"{f.message} ({f.where}, {f.rule})" for f in report.findings]


def _reasons(findings, subject: str) -> tuple[str, ...]:
    """Swedish sentences for the findings of a document the program made."""
    found = pdfa_findings.causes(findings, subject)
    return (pdfa_findings.sentence(found, "Dokumentet") + ".",)


def _drop_pdfa_identification(pdf: pikepdf.Pdf) -> None:
    """The preparation writes the PDF/A identification into the XMP before the save
    that the validator then rejects: an ordinary PDF must not keep that claim."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        for key in [k for k in meta if "pdfa/ns/id" in k]:
            del meta[key]


def _plain(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def archive(pdf: pikepdf.Pdf, level: str | None = DEFAULT_LEVEL, *, subject: str = "") -> Archived:
    """Write ``pdf`` as PDF/A at ``level`` when the validator passes on the written bytes,
    otherwise as an ordinary PDF with the reasons (module docstring). ``subject`` names
    the document in the log. None asks for an ordinary PDF."""
    remove_empty_trans(pdf)
    if level is None:
        return Archived(_plain(pdf), None)
    level = check_level(level)
    out = io.BytesIO()
    try:
        _pdfa.save(pdf, out, level)
    except _pdfa.PdfaError as exc:
        log.warning("%s blev inte PDF/A-%s:\n%s", subject or "Dokumentet", level, exc.report.summary())
        reasons = _reasons(exc.report.findings, subject)
        _drop_pdfa_identification(pdf)
        return Archived(_plain(pdf), None, reasons)
    return Archived(out.getvalue(), level)


def to_archive(data: bytes, level: str | None = DEFAULT_LEVEL, *, subject: str = "") -> Archived:
    """:func:`archive` for PDF bytes."""
    if level is None:
        return Archived(data, None)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return archive(pdf, level, subject=subject)


def finish(pdf: pikepdf.Pdf, level: str | None = DEFAULT_LEVEL, *, validate: bool = True) -> bytes:
    """Write ``pdf`` to bytes; as PDF/A when ``level`` is given (None: plain PDF),
    raising :class:`PdfaError` when the validator does not pass.

    ``validate=False`` prepares and saves with the settings PDF/A requires without
    checking the result: only for a caller that validates the bytes itself before
    announcing them as PDF/A (with :func:`archive_status`).
    """
    if level is None or validate:
        made = archive(pdf, level)
        if level is not None and made.level is None:
            raise PdfaError(check_level(level), list(made.reasons))
        return made.data
    remove_empty_trans(pdf)
    level = check_level(level)
    out = io.BytesIO()
    _pdfa.prepare(pdf, level)
    pdf.save(out, **_pdfa.resolve_save_kwargs(level))
    return out.getvalue()


def to_pdfa(data: bytes, level: str = DEFAULT_LEVEL, *, validate: bool = True) -> bytes:
    """PDF bytes → PDF/A bytes at ``level`` (see module docstring)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return finish(pdf, level, validate=validate)


def claimed_level(data: bytes) -> str | None:
    """The PDF/A level the file's XMP identification claims ("2b"), or None."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            status = pdf.open_metadata().pdfa_status
    except (pikepdf.PdfError, ValueError):
        return None
    level = status.lower() if status else ""
    return level if level in LEVELS else None


def archive_status(data: bytes, level: str | None = DEFAULT_LEVEL, *, subject: str = "") -> Archived:
    """What finished bytes are: PDF/A at the level they claim when the validator passes
    on them; otherwise an ordinary PDF, with the reasons it is not PDF/A at the claimed
    level or at ``level`` (None and no claim: no reasons)."""
    claimed = claimed_level(data)
    if claimed is not None:
        report = _pdfa.validate_written(io.BytesIO(data), claimed)
        if report.passed:
            return Archived(data, claimed)
        if _has_form(report):
            # A digitally signed file: the validator cannot judge a form; pdfa_signed can.
            from app.pdf.pdfa_signed import signed_findings

            if not signed_findings(data, claimed):
                return Archived(data, claimed)
        log.warning("%s påstår PDF/A-%s men är det inte:\n%s", subject or "Dokumentet", claimed,
                    report.summary())
        return Archived(data, None, _reasons(report.findings, subject))
    if level is None:
        return Archived(data, None)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        remove_empty_trans(pdf)
        try:
            _pdfa.prepare(pdf, check_level(level))
            report = _pdfa.check(pdf, check_level(level))
        except Exception:  # any failure means "not archivable"; the log has why
            log.exception("PDF/A-kontrollen av %s misslyckades", subject or "dokumentet")
            not_checked = pdfa_findings.sentence([pdfa_findings.NOT_CHECKED], "Dokumentet") + "."
            return Archived(data, None, (not_checked,))
    if report.passed:  # could be PDF/A, but was written as an ordinary PDF
        return Archived(data, None)
    return Archived(data, None, _reasons(report.findings, subject))


def _has_form(report) -> bool:
    """The validator found an interactive form (every signature has one), which it
    reports as not supported (as app/pdf/pdfa_signed.py reads it)."""
    return any(f.rule == "pikepdf:schema-Catalog" and str(f.where).endswith("/AcroForm")
               for f in report.findings)


def ordinary_pdf_note(path: Path) -> str:
    """For a command line that wrote the PDF ``path``: "" when it is PDF/A (the validator
    passes on the file), else "OBS: … är en vanlig PDF, inte PDF/A: …" with why."""
    made = archive_status(path.read_bytes(), subject=path.name)
    if made.level is not None:
        return ""
    return f"OBS: {path.name} är en vanlig PDF, inte PDF/A" + (f": {' '.join(made.reasons)}" if made.reasons
                                                                 else ".")


def validation_findings(data: bytes, level: str = DEFAULT_LEVEL) -> list[str]:
    """Validate finished PDF bytes as they are; [] means they conform to ``level``.
    The findings are the validator's own (English), for tests and the log."""
    report = _pdfa.validate_written(io.BytesIO(data), check_level(level))
    return [] if report.passed else _messages(report)


def archive_problems(pdf: pikepdf.Pdf, level: str = DEFAULT_LEVEL) -> list[str]:
    """Why the pages of ``pdf`` could not be part of a PDF/A document at ``level`` after
    the same preparation the bundle gets (sRGB output intent, XMP), as Swedish sentences
    saying what the user can do ("Filen har typsnitt som inte är inbäddade; spara den som
    PDF/A … och bifoga den igen."). [] = they can.

    Modifies ``pdf`` in memory (open a throwaway copy)."""
    level = check_level(level)
    remove_empty_trans(pdf)
    try:
        _pdfa.prepare(pdf, level)
        report = _pdfa.check(pdf, level)
    except Exception:  # any failure means "not archivable"; the log has why
        log.exception("PDF/A-kontrollen av en bilaga misslyckades")
        found = [pdfa_findings.NOT_CHECKED]
    else:
        if report.passed:
            return []
        found = pdfa_findings.causes(report.findings, "bilaga")
    return [f"Filen {cause.what}; {cause.advice}." for cause in found]
