"""Handlingar bundle: time to the finished PDF/A bundle for a big meeting, beside the
floor of pikepdf's bare merge-and-stamp of the same pages in the same run.

    .venv/bin/python bench/handlingar.py [--arenden 40] [--bilagor 50] [--sidor 6] [--runs 3]

The meeting gets ``--arenden`` beslutsärenden with a tjänsteskrivelse each and
``--bilagor`` bilagor of ``--sidor`` pages spread over them (default 300 bilaga pages).
The floor opens the already rendered parts (kallelse, tjänsteskrivelser, bilagor),
appends their pages, stamps "Sida N av M" with one ReportLab overlay page per page
(pikepdf's ``add_overlay``: the plain way to stamp merged pages) and saves: what any bundle
costs at least. A second floor does the same with the program's faster stamping (a
shared font and a few operators per page), for comparison. The bundle run does everything the program does —
reads the meeting from the database, lays out the tjänsteskrivelser, computes the page
ranges (rendering the kallelse again if its length changes), merges, stamps, adds
bookmarks and page labels, and writes PDF/A-2b. Target: at most 2× the floor. The
kallelse alone is timed too (target: under 0.1 s in process). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

from app import richtext  # noqa: E402
from app.meetings import Arende, Kallelseinstallning, Undertecknare  # noqa: E402
from app.meetings.documents import build_handlingar, load_meeting_docs  # noqa: E402
from app.meetings.pdf.handlingar import lay_out  # noqa: E402
from app.meetings.pdf.kallelse import render_kallelse  # noqa: E402
from app.organisation import Kommun, Namnd, OrganisationService, Person  # noqa: E402
from app.pdf.bundle import stamp_page_numbers  # noqa: E402
from app.pdf.fonts import SANS, register_fonts  # noqa: E402
from app.session import Session  # noqa: E402

TEXT = ("Förvaltningen har tagit fram ett förslag. " * 12).strip()


def bilaga(n: int, pages: int) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, initialFontName=SANS)
    for p in range(1, pages + 1):
        c.setFont(SANS, 11)
        for line in range(40):
            c.drawString(60, 780 - line * 18, f"Bilaga {n}, sida {p}, rad {line + 1}: underlag för ärendet")
        c.showPage()
    c.save()
    return buffer.getvalue()


def make_meeting(session: Session, n_arenden: int, n_bilagor: int, pages: int) -> int:
    org = OrganisationService(session.db)
    org.save_kommun(Kommun(namn="Bänkköpings kommun", postadress="100 00 Bänkköping", telefon="010-100 00"))
    namnd = org.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    organ = org.organ(namnd.id)[0]
    sek = org.save_person(Person(fornamn="Åsa", efternamn="Sekreterare", titel="Nämndsekreterare",
                                 ar_tjansteman=True))
    session.meetings.save_settings(Kallelseinstallning(organ.id, sekreterare_id=sek.id, plats="Salen",
                                                       starttid="14:15"))
    m = session.meetings.create_meeting(organ.id, "2025-03-31")
    ids = []
    for i in range(n_arenden):
        a = session.arenden.add(Arende(
            sammantrade_id=m.id, rubrik=f"Ärende {i + 1}: uppföljning av verksamheten", dnr=f"2025/{i + 1}",
            forslag_till_beslut=richtext.from_plain_text("Nämnden godkänner redovisningen."),
            beskrivning=richtext.from_plain_text(f"{TEXT}\n\n{TEXT}\n\n- punkt ett\n- punkt två"),
            ekonomiska_konsekvenser=richtext.from_plain_text("Inga kostnader."),
            undertecknare=[Undertecknare("Anna Chef", "Förvaltningschef")], skickas_till=["Akt"]))
        ids.append(a.id)
    for n in range(n_bilagor):
        session.bilagor.attach(ids[n % len(ids)], bilaga(n, pages), f"bilaga-{n + 1}.pdf", f"Bilaga {n + 1}")
    return m.id


def floor_overlay(parts: list[bytes]) -> float:
    """pikepdf's bare merge-and-stamp (the plain recipe, without the program's tricks): open the rendered
    parts, append all pages, stamp each from a ReportLab overlay page with
    ``Page.add_overlay``, save."""
    start = time.perf_counter()
    out = pikepdf.new()
    opened = [pikepdf.open(io.BytesIO(p)) for p in parts]
    for pdf in opened:
        out.pages.extend(pdf.pages)
    total = len(out.pages)
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, initialFontName=SANS)
    for n, page in enumerate(out.pages, start=1):
        box = page.mediabox
        c.setPageSize((float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
        c.setFont(SANS, 9)
        c.drawRightString(float(box[2]) - float(box[0]) - 28, 17, f"Sida {n} av {total}")
        c.showPage()
    c.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as overlay:
        for page, stamp in zip(out.pages, overlay.pages, strict=True):
            page.add_overlay(stamp)
        out.save(io.BytesIO())
    for pdf in opened:
        pdf.close()
    return time.perf_counter() - start


def floor_program_stamp(parts: list[bytes]) -> float:
    """The same merge with the program's own stamping (one shared font, a few operators
    per page): the strictest floor."""
    start = time.perf_counter()
    out = pikepdf.new()
    opened = [pikepdf.open(io.BytesIO(p)) for p in parts]
    for pdf in opened:
        out.pages.extend(pdf.pages)
    stamp_page_numbers(out)
    out.save(io.BytesIO())
    for pdf in opened:
        pdf.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arenden", type=int, default=40)
    parser.add_argument("--bilagor", type=int, default=50)
    parser.add_argument("--sidor", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        session = Session.open(Path(folder) / "bench.nkdb")
        meeting_id = make_meeting(session, args.arenden, args.bilagor, args.sidor)
        db = session.db
        docs = load_meeting_docs(db, meeting_id)
        layout = lay_out(docs)
        parts = [layout.kallelse.data, layout.arende_docs.data]
        parts += [session.bilagor.data(b.id) for a in docs.arenden for b in docs.bilagor_of(a)]
        bundle_times, overlay_times, stamp_times, kallelse_times = [], [], [], []
        for _ in range(args.runs):
            overlay_times.append(floor_overlay(parts))
            stamp_times.append(floor_program_stamp(parts))
            start = time.perf_counter()
            result = build_handlingar(db, meeting_id)
            bundle_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            render_kallelse(docs, result.ranges)
            kallelse_times.append(time.perf_counter() - start)
        session.close()
    b, f, g, k = (statistics.median(x) for x in (bundle_times, overlay_times, stamp_times, kallelse_times))
    print(f"Sammanträde: {args.arenden} ärenden, {args.bilagor} bilagor à {args.sidor} sidor; "
          f"handlingarna {result.pages} sidor (kallelsen {result.kallelse_pages}), "
          f"{'PDF/A-' + result.pdfa_level if result.pdfa_level else 'inte PDF/A'}")
    print(f"Golv, pikepdf slå ihop + stämpla med overlay + spara: {f:.3f} s")
    print(f"Golv, samma med programmets stämpling:                {g:.3f} s")
    print(f"Handlingar (allt, PDF/A):                             {b:.3f} s")
    print(f"Kvot mot overlay-golvet: {b / f:.2f} (mål: högst 2); mot programmets stämpling: {b / g:.2f}")
    print(f"Kallelsen ensam: {k * 1000:.0f} ms (mål: under 100 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
