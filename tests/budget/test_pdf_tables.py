"""The economy's printed tables beyond the month's follow-up: volymmått, personal and
the year month by month as PDFs of their own (the CLI promises PDF or Excel for each);
the personal table's empty columns left out and its footnotes printed; the budget
document's name over the year's budget column; the driftredovisning's title from the
follow-up's period, last year's bokslut beside it and an analysis that points to an
åtgärdsplan only when there is one."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.budget.analys import analysutkast
from app.budget.belopp import format_belopp, format_decimal
from app.budget.nyckeltal import Kolumn, Nyckeltal, Varde
from app.budget.pdf.internbudget import render_internbudget
from app.budget.pdf.nyckeltal import render_nyckeltal
from app.budget.pdf.uppfoljning import render_uppfoljning
from app.budget.uppfoljning import Atgard
from app.cli import main
from app.validation import ValidationError


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages)).replace("\xa0", " ")


def _shown(value) -> str:
    return format_decimal(value, "antal").replace("\xa0", " ")


def test_volymmatt_personal_and_the_year_print_as_pdf(demo_session, tmp_path, capsys):
    db = demo_session.db
    von = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    from app.budget import Ekonomi

    ek = Ekonomi(db)
    personal = ek.nyckeltal.tabell(von, "personal", 2024, "delar")
    arsarbetare = next(n for n in personal.rader if n.namn.startswith("Årsarbetare"))
    v24 = personal.varde(arsarbetare.id, Kolumn(2024, "delar"))
    v23 = personal.varde(arsarbetare.id, Kolumn(2023, "delar"))
    volym = ek.nyckeltal.tabell(von, "volym", 2024, "delar")
    platser = next(n for n in volym.rader if n.namn == "Belagda platser på särskilt boende för äldre")
    volym_values = [volym.varde(platser.id, k).totalt for k in volym.kolumner]
    ov = ek.uppfoljning.arsoversikt(von, 2024)
    path = str(demo_session.path)
    demo_session.close()
    for vad in ("volymmatt", "personal", "ar"):
        out = tmp_path / f"{vad}.pdf"
        assert main(["--db", path, "budget", vad, "2024", "-o", str(out)]) == 0, capsys.readouterr().err
        assert out.read_bytes().startswith(b"%PDF")
    text = _text((tmp_path / "personal.pdf").read_bytes())
    assert "Personalnyckeltal 2024" in text
    assert (f"Årsarbetare, antal omräknade heltider {arsarbetare.matdatum} "
            f"{_shown(v24.summa(arsarbetare.summerbar))} {_shown(v24.kvinnor)} {_shown(v24.man)} "
            f"{_shown(v23.summa(arsarbetare.summerbar))} {_shown(v23.kvinnor)} {_shown(v23.man)}") in text
    text = _text((tmp_path / "volymmatt.pdf").read_bytes())
    assert "Delår 2024 Progn 2024 Delår 2023 Helår 2023" in text
    assert f"{platser.namn} {' '.join(_shown(v) for v in volym_values)}" in text
    text = _text((tmp_path / "ar.pdf").read_bytes())
    assert "Budgetuppföljning 2024, månad för månad" in text
    assert "Avvikelse ackumulerad 2024 Verksamhet Jan Feb Mar Apr Maj Jun Jul Aug Sep Okt Nov Dec" in text
    months = " ".join(format_belopp(ov.totalt[m].avvikelse_ack, "tkr") for m in ov.manader)
    months = months.replace("\xa0", " ")
    assert f"Resultat {months}" in text
    # The template stays Excel only.
    assert main(["--db", path, "budget", "mall", "2024", "-o", str(tmp_path / "m.pdf")]) == 2
    assert "mall kan skrivas som .xlsx" in capsys.readouterr().err


@pytest.fixture
def personal(ek, namnd):
    """Mellerud's Personalredovisning: no mätdatum, no split, two footnoted rows."""
    svc = ek.nyckeltal
    rows = {}
    for namn, enhet, values in (("Sjukfrånvaro totalt % *", "procent", ("6.78", "8.06")),
                                ("Sjuklönekostnad **", "kr", ("4658552", "5546664")),
                                ("Medarbetarskapsindex Engagemang", "index", ("75", "78"))):
        n = svc.save(Nyckeltal(namnd, "personal", namn, enhet=enhet))
        rows[namn] = n
        for ar, value in zip((2023, 2022), values, strict=True):
            svc.set_varde(n.id, ar, "helar", Varde(totalt=Decimal(value)))
    return rows


def test_personal_table_leaves_out_empty_columns_and_prints_footnotes(session, ek, namnd, personal,
                                                                     tmp_path):
    svc = ek.nyckeltal
    saved = svc.save_fotnoter(namnd, "personal", 2023, "* Avser perioden 2023-01-01-2023-11-30\n\n"
                                                       "  ** Avser de första 14 dagarna i sjukfrånvaron ")
    assert saved == ["* Avser perioden 2023-01-01-2023-11-30",
                     "** Avser de första 14 dagarna i sjukfrånvaron"]
    assert svc.fotnoter(namnd, "personal", 2023) == saved and svc.fotnoter(namnd, "personal", 2022) == []
    text = _text(render_nyckeltal(session.db, namnd, "personal", 2023, "helar", pdfa_level=None))
    # As in the årsredovisning: the years alone, no Mätdatum, no Kvinnor/Män.
    assert "Nyckeltal 2023 2022 Sjukfrånvaro totalt % * 6,78 % 8,06 %" in text
    assert "Sjuklönekostnad ** 4 658 552 5 546 664" in text
    assert "Mätdatum" not in text and "Kvinnor" not in text and "Män" not in text
    under = text.index("* Avser perioden 2023-01-01-2023-11-30")
    assert text.index("Medarbetarskapsindex Engagemang") < under
    assert "** Avser de första 14 dagarna i sjukfrånvaron" in text
    # A mätdatum and a split print as soon as one row has them, in both years' columns.
    heltid = svc.save(Nyckeltal(namnd, "personal", "Månadsanställda, antal", matdatum="31/8",
                                kon_uppdelad=True, summerbar=True))
    svc.set_varde(heltid.id, 2023, "helar", Varde(kvinnor=Decimal(981), man=Decimal(214)))
    text = _text(render_nyckeltal(session.db, namnd, "personal", 2023, "helar", pdfa_level=None))
    assert "Nyckeltal Mätdatum Totalt 2023 Kvinnor 2023 Män 2023 Totalt 2022" in text
    assert "Kvinnor 2022" not in text  # nothing split in 2022
    assert "Månadsanställda, antal 31/8 1 195 981 214" in text
    # The Excel export carries the footnotes under the table.
    from app.budget.excel import export_nyckeltal

    export_nyckeltal(session.db, namnd, "personal", 2023, tmp_path / "p.xlsx", "helar")
    sheet = load_workbook(tmp_path / "p.xlsx").active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("** Avser de första 14 dagarna i sjukfrånvaron" in str(c) for c in cells)
    with pytest.raises(ValidationError, match="längre än 500"):
        svc.save_fotnoter(namnd, "personal", 2023, ["x" * 501])
    assert svc.save_fotnoter(namnd, "personal", 2023, "") == []
    assert svc.fotnoter(namnd, "personal", 2023) == []


def test_budget_document_name_heads_the_years_budget(demo_session):
    from app.budget import Ekonomi
    from app.plan.pdf.plan import render_plan
    from app.plan.service import PlanService

    db = demo_session.db
    ek = Ekonomi(db)
    von = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    assert ek.verksamheter.installning(von).budgetdokument == "Budget"
    text = _text(render_internbudget(db, von, 2023, pdfa_level=None))
    assert "Budget 2022" in text and "Budget 2023" in text and "M & B" not in text
    inst = ek.verksamheter.installning(von)
    inst.budgetdokument = "  M &  B "
    ek.verksamheter.save_installning(inst)
    assert ek.verksamheter.installning(von).budgetdokument == "M & B"
    text = _text(render_internbudget(db, von, 2023, pdfa_level=None))
    # As in the plan 2022–2024: last year's column stays "Budget 2022".
    assert "Årsprognos per oktober 2022 Budget 2022 Förändr. mot budg. 2022 M & B 2023" in text
    plan = next(p for p in PlanService(db).plans() if p.forsta_ar == 2023)
    plan_text = _text(render_plan(db, plan.id, pdfa_level=None)[0])
    assert "Budget 2022 Förändr. mot budg. 2022 M & B 2023" in plan_text
    text = _text(render_uppfoljning(db, von, 2023, 12, pdfa_level=None))
    assert "Verksamhet M & B 2023 Budget dec" in text
    inst.budgetdokument = ""  # back to the default
    ek.verksamheter.save_installning(inst)
    assert ek.verksamheter.installning(von).budgetdokument == "Budget"
    text = _text(render_uppfoljning(db, von, 2023, 12, pdfa_level=None))
    assert "Verksamhet Budget 2023 Budget dec" in text


def _year_end(ek, namnd, ar, figures):
    u = ek.uppfoljning.skapa(namnd, ar, 12)
    for (kod, namn), (budget, utfall) in figures.items():
        v = ek.verksamheter.hitta_eller_skapa(namnd, kod, namn)
        if v.id not in [r.verksamhet.id for r in ek.uppfoljning.load(u.id).rader]:
            ek.uppfoljning.lagg_till_rad(u.id, v.id)
        ek.uppfoljning.set_belopp(u.id, v.id, "arsbudget", budget)
        ek.uppfoljning.set_belopp(u.id, v.id, "budget_ack", budget)
        ek.uppfoljning.set_belopp(u.id, v.id, "utfall_ack", utfall)
        ek.uppfoljning.set_belopp(u.id, v.id, "prognos_avvikelse", utfall - budget)
    return ek.uppfoljning.load(u.id)


def test_driftredovisning_title_bokslut_column_and_analysis(session, ek, namnd):
    _year_end(ek, namnd, 2022, {("1", "Vård och omsorg"): (-300_000_000, -305_000_000),
                                ("2", "Stöd och service"): (-50_000_000, -49_000_000)})
    u = _year_end(ek, namnd, 2023, {("1", "Vård och omsorg"): (-310_000_000, -318_000_000),
                                    ("2", "Stöd och service"): (-52_000_000, -51_700_000)})
    assert u.driftredovisning_rubrik == "Driftredovisning 2023"
    text = _text(render_uppfoljning(session.db, namnd, 2023, 12, pdfa_level=None))
    assert "Budgetuppföljning december 2023" in text
    assert "Driftredovisning 2023" in text
    # Last year's bokslut (December 2022's utfall) beside this year's figures.
    assert "Verksamhet Bokslut 2022 Budget 2023" in text
    assert "1 Vård och omsorg -305 000" in text and "2 Stöd och service -49 000" in text
    assert "Resultat -354 000 -362 000" in text
    # No åtgärdsplan: the analysis must not point to one.
    draft = analysutkast(u)
    assert "underskott på 7\xa0700 tkr" in draft
    assert "åtgärdsplanen" not in draft and "någon åtgärdsplan" in draft
    ek.uppfoljning.save_atgard(u.id, Atgard(atgard="Översyn av bemanningen"))
    assert "redovisas i åtgärdsplanen" in analysutkast(ek.uppfoljning.load(u.id))
    # A part of the year is titled by its months and has no bokslut column.
    aug = ek.uppfoljning.skapa(namnd, 2023, 8)
    assert aug.driftredovisning_rubrik == "Driftredovisning januari–augusti 2023"
    assert "Bokslut 2022" not in _text(render_uppfoljning(session.db, namnd, 2023, 8, pdfa_level=None))
