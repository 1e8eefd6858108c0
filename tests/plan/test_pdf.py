"""The plan and follow-up PDFs: the goal tables' values are in the text, pages are
landscape where the tables are wide, bookmarks, page numbers, PDF/A-2b."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.pdf.pdfa import validation_findings
from app.plan.followup import FollowupService
from app.plan.model import Avsnitt, Malomrade, Matt, Namndmal
from app.plan.pdf.followup import render_followup
from app.plan.pdf.plan import render_plan, write_plan_pdf
from app.plan.service import PlanService


def _plan(db, year):
    return next(p for p in PlanService(db).plans() if p.forsta_ar == year)


def _text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Words wrap inside table cells: compare with all whitespace folded.
    return reader, re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory):
    """Both plans and the Delår 2023 follow-up, built once for the module's tests."""
    from demo_day import DEMO_DAY

    from app.demo import populate
    from app.session import Session

    path = tmp_path_factory.mktemp("pdf") / "demo.nkdb"
    with Session.open(path) as session:
        populate(session.db, DEMO_DAY)
        second = _plan(session.db, 2023)
        first = _plan(session.db, 2022)
        delar = FollowupService(session.db).find_tillfalle(second.id, "Delår")
        yield {
            "plan2023": render_plan(session.db, second.id)[0],
            "plan2022": render_plan(session.db, first.id)[0],
            "delar2023": render_followup(session.db, delar.id)[0],
        }


def test_plan_pdf_has_the_goal_table_values(demo_pdfs):
    reader, text = _text(demo_pdfs["plan2023"])
    for expected in [
        "Vård- och omsorgsnämndens verksamhetsplan 2023–2025",
        "Antagen av vård- och omsorgsnämnden 2022-12-14, § VON.2022.55",
        "Nämndens arbete med kommunmålen", "Kommunfullmäktiges mål",
        "KF-mål", "Mått för nämndmål och datakälla", "Ingångsvärde /", "Målvärde",
        "50 % (jan-okt 2022)", "≥ 50 %", "48 (jan-nov 2022)", "Delår 2022: 91,74 %", ">91,74 %",
        "74 % (Pulsmätning sep 2022)", "0 % neg. avvikelse", ">2022", ">2024", "Nytt mål.",
        "Öka frisknärvaron jämfört med föregående år (SOF)",
        "Övriga nämndmål", "Bidra till en bättre miljö.", "Nyckeltalsuppföljning", "37 911 (Jan-okt 2022)",
        "Särskilda uppdrag", "Fortsätta effektivisera", "Riskanalys", "RV – Riskvärde (S × K)",
        "Fortsatt process VP/HP", "när insatser i handlingsplanen ska vara genomförda",
    ]:
        assert expected in text, expected
    assert "Sida 1 av" in text
    # Portrait title pages, landscape goal tables.
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (595, 842)
    assert (842, 595) in sizes
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline[:2] == ["Vård- och omsorgsnämndens verksamhetsplan 2023–2025", "Inledning"]
    assert "Nämndens arbete med kommunmålen" in outline


def test_plan_pdf_seed000_layout_and_footnotes(demo_pdfs):
    _reader, text = _text(demo_pdfs["plan2022"])
    for expected in ["Antagen av vård- och omsorgsnämnden 2021-12-15, § 59", "Nämndens mål",
                     "bokslutsvärde 2021", "14*", "<12", "<11", "<10", "58%*", "8528***", "2 aktiviteter",
                     "6 aktiviteter", ">2021", "*Ingångsvärde 2021",
                     "***Ingångsvärde avser perioden jan – okt 2021",
                     "KoLaDa mått: U21477", "Förändringsbeskrivning/verksamhetsutveckling",
                     "Robotisering av ekonomiskt bistånd", "Äldreomsorgsförvaltningen",
                     "Placeringskostnad per dygn i konsulentstött verksamhet*", "10 050"]:
        assert expected in text, expected
    # The nyckeltal as the plan 2022–2024 prints them: Basvärde and a status per year.
    assert ("Nyckeltal Basvärde Status/tidpunkt/ frekvens 2022 Status/tidpunkt/ frekvens 2023 "
            "Status/tidpunkt/ frekvens 2024 Placeringskostnad per dygn i konsulentstött verksamhet* "
            "10 050") in text


def test_plan_pdf_is_pdfa(demo_pdfs):
    assert validation_findings(demo_pdfs["plan2023"]) == []
    assert validation_findings(demo_pdfs["delar2023"]) == []


def test_followup_pdf(demo_pdfs):
    reader, text = _text(demo_pdfs["delar2023"])
    for expected in [
        "Förväntad måluppfyllelse 2023",
        "Uppföljning Delår 2023 av Vård- och omsorgsnämndens verksamhetsplan",
        "Grön fyllning i hela cirkeln – helt uppfyllt", "Röd fyllning i botten av cirkeln – ej uppfyllt",
        "Samlad bedömning", "Fullmäktigemål", "Nämndmål", "Agenda 2030", "Kommentar",
        "Målvärde 2023: >20 · Utfall: 36", "Målvärde 2023: 0 % neg. avvikelse · Utfall: 1,8 % neg. avvikelse",
        "03. Hälsa och välbefinnande", "16. Fredliga och inkluderande samhällen", "Öppenvården har utökats",
        "67 % (2 av 3)", "60 % (3 av 5)", "helt uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej utvärderad",
        "Övriga nämndmål",
    ]:
        assert expected in text, expected
    assert all(round(float(p.mediabox.width)) == 842 for p in reader.pages)
    # The counts of the summary table are the program's own.
    assert re.search(r"helt uppfyllt\s*10\b", text)


def test_symbols_are_vector_graphics(demo_pdfs):
    """The four symbols are drawn (filled paths in their colours), not images."""
    reader = PdfReader(io.BytesIO(demo_pdfs["delar2023"]))
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    for colour in (".180392 .490196 .196078 rg", ".94902 .698039 0 rg", ".776471 .156863 .156863 rg"):
        assert colour in content, colour  # #2e7d32, #f2b200, #c62828
    assert "/Image" not in str(reader.pages[0].get("/Resources", {}).get("/XObject", {}))


def test_user_text_with_markup_characters_and_long_tables(session, tmp_path):
    from plan_helpers import make_namnd

    from app.plan.goals import GoalService

    namnd_id = make_namnd(session.db)
    plans, goals = PlanService(session.db), GoalService(session.db)
    plan = plans.new_plan(namnd_id, 2024)
    plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Avgifter <b>& taxor",
                               text="<p>Text med &lt;i&gt; och &amp; 😀 och Ω.</p>"))
    omrade = goals.save_malomrade(Malomrade(plan_id=plan.id, namn="Område <1> & \"2\""))
    for i in range(40):  # a table over several pages
        goal = goals.save_namndmal(Namndmal(plan_id=plan.id, malomrade_id=omrade.id, text=f"Mål {i} <x>"))
        goals.save_matt(Matt(namndmal_id=goal.id, text=f"Mått {i}", ingangsvarde="<12",
                             malvarden={2024: "≥ 50 %", 2025: ">2024", 2026: "<12 & >3"}))
    path = tmp_path / "plan.pdf"
    pages = write_plan_pdf(session.db, plan.id, path)
    assert pages >= 4
    _reader, text = _text(path.read_bytes())
    assert "Avgifter <b>& taxor" in text and "Område <1> & \"2\"" in text
    assert "Mål 39 <x>" in text and "<12 & >3" in text
    assert validation_findings(path.read_bytes()) == []
