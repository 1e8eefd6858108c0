"""The report's economy chapters print what the economy's own PDFs print: the key-figure
tables with the year's footnotes, Mätdatum and the split on kvinnor and män when they
are stored; the driftredovisning with the year's budget headed by the nämnd's budget
document, titled by the months it covers, and at year end last year's bokslut beside it.
Expected figures are the services' values, formatted as the program prints them."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.budget import Ekonomi
from app.budget.belopp import format_belopp, format_decimal, visat
from app.budget.nyckeltal import Varde
from app.budget.uppfoljning import Siffror, UppfoljningRad
from app.rapport import RapportService
from app.rapport.model import MANADER, Rapport
from app.rapport.pdf.rapport import render_rapport
from app.rapport.sources import NYCKELTAL_PERIOD
from app.records import id_of


@pytest.fixture
def demo(demo_session):
    """The demo's database, its economy and its reports by kind."""
    reports = {r.slag: r for r in RapportService(demo_session.db).rapporter()}
    return demo_session.db, Ekonomi(demo_session.db), reports


def _flat(text: str) -> str:
    """Any run of white space (a line break, the no-break space of a thousands
    separator) as one space, as the text is compared."""
    return re.sub(r"\s+", " ", text)


def _chapter_text(db, r: Rapport, rubrik: str, until: str | None = None) -> str:
    """The printed text from the chapter's heading (after the table of contents) to the
    next chapter's (or the heading ``until``), whitespace made single spaces."""
    chapters = RapportService(db).kapitel(id_of(r))
    data, _pages = render_rapport(db, id_of(r), pdfa_level=None)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    following = [k.rubrik for k in chapters]
    nxt = until or following[following.index(rubrik) + 1]
    start = text.index(f" {rubrik} ", text.index(following[-1]) + len(following[-1]))
    return text[start:text.index(f" {nxt} ", start)]


def _split_rows(ek: Ekonomi, r: Rapport) -> list[str]:
    """Each personal key figure with a split stored: Mätdatum, then per year Totalt,
    Kvinnor and Män as the service has them."""
    t = ek.nyckeltal.tabell(r.namnd_id, "personal", r.ar, NYCKELTAL_PERIOD[r.slutmanad])
    rows = []
    for n in t.rader:
        values = [t.varde(id_of(n), k) for k in t.kolumner]
        if all(v.kvinnor is None for v in values):
            continue
        figures = [format_decimal(x, n.enhet)
                   for v in values for x in (v.summa(n.summerbar), v.kvinnor, v.man)]
        rows.append(_flat(" ".join(x for x in [n.matdatum, *figures] if x)))
    return rows


def test_the_delarsrapports_key_figures_carry_their_footnotes_and_split(demo):
    db, ek, reports = demo
    r = reports["delårsrapport"]
    notes = {"personal": [f"* Årsarbetare avser perioden 1/1–31/7 {r.ar}.", "** Enligt lönesystemet."],
             "volym": [f"* Prognosen för {r.ar} bygger på utfallet till och med {MANADER[r.slutmanad - 1]}."]}
    for slag, lines in notes.items():
        ek.nyckeltal.save_fotnoter(r.namnd_id, slag, r.ar, lines)
    # Another year's footnotes belong to that year's table.
    ek.nyckeltal.save_fotnoter(r.namnd_id, "personal", r.ar - 1, ["Fotnot för förra årets tabell."])

    # The table holds every avsnitt, some named as the chapters after it.
    personal = _chapter_text(db, r, "Personalkostnader och personalstyrka", until="Förväntad utveckling")
    years = [r.ar, r.ar - 1]
    heads = " ".join(f"Totalt {y} Kvinnor {y} Män {y}" for y in years)
    assert f"Nyckeltal Mätdatum {heads}" in personal
    rows = _split_rows(ek, r)
    assert rows  # the demo stores the split for some figures
    for row in rows:
        assert row in personal, row
    for line in notes["personal"]:
        assert line in personal
    assert "förra årets tabell" not in personal
    # The footnotes stand under the table, after its last row.
    assert personal.index(notes["personal"][0]) > max(personal.index(row) for row in rows)

    volym = _chapter_text(db, r, "Volymutveckling")
    assert notes["volym"][0] in volym
    assert "** Enligt lönesystemet." not in volym


def test_the_bokslut_prints_mätdatum_and_leaves_out_a_split_not_stored(demo):
    db, ek, reports = demo
    r = reports["bokslut"]
    period = NYCKELTAL_PERIOD[r.slutmanad]
    figures = ek.nyckeltal.lista(r.namnd_id, "personal")
    with_date = [n for n in figures if n.matdatum and not n.summerbar][:2]
    assert with_date
    for i, n in enumerate(with_date):
        ek.nyckeltal.set_varde(n.id, r.ar, period, Varde(totalt=Decimal(100 + 10 * i)))
    ek.nyckeltal.save_fotnoter(r.namnd_id, "personal", r.ar, [f"* Avser helåret {r.ar}."])

    text = _chapter_text(db, r, "Personalredovisning/Arbetsmiljömål")
    # Only this year's totals are stored: no Kvinnor/Män, no empty year, the year alone as heading.
    assert f"Nyckeltal Mätdatum {r.ar} " in text
    assert "Kvinnor" not in text and "Män" not in text and str(r.ar - 1) not in text
    for i, n in enumerate(with_date):
        assert _flat(f"{n.matdatum} {format_decimal(Decimal(100 + 10 * i), n.enhet)}") in text
    assert f"* Avser helåret {r.ar}." in text


def _title(r: Rapport) -> str:
    """The months the report covers, as the seeds' tables are titled."""
    months = "" if r.slutmanad == 12 else f"januari–{MANADER[r.slutmanad - 1]} "
    return f"Driftredovisning {months}{r.ar}"


def test_the_bokslut_heads_the_years_budget_by_the_namnds_budget_document(demo):
    db, ek, reports = demo
    r = reports["bokslut"]
    inst = ek.verksamheter.installning(r.namnd_id)
    inst.budgetdokument = "M & B"
    ek.verksamheter.save_installning(inst)
    u = ek.uppfoljning.get(r.namnd_id, r.ar, r.slutmanad)
    assert u is not None and u.har_arsbudget()

    text = _chapter_text(db, r, "Driftredovisning")
    assert f"{_title(r)} " in text
    assert f"Verksamhet M & B {r.ar} " in text
    assert "Årsbudget" not in text and f"Budget {r.ar}" not in text
    budget = format_belopp(visat(u.resultat().arsbudget, inst.teckenkonvention), u.enhet)
    assert _flat(f"Resultat {budget} ") in text


def test_the_delarsrapports_driftredovisning_is_titled_by_its_months(demo):
    db, ek, reports = demo
    r = reports["delårsrapport"]
    u = ek.uppfoljning.get(r.namnd_id, r.ar, r.slutmanad)
    assert u is not None
    text = _chapter_text(db, r, "Driftredovisning")
    assert f"{_title(r)} " in text
    assert f"Resultat {MANADER[r.slutmanad - 1]}" not in text
    # August's follow-up has no year budget (as seeds' delårsrapport): no column for it.
    assert not u.har_arsbudget() and "Årsbudget" not in text and f"Budget {r.ar}" not in text


def test_a_bokslut_sets_last_years_bokslut_beside_the_year_with_the_default_budget_heading(demo):
    db, ek, reports = demo
    r = reports["bokslut"]
    u = ek.uppfoljning.get(r.namnd_id, r.ar, 12)
    assert u is not None
    # Last December's follow-up, entered through the service: each verksamhet's utfall a
    # tenth smaller than this year's.
    fg = ek.uppfoljning.skapa(r.namnd_id, r.ar - 1, 12)
    rader = [UppfoljningRad(row.verksamhet, Siffror(arsbudget=row.siffror.arsbudget,
                                                    budget_ack=row.siffror.budget_ack,
                                                    utfall_ack=row.siffror.utfall_ack * 9 // 10), n)
             for n, row in enumerate(u.rader, start=1)]
    ek.uppfoljning.ersatt_rader(fg.id, rader)
    previous = ek.uppfoljning.get(r.namnd_id, r.ar - 1, 12)
    assert previous is not None

    text = _chapter_text(db, r, "Driftredovisning")
    konv = ek.verksamheter.installning(r.namnd_id).teckenkonvention
    assert f"{_title(r)} " in text
    assert f"Verksamhet Bokslut {r.ar - 1} Budget {r.ar} " in text

    def shown(kr: int) -> str:
        return _flat(format_belopp(visat(kr, konv), u.enhet))

    for before, now in zip(previous.rader, u.rader, strict=True):
        assert f"{before.verksamhet.benamning} {shown(before.siffror.utfall_ack)} "\
               f"{shown(now.siffror.arsbudget)} " in text, before.verksamhet.benamning
    total = sum(row.siffror.utfall_ack for row in previous.rader)
    assert f"Resultat {shown(total)} {shown(u.resultat().arsbudget)} " in text


def test_a_footnote_is_printed_on_the_page_of_its_table(demo):
    """Not alone at the top of the next page: the table and its footnote go together."""
    db, ek, reports = demo
    r = reports["delårsrapport"]
    note = f"* Prognosen för {r.ar} bygger på utfallet till och med {MANADER[r.slutmanad - 1]}."
    ek.nyckeltal.save_fotnoter(r.namnd_id, "volym", r.ar, [note])
    t = ek.nyckeltal.tabell(r.namnd_id, "volym", r.ar, NYCKELTAL_PERIOD[r.slutmanad])
    data, _pages = render_rapport(db, id_of(r), pdfa_level=None)
    pages = [_flat(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]
    [page] = [p for p in pages if note in p]
    assert t.rader[-1].namn in page.split(note)[0]  # the table's last row above it
    assert "Volymutveckling" in page.split(t.rader[0].namn)[0]  # and its heading not left behind
