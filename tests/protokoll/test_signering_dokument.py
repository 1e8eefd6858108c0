"""Digital signatures beyond the protokoll, with real components (a test CA, PKCS#12
files, a SoftHSM2 token): a sent utdrag and the anslag signed and verified by
``verifiera`` and ``check``; a § under sekretess left to wet ink while the public
version is signed; the signing time taken from the program's clock."""

from __future__ import annotations

import io
import shutil
import sqlite3
from datetime import date, datetime

import pikepdf
import pytest
from protokoll_fixtures import make_meeting, make_protokoll_org, ready
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader
from signing_pki import PASSWORD, PIN, TOKEN, SigningCA, softhsm_token, token_signer

from app import clock
from app.cli import main
from app.pdf import pades
from app.pdf.pdfa_signed import signed_findings
from app.protokoll.sekretess_papper import NOTE
from app.session import Session
from app.validation import ValidationError
from protokoll.test_signering import au_justering, external_signature, flip_one_byte, person

JUSTERAT = date(2022, 3, 4)


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture(scope="module")
def token_module(tmp_path_factory):
    """A SoftHSM2 token for this module (its key labels are its own)."""
    with softhsm_token(tmp_path_factory.mktemp("softhsm-dokument")) as module:
        yield module


def p12(ca, name: str, tmp_path, label: str) -> pades.Pkcs12Key:
    return pades.Pkcs12Key(ca.pkcs12(person(name), tmp_path / f"{label}.p12"), PASSWORD)


def sign_protokoll(svc, justering_id, ca, tmp_path) -> bytes:
    for plats in svc.signeringsstatus(justering_id).saknas:
        svc.signera(justering_id, p12(ca, plats.namn, tmp_path, plats.plats))
    return svc.signerad_pdf(justering_id)


def write_pem(ca, tmp_path):
    return ca.write_pem(tmp_path / "ca.pem")


# -- the signing time --------------------------------------------------------------------
def test_the_signing_time_is_the_program_clock(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    plats = svc.signaturplatser(justering.id)[0]
    moment = datetime(2031, 5, 6, 14, 7, 9)
    with clock.pinned(moment):
        recorded = svc.signera(justering.id, p12(ca, plats.namn, tmp_path, "s"))
    assert recorded.tidpunkt.startswith("2031-05-06 14:07:09")
    signed = svc.signerad_pdf(justering.id)
    (report,) = pades.signatures(signed, [])
    assert report.time == moment.astimezone()
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert str(embedded.sig_object["/M"]).startswith("D:20310506140709")
    assert signed_findings(signed, "2b") == []


# -- utdrag ------------------------------------------------------------------------------
@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def sent_utdrag(session):
    meeting, _justering = au_justering(session)
    sent = session.protokoll.utskick(meeting.id) or session.protokoll.skicka_utdrag(meeting.id)
    return meeting, sent[0]


def test_a_sent_utdrag_is_signed_with_a_token_and_verified(demo_path, ca, token_module, tmp_path, capsys):
    with Session.open(demo_path) as session:
        svc = session.protokoll
        _meeting, utskick = sent_utdrag(session)
        original = svc.utskick_pdf(utskick.id)
        assert "Rätt utdraget intygar" in pdf_text(original)
        (plats,) = svc.utdrag_signeringsstatus(utskick.id).platser
        assert (plats.plats, plats.namn) == ("bestyrkande", utskick.bestyrkt_av)
        # Someone else's certificate is refused, naming whose turn it is.
        with pytest.raises(ValidationError, match=r"Nu ska .*\(bestyrker utdraget\) signera, men "):
            svc.signera_utdrag(utskick.id, p12(ca, "Sven Annan", tmp_path, "annan"))
        token_signer(token_module, ca, person(utskick.bestyrkt_av), "utdrag-bestyrkande")
        key = pades.Pkcs11Key(token_module, TOKEN, PIN, key_label="utdrag-bestyrkande")
        recorded = svc.signera_utdrag(utskick.id, key)
        assert (recorded.plats, recorded.version, recorded.kalla) == ("bestyrkande", 1, "signerad")
        signed = svc.utdrag_for_signering(utskick.id)
        assert signed.startswith(original) and signed_findings(signed, "2b") == []
        assert svc.utdrag_signeringsstatus(utskick.id).digitalt_justerat
        assert svc.utskick_pdf(utskick.id) == original  # the utdrag as sent is kept
        with pytest.raises(ValidationError, match="Alla har redan signerat protokollsutdraget digitalt"):
            svc.signera_utdrag(utskick.id, key)
    out = tmp_path / "utdrag.pdf"
    out.write_bytes(signed)
    capsys.readouterr()
    ca_pem = write_pem(ca, tmp_path)
    assert main(["--db", str(demo_path), "verifiera", str(out), "--betrodda", str(ca_pem)]) == 0
    text = capsys.readouterr().out
    assert "Digitala signaturer (1):" in text and ": intakt, betrodd;" in text
    assert "Dokumentet fram till den sista signaturen är det sparade: Digitalt signerat protokollsutdrag, " \
           "version 1 (signerad i programmet)" in text
    out.write_bytes(flip_one_byte(signed))
    assert main(["--db", str(demo_path), "verifiera", str(out), "--betrodda", str(ca_pem)]) == 1
    assert "BRUTEN" in capsys.readouterr().out
    assert main(["--db", str(demo_path), "check"]) == 0
    assert "Digitalt signerade versioner: alla 1 börjar med originalet" in capsys.readouterr().out


def test_an_utdrag_signed_by_an_e_signing_service_is_imported_and_a_changed_one_refused(
        demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, utskick = sent_utdrag(demo_session)
    exported = svc.utdrag_for_signering(utskick.id)
    assert exported == svc.utskick_pdf(utskick.id)
    with pikepdf.open(io.BytesIO(exported)) as pdf:  # saved anew: not the sent bytes any more
        copy = io.BytesIO()
        pdf.save(copy)
        resaved = copy.getvalue()
    bad = external_signature(resaved, ca, person(utskick.bestyrkt_av), tmp_path, "BankID0")
    with pytest.raises(ValidationError, match="kan inte tas emot som signerat protokollsutdrag: filen "
                                              "börjar inte med det sparade protokollsutdragets byte"):
        svc.importera_signerat_utdrag(utskick.id, bad)
    data = external_signature(exported, ca, person(utskick.bestyrkt_av), tmp_path, "BankID1")
    (recorded,) = svc.importera_signerat_utdrag(utskick.id, data)
    assert (recorded.plats, recorded.kalla) == ("bestyrkande", "importerad")
    assert svc.utdrag_for_signering(utskick.id) == data


# -- anslag ------------------------------------------------------------------------------
def test_the_anslag_is_signed_once_the_protokoll_is_and_says_justerat_digitalt(
        db_path, ca, tmp_path, capsys):
    # A justerat protokoll whose anslag has not gone up (the demo's has: it is kept as it went up).
    with Session.open(db_path) as session:
        po = make_protokoll_org(session.db)
        meeting = make_meeting(po)
        ready(po, meeting.id)
        justering = po.svc.justera(meeting.id, JUSTERAT, today=JUSTERAT)
        svc = session.protokoll
        signers = len(svc.signaturplatser(justering.id))
        first = svc.signaturplatser(justering.id)[0]
        svc.signera(justering.id, p12(ca, first.namn, tmp_path, "first"))
        sekreterare = svc.sekreterare_namn(meeting.id)
        key = p12(ca, sekreterare, tmp_path, "anslag")
        with pytest.raises(ValidationError, match=r"Protokollet är inte färdigsignerat digitalt \(saknas: "):
            svc.signera_anslag(justering.id, key)
        assert session.db.execute("SELECT COUNT(*) FROM dokument_version").fetchone()[0] == 0  # not kept
        sign_protokoll(svc, justering.id, ca, tmp_path)
        recorded = svc.signera_anslag(justering.id, key)
        assert (recorded.plats, recorded.namn) == ("sekreterare", sekreterare)
        signed = svc.anslag_pdf(meeting.id)  # the kept, signed anslag is the anslag now
        assert svc.anslag_signeringsstatus(justering.id).digitalt_justerat
    text = pdf_text(signed)
    assert "Protokollet är justerat digitalt" in text and sekreterare in text
    assert signed_findings(signed, "2b") == []
    (report,) = pades.signatures(signed, [])
    assert report.intact and report.field == "Signatur-sekreterare"
    out = tmp_path / "anslag.pdf"
    out.write_bytes(signed)
    capsys.readouterr()
    assert main(["--db", str(db_path), "verifiera", str(out)]) == 0
    assert "Digitalt signerat anslag, version 1 (signerad i programmet)" in capsys.readouterr().out
    assert main(["--db", str(db_path), "check"]) == 0
    assert f"alla {signers + 1} börjar med originalet och har intakta signaturer" in capsys.readouterr().out


def test_a_kept_anslag_cannot_be_changed(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    meeting, justering = au_justering(demo_session)
    kept = svc.anslag_for_signering(justering.id)
    assert svc.anslag_pdf(meeting.id) == kept
    with pytest.raises(sqlite3.IntegrityError, match="kan inte ändras"):
        demo_session.db.execute("UPDATE dokument_version SET pdf = x'00'")
    with pytest.raises(sqlite3.IntegrityError, match="kan inte tas bort"):
        demo_session.db.execute("DELETE FROM dokument_version")


# -- a § under sekretess left to wet ink ------------------------------------------------

def justerat_with_sekretess(po):
    m = make_meeting(po)
    ready(po, m.id)
    p = next(p for p in po.svc.paragrafer.paragrafer(m.id) if p.rubrik.startswith("Budget"))
    p.sekretess, p.sekretess_grund = True, "OSL 26 kap. 1 §"
    po.svc.paragrafer.save(p)
    justering = po.svc.justera(m.id, JUSTERAT, today=JUSTERAT)
    return m, justering, po.svc.paragrafer.get(p.arende_id)


def test_a_paragraph_under_sekretess_is_left_to_wet_ink_while_the_rest_is_signed(po, ca, tmp_path):
    svc = po.svc
    m, justering, secret = justerat_with_sekretess(po)
    original = svc.stored_pdf(justering.id)
    assert "Budgetuppföljning januari 2022" in pdf_text(original)
    assert svc.sekretess_paragrafer(justering.id) == [secret.arende_id]
    with pytest.raises(ValidationError, match="Inga paragrafer är lämnade till pappersjustering"):
        svc.registrera_pappersjustering(justering.id)

    del_ = svc.lamna_sekretess_till_papper(justering.id)
    assert (del_.paragrafer, del_.registrerad) == ((secret.label,), False)
    public = svc.signerad_pdf(justering.id)  # what is signed now: the public version
    text = pdf_text(public)
    assert secret.label in text and "Sekretess enligt OSL 26 kap. 1 §." in text and NOTE in text
    assert "Budgetuppföljning" not in text and "Negativ resultatavvikelse" not in text
    assert "Riktlinjer 1" in text  # the rest is there
    with pytest.raises(ValidationError, match="redan lämnade till pappersjustering"):
        svc.lamna_sekretess_till_papper(justering.id)

    before = public
    for plats in svc.signaturplatser(justering.id):
        svc.signera(justering.id, p12(ca, plats.namn, tmp_path, plats.plats))
        signed = svc.signerad_pdf(justering.id)
        assert signed.startswith(before) and signed_findings(signed, "2b") == []
        before = signed
    status = svc.signeringsstatus(justering.id)
    assert status.digitalt_justerat and not status.helt_justerat
    assert "justeras på papper; inte registrerat ännu" in status.papper.text
    assert svc.stored_pdf(justering.id) == original  # the full version, justerat on paper, is kept
    anslag = pdf_text(svc.anslag_pdf(m.id, level=None))
    assert "Protokollet är justerat digitalt" in anslag
    assert f"{secret.label} omfattas av sekretess och ingår inte i den digitala justeringen; det " \
           "fullständiga protokollet justeras på papper." in anslag

    done = svc.registrera_pappersjustering(justering.id, JUSTERAT, "Lars Bergkvist och Karin Åkesson")
    assert done.text == (f"Det fullständiga protokollet med {secret.label} (sekretess) justerades på papper "
                         f"{JUSTERAT.isoformat()} av Lars Bergkvist och Karin Åkesson.")
    assert svc.signeringsstatus(justering.id).helt_justerat
    with pytest.raises(ValidationError, match="redan registrerad"):
        svc.registrera_pappersjustering(justering.id)
    with pytest.raises(sqlite3.IntegrityError, match="pappersjusteringen registreras en gång"):
        svc.db.execute("UPDATE justering_offentlig SET papper_av = 'Någon annan'")
    assert f"det fullständiga protokollet justerades på papper {JUSTERAT.isoformat()}." in \
        pdf_text(svc.anslag_pdf(m.id, level=None))


def test_the_public_version_is_verified_and_kept(po, ca, tmp_path, session, capsys):
    svc = po.svc
    _m, justering, _secret = justerat_with_sekretess(po)
    svc.lamna_sekretess_till_papper(justering.id)
    plats = svc.signaturplatser(justering.id)[0]
    svc.signera(justering.id, p12(ca, plats.namn, tmp_path, "s"))
    signed = svc.signerad_pdf(justering.id)
    with pytest.raises(sqlite3.IntegrityError, match="kan inte ändras"):
        session.db.execute("UPDATE justering_offentlig SET pdf = x'00'")
    with pytest.raises(sqlite3.IntegrityError, match="kan inte tas bort"):
        session.db.execute("DELETE FROM justering_offentlig")
    out = tmp_path / "offentlig.pdf"
    out.write_bytes(signed)
    db_path = session.path
    session.db.conn.commit()
    capsys.readouterr()
    assert main(["--db", str(db_path), "verifiera", str(out)]) == 0
    assert "Digitalt signerat protokoll, version 1" in capsys.readouterr().out
    out.write_bytes(svc.stored_pdf(justering.id))
    assert main(["--db", str(db_path), "verifiera", str(out)]) == 0
    assert "Justerat protokoll (justerat 2022-03-04)" in capsys.readouterr().out


def test_once_the_whole_protokoll_is_being_signed_no_paragraph_is_left_to_paper(po, ca, tmp_path):
    svc = po.svc
    _m, justering, _secret = justerat_with_sekretess(po)
    plats = svc.signaturplatser(justering.id)[0]
    svc.signera(justering.id, p12(ca, plats.namn, tmp_path, "s"))
    with pytest.raises(ValidationError, match="redan börjat signeras digitalt i sin helhet"):
        svc.lamna_sekretess_till_papper(justering.id)
    assert svc.pappersdel(justering.id) is None


def test_a_signed_anslag_written_on_the_command_line_is_called_pdfa(demo_path, ca, tmp_path, capsys):
    with Session.open(demo_path) as session:
        svc = session.protokoll
        meeting, justering = au_justering(session)
        sekreterare = svc.sekreterare_namn(meeting.id)
        svc.signera_anslag(justering.id, p12(ca, sekreterare, tmp_path, "anslag"))
        signed = svc.anslag_pdf(meeting.id)
    out = tmp_path / "anslag.pdf"
    capsys.readouterr()
    assert main(["--db", str(demo_path), "anslag", str(meeting.id), "-o", str(out)]) == 0
    assert out.read_bytes() == signed  # the kept, signed anslag
    assert f"Anslaget har skrivits: {out}, PDF/A-2b" in capsys.readouterr().out
