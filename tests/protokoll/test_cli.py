"""The demo protokoll (AU 2022-02-14 §§ 15–19) through the
services and the command line: protokoll, utdrag, anslag."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from demo_day import DEMO_DAY
from pypdf import PdfReader

from app import config
from app.cli import main
from app.pdf.pdfa import validation_findings
from app.protokoll import ProtokollService
from app.protokoll.rostning import rakna
from app.session import Session


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(config.ENV_DATA_DIR, str(folder / "data"))
        path = folder / "demo.nkdb"
        assert main(["--db", str(path), "demo", "--datum", DEMO_DAY.isoformat()]) == 0
    return path


@pytest.fixture
def demo(demo_db):
    with Session.open(demo_db, exclusive=False) as session:
        svc = ProtokollService(session.db)
        meetings = svc.meetings.meetings()
        yield svc, meetings[0], meetings[-1]


def text_of(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_demo_au_protokoll_matches_the_seed(demo):
    svc, au, _namnd = demo
    assert (au.organ_namn, au.datum, au.status) == ("Vård- och omsorgsnämndens arbetsutskott", "2022-02-14",
                                                    "anslaget")
    paragrafer = svc.paragrafer.paragrafer(au.id)
    assert [(p.label, p.dnr) for p in paragrafer] == [
        ("§ 15", "2021/1"), ("§ 16", "2022/29"), ("§ 17", "2022/2"), ("§ 18", ""), ("§ 19", "")]
    assert paragrafer[0].rubrik == "Budgetuppföljning januari 2022"
    (j,) = svc.justeringar(au.id)
    assert (j.datum, j.anslag, j.justerat_av) == (date(2022, 2, 16), date(2022, 2, 16),
                                                 ("Birgitta Lindqvist", "Anders Öberg (M)"))
    assert hashlib.sha256(svc.stored_pdf(j.id)).hexdigest() == j.sha256
    assert {u.mottagare: u.paragrafer for u in svc.utskick(au.id)} == {
        "Akt": "§ 15, § 16, § 17", "Förvaltningsledning": "§ 16", "Enhetschefer, kostenheten": "§ 16",
        "Insidan": "§ 16", "Vård- och omsorgsnämnden": "§ 17"}


def test_demo_namnd_protokoll_is_ready_for_signing(demo):
    svc, _au, namnd = demo
    assert namnd.status == "planerat" and svc.is_started(namnd.id)
    problems = svc.check_before_print(namnd.id, today=date.fromisoformat(namnd.datum))
    assert [p.message for p in problems if p.severity == "fel"] == []
    riktlinjer = next(p for p in svc.paragrafer.paragrafer(namnd.id) if p.rubrik.startswith("Riktlinjer"))
    (vote,) = riktlinjer.voteringar
    b = svc.narvaro.beslutande(namnd.id)[riktlinjer.arende_id]
    result = rakna(vote, b, "Vård- och omsorgsnämnden")
    assert (result.ja, result.nej, result.avstar, result.vinnare) == (8, 2, 1, "ja")
    assert [r.namn for r in riktlinjer.reservationer] == ["Mikael Ståhl (SD)"]
    from app.protokoll.dokument import load_protokoll_docs

    lines = load_protokoll_docs(svc.db, namnd.id).beslutande_rader()
    assert "Ulla Sjöberg (KD), tjänstgörande ersättare för Margareta Häll (KD)" in lines
    assert any(line.startswith("Nils Andersson (MP), tjänstgörande ersättare för Sofia Nyström (L), §§\u00a0")
               for line in lines)


def test_protokoll_verb(demo_db, demo, tmp_path, capsys):
    svc, au, namnd = demo
    out = tmp_path / "au.pdf"
    db = str(demo_db)
    assert main(["--db", db, "protokoll", str(au.id), "-o", str(out)]) == 0
    assert "Protokollet (justerat) har skrivits" in capsys.readouterr().out
    assert out.read_bytes() == svc.stored_pdf(svc.justeringar(au.id)[0].id)
    text = text_of(out.read_bytes())
    for expected in ("Paragrafer 15–19", "§ 15", "§ 19", "Dnr 2021/1",
                     "Anders Öberg (M), 1:e vice ordförande",
                     "Annika Holm, socialchef, §§ 15–18", "Camilla Berg, controller, § 15",
                     "Datum då anslaget sätts upp 2022-02-16", "Datum då anslaget tas ned 2022-03-10"):
        assert expected in text, expected
    draft = tmp_path / "namnd.pdf"
    assert main(["--db", db, "protokoll", str(namnd.id), "-o", str(draft), "--pdfa", "2b"]) == 0
    data = draft.read_bytes()
    assert validation_findings(data) == []
    text = text_of(data)
    assert "Omröstning" in text
    assert "Mikael Ståhl (SD) reserverar sig mot beslutet. Den har lämnats skriftligt." in text
    assert "Paragrafer 1–13" in text


def test_utdrag_and_anslag_verbs(demo_db, demo, tmp_path, capsys):
    _svc, au, namnd = demo
    db = str(demo_db)
    out = tmp_path / "utdrag.pdf"
    assert main(["--db", db, "utdrag", str(au.id), "15", "§ 17", "-o", str(out), "--datum", "2022-02-16",
                 "--bestyrkt-av", "Åsa Engström"]) == 0
    text = text_of(out.read_bytes())
    assert "PROTOKOLLSUTDRAG" in text and "§ 15" in text and "§ 17" in text and "§ 16" not in text
    assert "Vård- och omsorgsnämndens arbetsutskott godkänner den muntliga redovisningen." in text
    assert "Åsa Engström, 2022-02-16" in text
    capsys.readouterr()
    assert main(["--db", db, "utdrag", str(au.id), "42", "-o", str(out)]) == 2
    assert "Paragrafen ”42” finns inte i protokollet (paragrafer: § 15, § 16, § 17, § 18, § 19)." in \
        capsys.readouterr().err
    assert main(["--db", db, "utdrag", str(namnd.id), "5", "-o", str(out)]) == 2
    assert "är inte justerad" in capsys.readouterr().err
    anslag = tmp_path / "anslag.pdf"
    assert main(["--db", db, "anslag", str(au.id), "-o", str(anslag)]) == 0
    text = text_of(anslag.read_bytes())
    for expected in ("Tillkännagivande av justerat protokoll", "Paragrafer 15–19",
                     "Datum då anslaget sätts upp 2022-02-16", "Datum då anslaget tas ned 2022-03-10",
                     "Sista dag för överklagande 2022-03-09", "Socialförvaltningen, Höjdgatan 26, Oxelösund"):
        assert expected in text, expected
    assert main(["--db", db, "anslag", str(namnd.id), "-o", str(anslag)]) == 2
    assert "inte justerat; anslaget görs efter justeringen" in capsys.readouterr().err
    assert main(["--db", db, "protokoll", "9999", "-o", str(anslag)]) == 2
    assert "Sammanträde 9999 finns inte." in capsys.readouterr().err
