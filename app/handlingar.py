"""The handlingar bundle (DOMAIN.md 4.3) and the kallelse printed on its own.

API (all headless; the UI runs them as a Task, the CLI directly):

* ``build_handlingar(db, meeting_id, *, level="2b", progress=None, is_cancelled=None)
  -> HandlingarResult``: the kallelse, then per ärende in agenda order its
  tjänsteskrivelse (or item page) and bilagor; "Sida N av M" on every page (rotated and
  landscape bilagor included), page labels equal to the printed numbers, one bookmark
  per ärende (with its documents below it), title and language set. The kallelse's page
  ranges are computed from the laid-out parts, and the kallelse is rendered again until
  its own page count is stable. PDF/A at ``level`` when every bilaga allows it;
  otherwise the bundle is still made, as plain PDF, and ``result.warnings`` says which
  bilaga prevented it ("Bilaga … är inte i arkivformat"). A bilaga that cannot be read
  stops the build with :class:`HandlingarError` naming the file and the ärende.
  ``progress(done, total)`` is called as work proceeds; when ``is_cancelled()`` turns
  true the build stops with :class:`Cancelled`.
* ``build_handlingar_file(db_path, meeting_id, out_path, **kw)``: the same on a worker
  thread's own database connection, writing the file atomically.
* ``make_kallelse(db, meeting_id, *, level="2b") -> KallelseResult`` (page ranges
  included) and ``make_kallelse_file(db_path, meeting_id, out_path, ...)``.
* ``make_tjansteskrivelse(db, arende_id, *, level="2b") -> bytes``.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from sqlite_utils import Database

from app.arenden import ArendeService
from app.bilagor import BilagaError, BilagaService, open_pdf
from app.kallelse import PageRange, Rendered, render_kallelse
from app.meeting_docs import MeetingDocs, load_meeting_docs
from app.pdf import bundle as pdfbundle
from app.pdf.pdfa import DEFAULT_LEVEL, PdfaError, archive_problems, check_level, finish, set_document_info
from app.pdf.text import one_line
from app.tjansteskrivelse import ArendeDocuments, render_arende_documents, render_tjansteskrivelse
from db.connection import connect, wrap

Progress = Callable[[int, int], None]


class HandlingarError(Exception):
    """The bundle cannot be made; the message (Swedish) says which file and ärende."""


class Cancelled(Exception):
    """The user cancelled the build."""

    def __init__(self) -> None:
        super().__init__("Utskriften avbröts.")


@dataclass(frozen=True)
class Placement:
    """Where one document of an ärende landed in the bundle (1-based pages)."""

    title: str
    first_page: int
    pages: int


@dataclass(frozen=True)
class ArendePlacement:
    arende_id: int
    nummer: int
    rubrik: str
    first_page: int
    last_page: int
    documents: tuple[Placement, ...]

    @property
    def range(self) -> PageRange:
        return PageRange(self.first_page, self.last_page)


@dataclass
class HandlingarResult:
    data: bytes
    pages: int
    kallelse_pages: int
    pdfa_level: str | None  # None: the bundle is not PDF/A (see warnings)
    placements: list[ArendePlacement]
    warnings: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def ranges(self) -> dict[int, PageRange]:
        return {p.arende_id: p.range for p in self.placements}


@dataclass
class KallelseResult:
    data: bytes
    pages: int
    pdfa_level: str | None
    ranges: dict[int, PageRange]


@dataclass
class _Layout:
    docs: MeetingDocs
    arende_docs: ArendeDocuments | None
    kallelse: Rendered
    placements: list[ArendePlacement]


def _bilaga_pages(docs: MeetingDocs, opened: dict[int, pikepdf.Pdf] | None) -> dict[int, int]:
    """Page count per bilaga: from the opened file when at hand, else as recorded."""
    counts = {}
    for a in docs.arenden:
        for b in docs.bilagor_of(a):
            counts[b.id] = len(opened[b.id].pages) if opened and b.id in opened else b.sidor
    return counts


def _place(docs: MeetingDocs, arende_docs: ArendeDocuments | None, bilaga_pages: dict[int, int],
           kallelse_pages: int) -> list[ArendePlacement]:
    placements = []
    page = kallelse_pages + 1
    for a in docs.arenden:
        first = page
        parts = []
        if arende_docs is not None:
            _start, count = arende_docs.page_span(a.id)
            parts.append(Placement("Tjänsteskrivelse" if a.typ == "beslut" else a.rubrik, page, count))
            page += count
        for b in docs.bilagor_of(a):
            parts.append(Placement(f"Bilaga: {b.titel}", page, bilaga_pages[b.id]))
            page += bilaga_pages[b.id]
        last = max(first, page - 1)
        placements.append(ArendePlacement(a.id, a.nummer, a.rubrik, first, last, tuple(parts)))
    return placements


def _layout(docs: MeetingDocs, bilaga_pages: dict[int, int] | None = None,
            opened: dict[int, pikepdf.Pdf] | None = None) -> _Layout:
    """Render the ärende documents, then the kallelse, whose page ranges depend on its
    own length (they are drawn last, see :func:`app.kallelse.render_kallelse`)."""
    arende_docs = render_arende_documents(docs) if docs.arenden else None
    bilaga_pages = bilaga_pages or _bilaga_pages(docs, opened)

    def ranges(kallelse_pages: int) -> dict[int, PageRange]:
        return {p.arende_id: p.range for p in _place(docs, arende_docs, bilaga_pages, kallelse_pages)}

    # The range column is filled in when the kallelse is laid out and its length known.
    kallelse = render_kallelse(docs, ranges)
    return _Layout(docs, arende_docs, kallelse, _place(docs, arende_docs, bilaga_pages, kallelse.pages))


def _open_bilagor(docs: MeetingDocs, service: BilagaService,
                  tick: Callable[[], None]) -> dict[int, pikepdf.Pdf]:
    opened: dict[int, pikepdf.Pdf] = {}
    try:
        for a in docs.arenden:
            for b in docs.bilagor_of(a):
                try:
                    opened[b.id] = open_pdf(service.data(b.id), b.filnamn)
                    if len(opened[b.id].pages) == 0:
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


def _archive_warnings(docs: MeetingDocs, level: str, opened: dict[int, pikepdf.Pdf],
                      service: BilagaService) -> list[str]:
    warnings = []
    for a in docs.arenden:
        for b in docs.bilagor_of(a):
            if b.pdfa_niva == level:
                ok, problem = b.pdfa_ok, b.pdfa_problem
            else:  # checked for another level when attached: check again (a throwaway copy)
                with pikepdf.open(io.BytesIO(service.data(b.id))) as copy:
                    problems = archive_problems(copy, level)
                ok, problem = not problems, problems[0] if problems else ""
            if not ok:
                warnings.append(f"Bilaga ”{b.titel}” ({b.filnamn}) i ärende {a.nummer} är inte i arkivformat "
                                f"(PDF/A-{level}), så handlingarna blir inte PDF/A. Orsak: {problem}")
    return warnings


def _outline(layout: _Layout) -> list[pdfbundle.OutlineEntry]:
    entries = [pdfbundle.OutlineEntry("Kallelse", 0)]
    for p in layout.placements:
        children = [pdfbundle.OutlineEntry(one_line(d.title), d.first_page - 1) for d in p.documents]
        title = f"{p.nummer}. {one_line(p.rubrik)}"
        entries.append(pdfbundle.OutlineEntry(title, p.first_page - 1, children))
    return entries


def build_handlingar(db: Database, meeting_id: int, *, level: str | None = DEFAULT_LEVEL,
                     progress: Progress | None = None, is_cancelled: Callable[[], bool] | None = None,
                     validate: bool = False) -> HandlingarResult:
    """See the module docstring. ``validate`` also runs the PDF/A validator over the
    finished bundle (slow: about a second per 200 pages); the parts are checked anyway."""
    level = check_level(level) if level else None
    service = BilagaService(db)
    docs = load_meeting_docs(db, meeting_id)
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
    opened = _open_bilagor(docs, service, tick)
    try:
        warnings = _archive_warnings(docs, level, opened, service) if level else []
        final_level = level if not warnings else None
        layout = _layout(docs, opened=opened)
        tick()
        with pikepdf.open(io.BytesIO(layout.kallelse.data)) as kallelse, \
                pikepdf.open(io.BytesIO(layout.arende_docs.data if layout.arende_docs else
                                        layout.kallelse.data)) as arende_pdf:
            out = pikepdf.new()
            out.pages.extend(kallelse.pages)  # closed with the bilagor below, after saving
            for a in docs.arenden:
                if layout.arende_docs is not None:
                    first, count = layout.arende_docs.page_span(a.id)
                    out.pages.extend(arende_pdf.pages[first - 1:first - 1 + count])
                for b in docs.bilagor_of(a):
                    out.pages.extend(opened[b.id].pages)
            tick()
            expected = layout.placements[-1].last_page if layout.placements else layout.kallelse.pages
            if len(out.pages) != expected:
                raise HandlingarError(f"Handlingarna fick {len(out.pages)} sidor men kallelsen räknar med "
                                      f"{expected}; ingenting har sparats.")
            pdfbundle.stamp_page_numbers(out)
            pdfbundle.set_page_labels(out)
            pdfbundle.add_outline(out, _outline(layout))
            title = f"Handlingar {docs.organ.namn} {docs.meeting.datum}"
            out.docinfo["/Title"] = title
            out.docinfo["/Author"] = docs.sekreterare.namn if docs.sekreterare else docs.kommun_namn
            out.docinfo["/Subject"] = f"Kallelse med handlingar, {docs.organ.namn} {docs.meeting.datum}"
            out.docinfo["/Creator"] = "Nämndkansli"
            set_document_info(out, title=title)
            tick()
            try:
                data = finish(out, final_level, validate=validate)
            except PdfaError as exc:
                warnings.append(f"Handlingarna kunde inte göras i arkivformat (PDF/A-{level}): {exc}")
                final_level = None
                data = finish(out, None)
            tick()
            pages = len(out.pages)
            out.close()
    finally:
        for pdf in opened.values():
            pdf.close()
    return HandlingarResult(data, pages, layout.kallelse.pages, final_level, layout.placements,
                            warnings, title)


def _standalone(data: bytes, level: str | None) -> bytes:
    """A document printed on its own: "Sida N av M" of its own pages, then PDF/A."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdfbundle.stamp_page_numbers(pdf)
        pdfbundle.set_page_labels(pdf)
        return finish(pdf, check_level(level) if level else None, validate=False)


def make_kallelse(db: Database, meeting_id: int, *, level: str | None = DEFAULT_LEVEL) -> KallelseResult:
    """The kallelse alone, with the page ranges the handlingar will have (page counts of
    bilagor as recorded when attached). Its pages are the handlingar's first pages, so
    "Sida N" agrees with the bundle; "av M" counts the kallelse alone."""
    layout = _layout(load_meeting_docs(db, meeting_id))
    return KallelseResult(_standalone(layout.kallelse.data, level), layout.kallelse.pages,
                          check_level(level) if level else None,
                          {p.arende_id: p.range for p in layout.placements})


def make_tjansteskrivelse(db: Database, arende_id: int, *, level: str | None = DEFAULT_LEVEL) -> bytes:
    """One ärende's tjänsteskrivelse (or item page) on its own, pages numbered."""
    arende = ArendeService(db).get(arende_id)
    docs = load_meeting_docs(db, arende.sammantrade_id)
    rendered = render_tjansteskrivelse(docs, next(a for a in docs.arenden if a.id == arende_id))
    return _standalone(rendered.data, level)


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file, so a reader never sees half a PDF."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".nk-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def build_handlingar_file(db_path: Path | str, meeting_id: int, out_path: Path | str,
                          **kw) -> HandlingarResult:
    """:func:`build_handlingar` on this thread's own connection, written to ``out_path``."""
    conn = connect(db_path)
    try:
        result = build_handlingar(wrap(conn), meeting_id, **kw)
    finally:
        conn.close()
    write_atomically(out_path, result.data)
    return result


def make_kallelse_file(db_path: Path | str, meeting_id: int, out_path: Path | str, **kw) -> KallelseResult:
    conn = connect(db_path)
    try:
        result = make_kallelse(wrap(conn), meeting_id, **kw)
    finally:
        conn.close()
    write_atomically(out_path, result.data)
    return result
