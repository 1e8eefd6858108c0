"""The registers' ärende texts and PDFs (like a real kallelse's), and the command line."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from app.cli import main
from app.organisation import Namnd
from app.registers import Registers
from app.registers.arenden import delegationsbeslut_arende, evb_arende, meddelanden_arende
from app.registers.delegation import BeslutFilter
from app.registers.meddelanden import MeddelandeFilter
from app.registers.pdf.arende import render_arende
from app.registers.pdf.evb import render_evb_rapport
from app.session import Session


@pytest.fixture
def demo(demo_session):
    from demo_day import DEMO_DAY

    from app.demo_calendar import DemoCalendar
    from app.registers import demo as register_demo

    if not demo_session.db.execute("SELECT 1 FROM delegationskategori").fetchone():
        register_demo.populate(demo_session.db, DemoCalendar(DEMO_DAY))
    von = demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    return demo_session, Registers(demo_session.db), von


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_delegation_list_groups_like_seed_004(demo):
    session, reg, von = demo
    items = reg.delegation.beslut(reg.delegation.beslut_ids(BeslutFilter(namnd_id=von, till="2022-02-28")))
    arende = delegationsbeslut_arende(session.db, von, items)
    assert arende.forslag == "Vård- och omsorgsnämnden godkänner redovisningen av delegationsbeslut."
    assert [(k.nummer, k.namn, k.poster) for k in arende.kategorier] == [
        (1, "Au protokoll", ["2022-02-14 § 15-19"]),
        (2, "Biståndsbeslut", ["2021-12-01 – 2021-12-31", "2022-01-01 – 2022-01-31"]),
        (3, "Kurser", ["Funktionell sittställning", "Nätverksträff Språkfokus"]),
        (4, "Arbetsmiljö", ["Johan Falk", "Leila Mansour"]),
        (5, "Förordnanden", []),
        (6, "Delegationsbeslut", ["VoN 2021/1 Överföring av investeringsmedel – Ehälsa"]),
        (7, "Anställningsavtal", ["227"]),
        (8, "Fonder", []),
    ]
    text = pdf_text(render_arende(session.db, von, arende))
    for line in ("Delegationsbeslut", "1. Au protokoll", "2022-02-14 § 15-19", "8. Fonder",
                 "Oxelösunds kommun", "Sida 1 av 1", "VoN 2021/1 Överföring av investeringsmedel – Ehälsa"):
        assert line in text


def test_meddelanden_list_like_seed_004(demo):
    session, reg, von = demo
    svc = reg.meddelanden
    items = svc.meddelanden(svc.ids(MeddelandeFilter(namnd_id=von, till="2022-02-28")))
    arende = meddelanden_arende(session.db, von, items, "2022-02-28")
    assert arende.rubrik == "Meddelande 2022-02-28"
    assert [dnr for dnr, _t in arende.meddelanden] == ["VON 2022/44-73", "VON 2021/277-73", "VON 2021/277-73",
                                                      "VON 2021/174-73"]
    assert "1. VON 2022/44-73\nUtskrivningsklara januari 2022" in arende.as_text()
    text = pdf_text(render_arende(session.db, von, arende, pdfa_level=None))
    assert "4. VON 2021/174-73" in text


def test_evb_report_pdf_and_arende_text(demo):
    session, reg, von = demo
    rapport = reg.evb.rapport(von, "2022-01-31")
    arende = evb_arende(session.db, von, rapport)
    assert arende.rubrik == ("Vård- och omsorgsnämndens rapport angående antal beslut som inte verkställts "
                             "till och med 31 januari 2022")
    assert arende.forslag == ("Vård- och omsorgsnämnden tar del av och godkänner förvaltningens rapport och "
                              "översänder rapporten till kommunfullmäktige för kännedom.")
    assert ("Den 31 januari 2022 fanns 8 gynnande beslut som inte verkställts inom tre månader, 3 avseende "
            "kvinnor och 5 avseende män. I 7 av besluten har den enskilde tackat nej till erbjudande. Av "
            "besluten gäller 6 enligt socialtjänstlagen och 2 enligt lagen om stöd och service till vissa "
            "funktionshindrade (LSS).") in arende.beskrivning
    assert "kap" not in arende.as_text()  # the law by name, never old paragraph numbers
    data = render_evb_rapport(session.db, von, rapport)
    text = pdf_text(data)
    assert "Statistikrapport den 31 januari 2022" in text
    assert "LSS – gruppbostad 2020-01-14 748 M 1" in text
    assert "Äldreboende – servicelägenhet 3" in text
    assert b"pdfaid:part" in data  # archived as PDF/A (validated while written)


def test_empty_report_says_so(session):
    nid = session.organisation.save_namnd(Namnd("Socialnämnden", "SN")).id
    rapport = Registers(session.db).evb.rapport(nid, "2024-03-31")
    arende = evb_arende(session.db, nid, rapport)
    assert ("Den 31 mars 2024 fanns 0 gynnande beslut som inte verkställts inom tre månader."
            in arende.beskrivning)
    text = pdf_text(render_evb_rapport(session.db, nid, rapport, pdfa_level=None))
    assert "Inga beslut har väntat längre än tre månader." in text


@pytest.fixture
def cli_db(tmp_path):
    path = tmp_path / "cli.nkdb"
    with Session.open(path) as s:
        s.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON"))
    return path


def test_cli_import_dry_run_problems_and_export(cli_db, tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inkommet"
    ws.append(["Diarienr", "Vad", "Inkom", "Avsändare"])
    ws.append(["VON 2022/44-73", "Utskrivningsklara januari 2022", "2022-02-03", "Region Sörmland"])
    ws.append(["VON 2022/45-73", "Tillsynsbeslut", "2022-02-31", "IVO"])
    wb.save(tmp_path / "in.xlsx")
    mapping = tmp_path / "mappning.json"
    mapping.write_text(json.dumps({"Vad": "Rubrik"}), encoding="utf-8")
    args = ["--db", str(cli_db), "import", "meddelanden", str(tmp_path / "in.xlsx"),
            "--mapping", str(mapping)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "in.xlsx: Blad Inkommet, rad 3, kolumn C (Inkom): ”2022-02-31” är inget datum" in err
    assert "Ingenting importerades." in err
    ws["C3"] = "2022-02-28"
    wb.save(tmp_path / "in.xlsx")
    assert main([*args, "--dry-run"]) == 0
    assert "Provkörning: ingenting sparades." in capsys.readouterr().out
    assert main(args) == 0
    assert "2 rader importerades till meddelanden." in capsys.readouterr().out
    assert main(["--db", str(cli_db), "export", "meddelanden", str(tmp_path / "ut.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "ut.xlsx").active
    assert [c.value for c in ws[1]] == ["Dnr", "Rubrik", "Inkom", "Avsändare", "Anmäld vid", "Id"]
    assert ws.max_row == 3
    # Its own export reads back whole: every column known, both rows recognised by their Id.
    assert main(["--db", str(cli_db), "import", "meddelanden", str(tmp_path / "ut.xlsx"), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "känns inte igen" not in err
    assert "0 nya, 0 ändrade, 2 oförändrade och 0 refuserade rader" in out


def test_cli_report_and_unknown_kinds(cli_db, tmp_path, capsys):
    out = tmp_path / "rapport.xlsx"
    assert main(["--db", str(cli_db), "report", "evb", "--date", "2022-01-31", "-o", str(out)]) == 0
    assert "Statistikrapport den 31 januari 2022: 0 beslut" in capsys.readouterr().out
    assert out.exists()
    assert main(["--db", str(cli_db), "report", "evb", "--date", "31/1", "-o", str(out)]) == 2
    assert "--date ska vara ett datum som ÅÅÅÅ-MM-DD" in capsys.readouterr().err
    assert main(["--db", str(cli_db), "import", "budget-x", "f.xlsx"]) == 2
    assert "Okänd typ ”budget-x”" in capsys.readouterr().err
    assert main(["--db", str(cli_db), "import", "delegationsordning", str(tmp_path / "f.xlsx")]) == 2
    assert "--antagen" in capsys.readouterr().err
    assert main(["--db", str(cli_db), "export", "evb", str(tmp_path / "x.pdf")]) == 2
    assert main(["--db", str(cli_db), "import", "evb", str(tmp_path / "saknas.xlsx"), "--namnd", "SN"]) == 2
    assert "ingen nämnd med kortnamnet ”SN”" in capsys.readouterr().err
