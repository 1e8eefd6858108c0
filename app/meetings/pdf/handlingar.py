"""The handlingar bundle: the kallelse, then per ärende in agenda order its
tjänsteskrivelse (or item page) and bilagor, as one PDF. After a sent version with later
changes it is the "Tilläggshandlingar": the revised kallelse and only the new and
changed ärenden (:meth:`app.meetings.pdf.layout.MeetingDocs.bundled`).

:func:`render_handlingar` makes it from a :class:`app.meetings.pdf.layout.MeetingDocs`
snapshot and a function giving each bilaga's file: "Sida N av M" on every page (rotated
and landscape bilagor included), page labels equal to the printed numbers, one bookmark
per ärende (with its documents below it), title and language set. The kallelse's page
ranges are computed from the laid-out parts and drawn once the kallelse's own length is
known. PDF/A at ``level`` when every bilaga allows it; otherwise the bundle is still
made, as plain PDF, and ``result.warnings`` says which bilaga prevented it ("Bilaga … är
inte i arkivformat"). A bilaga that cannot be read stops the build with
:class:`HandlingarError` naming the file and the ärende. ``progress(done, total)`` is
called as work proceeds; when ``is_cancelled()`` turns true the build stops with
:class:`Cancelled`. :mod:`app.meetings.documents` reads the snapshot and writes the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pikepdf

from app.meetings.bilagor import BilagaError, open_pdf
from app.meetings.model import (
    ArendeDocuments,
    ArendePlacement,
    Cancelled,
    HandlingarError,
    HandlingarResult,
    PageRange,
    Placement,
    Rendered,
)
from app.meetings.pdf.kallelse import render_kallelse
from app.meetings.pdf.layout import IsCancelled, MeetingDocs
from app.meetings.pdf.tjansteskrivelse import render_arende_documents
from app.pdf import bundle as pdfbundle
from app.pdf.pdfa import PdfaError, archive_problems, check_level, finish, set_document_info
from app.pdf.text import one_line
from app.records import id_of

Progress = Callable[[int, int], None]
#: The file of a bilaga by its id.
BilagaData = Callable[[int], bytes]


@dataclass
class Layout:
    """The parts of the handlingar laid out: the ärende documents, the kallelse and where
    every ärende's documents land."""

    docs: MeetingDocs
    arende_docs: ArendeDocuments | None
    kallelse: Rendered
    placements: list[ArendePlacement]


def _bilaga_pages(docs: MeetingDocs, opened: dict[int, pikepdf.Pdf] | None) -> dict[int, int]:
    """Page count per bilaga: from the opened file when at hand, else as recorded."""
    counts = {}
    for a in docs.arenden:
        for b in docs.bilagor_of(a):
            bid = id_of(b)
            counts[bid] = len(opened[bid].pages) if opened and bid in opened else b.sidor
    return counts


def _place(docs: MeetingDocs, arende_docs: ArendeDocuments | None, bilaga_pages: dict[int, int],
           kallelse_pages: int) -> list[ArendePlacement]:
    placements = []
    page = kallelse_pages + 1
    for a in docs.arenden:
        first = page
        parts = []
        if arende_docs is not None:
            _start, count = arende_docs.page_span(id_of(a))
            parts.append(Placement("Tjänsteskrivelse" if a.typ == "beslut" else a.rubrik, page, count))
            page += count
        for b in docs.bilagor_of(a):
            parts.append(Placement(f"Bilaga: {b.titel}", page, bilaga_pages[id_of(b)]))
            page += bilaga_pages[id_of(b)]
        last = max(first, page - 1)
        placements.append(ArendePlacement(id_of(a), a.nummer, a.rubrik, first, last, tuple(parts)))
    return placements


def lay_out(docs: MeetingDocs, bilaga_pages: dict[int, int] | None = None,
            opened: dict[int, pikepdf.Pdf] | None = None, cancelled: IsCancelled | None = None) -> Layout:
    """Render the ärende documents, then the kallelse, whose page ranges depend on its
    own length (they are drawn last, see :func:`app.meetings.pdf.kallelse.render_kallelse`);
    stopped between ärenden and pages when ``cancelled()`` turns true. After a sent
    version only the new and changed ärenden are laid out (:meth:`MeetingDocs.bundled`);
    the kallelse still lists them all."""
    part = docs.bundled()
    arende_docs = render_arende_documents(part, cancelled=cancelled) if part.arenden else None
    bilaga_pages = bilaga_pages or _bilaga_pages(part, opened)

    def ranges(kallelse_pages: int) -> dict[int, PageRange]:
        return {p.arende_id: p.range for p in _place(part, arende_docs, bilaga_pages, kallelse_pages)}

    # The range column is filled in when the kallelse is laid out and its length known.
    kallelse = render_kallelse(docs, ranges, cancelled)
    return Layout(part, arende_docs, kallelse, _place(part, arende_docs, bilaga_pages, kallelse.pages))


def _open_bilagor(docs: MeetingDocs, data: BilagaData,
                  tick: Callable[[], None]) -> dict[int, pikepdf.Pdf]:
    opened: dict[int, pikepdf.Pdf] = {}
    try:
        for a in docs.arenden:
            for b in docs.bilagor_of(a):
                try:
                    opened[id_of(b)] = open_pdf(data(id_of(b)), b.filnamn)
                    if len(opened[id_of(b)].pages) == 0:
                        raise BilagaError(f"Filen ”{b.filnamn}” innehåller inga sidor.")
                except (BilagaError, pikepdf.PdfError) as exc:
                    raise HandlingarError(f"Bilagan ”{b.titel}” (filen {b.filnamn}) i ärende {a.nummer} "
                                          f"”{one_line(a.rubrik)}” kan inte läsas: {exc}") from exc
                tick()
    except BaseException:
        for pdf in opened.values():
            pdf.close()
        raise
    return opened


def _archive_warnings(docs: MeetingDocs, level: str, data: BilagaData) -> list[str]:
    warnings = []
    for a in docs.arenden:
        for b in docs.bilagor_of(a):
            if b.pdfa_niva == level:
                ok, problem = b.pdfa_ok, b.pdfa_problem
            else:  # checked for another level when attached: check again (a throwaway copy)
                with pikepdf.open(io.BytesIO(data(id_of(b)))) as copy:
                    problems = archive_problems(copy, level)
                ok, problem = not problems, problems[0] if problems else ""
            if not ok:
                warnings.append(f"Bilaga ”{b.titel}” ({b.filnamn}) i ärende {a.nummer} är inte i arkivformat "
                                f"(PDF/A-{level}), så handlingarna blir inte PDF/A. Orsak: {problem}")
    return warnings


def _outline(layout: Layout, revised: bool) -> list[pdfbundle.OutlineEntry]:
    entries = [pdfbundle.OutlineEntry("Reviderad kallelse" if revised else "Kallelse", 0)]
    for p in layout.placements:
        children = [pdfbundle.OutlineEntry(one_line(d.title), d.first_page - 1) for d in p.documents]
        title = f"{p.nummer}. {one_line(p.rubrik)}"
        entries.append(pdfbundle.OutlineEntry(title, p.first_page - 1, children))
    return entries


def render_handlingar(docs: MeetingDocs, data: BilagaData, *, level: str | None,
                      progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
                      validate: bool = True) -> HandlingarResult:
    """See the module docstring. ``data(bilaga_id)`` is the bilaga's file. ``validate``
    runs the PDF/A validator over the finished bundle (about a second per 200 pages), so
    that ``result.pdfa_level`` is set only when the bundle is PDF/A (docs/domain/documents.md,
    "PDF/A only when true"); False trusts the checks of the bilagor and is for a caller
    that validates the bytes itself before announcing them."""
    level = check_level(level) if level else None
    whole, docs = docs, docs.bundled()  # the kallelse lists every ärende, the bundle holds these
    n_bilagor = sum(len(docs.bilagor_of(a)) for a in docs.arenden)
    total, done = n_bilagor + 4, 0

    def tick(steps: int = 1) -> None:
        nonlocal done
        done += steps
        if progress is not None:
            progress(min(done, total), total)
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()

    tick(0)
    opened = _open_bilagor(docs, data, tick)
    try:
        warnings = _archive_warnings(docs, level, data) if level else []
        final_level = level if not warnings else None
        layout = lay_out(whole, opened=opened, cancelled=is_cancelled)
        tick()
        with pikepdf.open(io.BytesIO(layout.kallelse.data)) as kallelse, \
                pikepdf.open(io.BytesIO(layout.arende_docs.data if layout.arende_docs else
                                        layout.kallelse.data)) as arende_pdf:
            out = pikepdf.new()
            out.pages.extend(kallelse.pages)  # closed with the bilagor below, after saving
            for a in docs.arenden:
                if layout.arende_docs is not None:
                    first, count = layout.arende_docs.page_span(id_of(a))
                    out.pages.extend(arende_pdf.pages[first - 1:first - 1 + count])
                for b in docs.bilagor_of(a):
                    out.pages.extend(opened[id_of(b)].pages)
            tick()
            expected = layout.placements[-1].last_page if layout.placements else layout.kallelse.pages
            if len(out.pages) != expected:
                raise HandlingarError(f"Handlingarna fick {len(out.pages)} sidor men kallelsen räknar med "
                                      f"{expected}; ingenting har sparats.")
            pdfbundle.stamp_page_numbers(out)
            pdfbundle.set_page_labels(out)
            pdfbundle.add_outline(out, _outline(layout, whole.revised))
            title = f"{'Tilläggshandlingar' if whole.revised else 'Handlingar'} {docs.organ.namn} " \
                    f"{docs.meeting.datum}"
            out.docinfo["/Title"] = title
            out.docinfo["/Author"] = docs.sekreterare.namn if docs.sekreterare else docs.kommun_namn
            out.docinfo["/Subject"] = f"Kallelse med handlingar, {docs.organ.namn} {docs.meeting.datum}"
            out.docinfo["/Creator"] = "Nämndkansli"
            set_document_info(out, title=title)
            tick()
            try:
                made = finish(out, final_level, validate=validate)
            except PdfaError as exc:
                warnings.append(f"Handlingarna kunde inte göras i arkivformat (PDF/A-{level}) och "
                                f"sparades som vanlig PDF: {' '.join(exc.findings)}")
                final_level = None
                made = finish(out, None)
            tick()
            pages = len(out.pages)
            out.close()
    finally:
        for pdf in opened.values():
            pdf.close()
    return HandlingarResult(made, pages, layout.kallelse.pages, final_level, layout.placements,
                            warnings, title, layout.kallelse.data)
