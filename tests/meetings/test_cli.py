"""The demo meeting (the agenda of a real municipal kallelse) through the command line: moten, kallelse,
handlingar."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from app import config
from app.cli import main
from app.pdf.pdfa import validation_findings

SEED_AGENDA = ["Närvaro", "Val av justerare", "Anmälan om extra ärenden", "Budgetuppföljning",
               "Riktlinjer för alkoholservice", "Genomlysning av hemtjänsten",
               "Uppdragsarbete verksamhetsområde hemtjänst",
               "Uppdrag - strategisk personal- och kompetensförsörjning",
               "Vård- och omsorgsnämndens beslut som ej verkställts", "Information från förvaltningen",
               "Information från ordförande", "Redovisning av delegationsbeslut",
               "Redovisning av meddelanden"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One demo database for the module (made before the per-test data folder exists,
    so it gets a data folder of its own)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.ENV_DATA_DIR, str(folder / "data"))
        path = folder / "demo.nkdb"
        assert main(["--db", str(path), "demo"]) == 0
    return path


def meetings(db, capsys, *extra):
    capsys.readouterr()
    assert main(["--db", str(db), "moten", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_moten_lists_the_demo_meetings(demo_db, capsys):
    listed = meetings(demo_db, capsys)
    assert [(m["organ"], m["status"], m["arenden"]) for m in listed] == [
        ("Vård- och omsorgsnämndens arbetsutskott", "anslaget", 5),  # 2022-02-14, app/protokoll/demo.py
        ("Vård- och omsorgsnämnden", "genomfört", 8),
        ("Vård- och omsorgsnämndens arbetsutskott", "kallat", 10),
        ("Vård- och omsorgsnämnden", "planerat", 13)]
    assert meetings(demo_db, capsys, "--organ", "VONAU")[-1]["arenden"] == 10
    assert main(["--db", str(demo_db), "meetings"]) == 0
    table = capsys.readouterr().out
    assert "Id" in table and "planerat" in table and "Vård- och omsorgsnämndens arbetsutskott" in table


def test_handlingar_of_the_demo_meeting(demo_db, capsys, tmp_path):
    meeting = meetings(demo_db, capsys)[-1]
    out = tmp_path / "handlingar.pdf"
    assert main(["--db", str(demo_db), "handlingar", str(meeting["id"]), "-o", str(out)]) == 0
    said = capsys.readouterr()
    # The check before printing runs first: the AU meets after the demo's day, so its two
    # förslag are not decided yet (a warning, the file is written).
    assert "PDF/A-2b" in said.out
    assert [line.split(":")[0] for line in said.err.splitlines()] == ["VARNING", "VARNING"]
    assert "Ärende 5 ”Riktlinjer för alkoholservice”: arbetsutskottets beslut från" in said.err
    assert "är inte justerat än" in said.err
    data = out.read_bytes()
    assert validation_findings(data, "2b") == []
    reader = PdfReader(io.BytesIO(data))
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    kallelse = texts[0]
    assert re.search(r"Tid: \w+dagen den \d{1,2} \w+ 20\d\d, kl\. 14:15", kallelse)
    # The seed's agenda, in order, each with the pages where its bookmark points.
    marks = [o for o in reader.outline if not isinstance(o, list)]
    assert marks[0].title == "Kallelse"
    for number, (title, mark) in enumerate(zip(SEED_AGENDA, marks[1:], strict=True), start=1):
        assert mark.title.startswith(f"{number}. {title}")
        first = reader.get_destination_page_number(mark) + 1
        assert re.search(rf"\b{number} {re.escape(title)}.*? {first}( - \d+)? ", kallelse + " ")
    assert all(t.endswith(f"Sida {n} av {len(texts)}") for n, t in enumerate(texts, start=1))
    risk = next(i for i, t in enumerate(texts) if t.startswith("Riskanalys"))
    assert int(reader.pages[risk].get("/Rotate", 0)) == 90
    # Until the AU has decided, its ärenden carry the förvaltning's förslag, so labelled.
    assert "Arbetsutskottets förslag till beslut" not in " ".join(texts)
    assert "Förvaltningens förslag till beslut Vård- och omsorgsnämnden antar riktlinjer" in " ".join(texts)


def test_kallelse_verb_and_errors(demo_db, capsys, tmp_path):
    meeting = meetings(demo_db, capsys)[-1]
    out = tmp_path / "kallelse.pdf"
    assert main(["--db", str(demo_db), "kallelse", "--mote", str(meeting["id"]), "--ut", str(out),
                 "--pdfa", "ingen"]) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Till Vård- och omsorgsnämndens ledamöter" in text and "Birgitta Lindqvist ordförande" in text
    assert main(["--db", str(demo_db), "kallelse", "-o", str(out)]) == 2
    assert "Ange sammanträdets id" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "handlingar", "999", "-o", str(out)]) == 2
    assert "Sammanträde 999 finns inte." in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "saknas.nkdb"), "moten"]) == 2
    assert not (tmp_path / "saknas.nkdb").exists()


def test_session_exposes_the_meeting_services(session):
    from meeting_fixtures import make_org

    org = make_org(session.db)
    assert session.meetings is session.meetings
    m = session.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    assert [a.rubrik for a in session.arenden.arenden(m.id)][:1] == ["Närvaro"]
    assert session.bilagor.for_meeting(m.id) == {}
