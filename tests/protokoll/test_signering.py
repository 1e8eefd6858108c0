"""Digital justering with real components: a test CA, PKCS#12 files and a SoftHSM2
token; pyHanko's validator and the program's ``verifiera`` and ``check`` report the
signatures; a file signed elsewhere is imported, one changed before signing refused."""

from __future__ import annotations

import hashlib
import io
import shutil

import pikepdf
import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from signing_pki import (
    PASSWORD,
    PIN,
    TOKEN,
    SigningCA,
    changed_before_signing,
    softhsm_token,
    timestamp_server,
    token_signer,
)

from app.cli import main
from app.pdf import pades
from app.pdf.pdfa import validation_findings
from app.pdf.pdfa_signed import signed_findings
from app.protokoll.signering import name_tokens
from app.session import Session
from app.validation import ValidationError


def person(name: str) -> str:
    """The name on a certificate: the printed name without the party."""
    return " ".join(w.capitalize() if w.islower() else w for w in name.split(" (")[0].split())


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture(scope="module")
def token_env(tmp_path_factory):
    """A SoftHSM2 token for this module."""
    with softhsm_token(tmp_path_factory.mktemp("softhsm")) as module:
        yield module


@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def au_justering(session):
    meeting = next(m for m in session.meetings.meetings() if m.datum == "2022-02-14")
    (justering,) = session.protokoll.justeringar(meeting.id)
    return meeting, justering


def keys_for(session, justering_id, ca, tmp_path, token_module):
    """The secretary's key on the token, the others' in PKCS#12 files."""
    keys = {}
    for plats in session.protokoll.signaturplatser(justering_id):
        name = person(plats.namn)
        if plats.roll == "sekreterare":
            token_signer(token_module, ca, name, "sekreterare")
            keys[plats.plats] = pades.Pkcs11Key(token_module, TOKEN, PIN, key_label="sekreterare")
        else:
            keys[plats.plats] = pades.Pkcs12Key(ca.pkcs12(name, tmp_path / f"{plats.plats}.p12"), PASSWORD)
    return keys


def flip_one_byte(data: bytes) -> bytes:
    """One byte changed inside the first page's content stream (signed by every signature)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        raw = pdf.pages[0].obj.Contents.read_raw_bytes() if isinstance(pdf.pages[0].obj.Contents,
                                                                       pikepdf.Stream) else \
            pdf.pages[0].obj.Contents[0].read_raw_bytes()
    at = data.index(raw) + len(raw) // 2
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_three_signers_justera_digitally_in_order_and_the_file_stays_pdfa(
        demo_path, ca, token_env, tmp_path, capsys):
    with Session.open(demo_path) as session:
        svc = session.protokoll
        meeting, justering = au_justering(session)
        original = svc.stored_pdf(justering.id)
        assert validation_findings(original) == []
        platser = svc.signaturplatser(justering.id)
        assert [p.roll for p in platser] == ["sekreterare", "justerare", "ordforande"]
        keys = keys_for(session, justering.id, ca, tmp_path, token_env)
        before = original
        for plats in platser:
            recorded = svc.signera(justering.id, keys[plats.plats])
            assert (recorded.plats, recorded.namn) == (plats.plats, plats.namn)
            signed = svc.signerad_pdf(justering.id)
            assert signed.startswith(before) and len(signed) > len(before)
            assert signed_findings(signed, "2b") == []
            before = signed
        status = svc.signeringsstatus(justering.id)
        assert status.digitalt_justerat and status.nasta is None
        assert svc.stored_pdf(justering.id) == original  # the justerat original is unchanged
        with pytest.raises(ValidationError, match="Alla har redan signerat"):
            svc.signera(justering.id, keys[platser[0].plats])
        # The demo's anslag went up before these signatures and is kept as it went up; an
        # anslag laid out now (as one not yet up is) says that the protokoll is justerat digitalt.
        assert "justerat digitalt" not in " ".join(
            p.extract_text() or "" for p in PdfReader(io.BytesIO(svc.anslag_pdf(meeting.id))).pages)
        anslag = svc.dokument.rendered_anslag(meeting.id, justering.id)

    pages = PdfReader(io.BytesIO(anslag)).pages
    anslag_text = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    assert "Protokollet är justerat digitalt" in anslag_text
    assert hashlib.sha256(signed).hexdigest() in anslag_text

    # pyHanko's own validator: three intact signatures, trusted against the test CA.
    reader = PdfFileReader(io.BytesIO(signed))
    context = ValidationContext(trust_roots=[pades.load_trust_roots(ca.write_pem(tmp_path / "ca.pem"))[0]])
    statuses = [validate_pdf_signature(s, context) for s in reader.embedded_signatures]
    assert [s.intact and s.valid and s.trusted for s in statuses] == [True, True, True]
    assert [name_tokens(s.signing_cert.subject.native["common_name"]) for s in statuses] == [
        name_tokens(person(p.namn)) for p in platser]

    # The program's verifiera: three intact, trusted signatures and the stored version.
    out = tmp_path / "signerat.pdf"
    out.write_bytes(signed)
    capsys.readouterr()
    assert main(["--db", str(demo_path), "verifiera", str(out), "--betrodda", str(tmp_path / "ca.pem")]) == 0
    text = capsys.readouterr().out
    assert "Digitala signaturer (3):" in text
    assert text.count(": intakt, betrodd;") == 3
    assert ("Dokumentet fram till den sista signaturen är det sparade: Digitalt signerat protokoll, "
            "version 3") in text
    # Without trust roots the signatures are intact but not trusted.
    assert main(["--db", str(demo_path), "verifiera", str(out)]) == 0
    assert capsys.readouterr().out.count("intakt, inte betrodd") == 3

    # A one-byte change is reported broken.
    out.write_bytes(flip_one_byte(signed))
    assert main(["--db", str(demo_path), "verifiera", str(out), "--betrodda", str(tmp_path / "ca.pem")]) == 1
    text = capsys.readouterr().out
    assert "INTE identisk" in text
    assert text.count("BRUTEN") == 3

    assert main(["--db", str(demo_path), "check"]) == 0
    assert "Digitalt signerade versioner: alla 3 börjar med originalet och har intakta signaturer" in \
        capsys.readouterr().out


def test_the_certificate_must_name_the_one_whose_turn_it_is(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    platser = svc.signaturplatser(justering.id)
    ordforande = next(p for p in platser if p.roll == "ordforande")
    key = pades.Pkcs12Key(ca.pkcs12(person(ordforande.namn), tmp_path / "o.p12"), PASSWORD)
    with pytest.raises(ValidationError, match=r"Nu ska .* \(sekreterare\) signera, men certifikatet är "
                                              r"utfärdat till"):
        svc.signera(justering.id, key)
    wrong = pades.Pkcs12Key(key.path, "fel")
    with pytest.raises(ValidationError, match="kunde inte öppnas: fel lösenord"):
        svc.signera(justering.id, wrong)
    assert svc.signeringsstatus(justering.id).signaturer == ()
    # The order is configurable: the ordförande first.
    assert svc.signera(justering.id, key, ordning=["ordforande", "sekreterare", "justerare"]).plats == \
        "ordforande"


def external_signature(data: bytes, ca: SigningCA, name: str, tmp_path, field: str) -> bytes:
    """pyHanko standing in for the e-signing service: its own invisible field."""
    path = ca.pkcs12(name, tmp_path / f"{field}.p12")
    signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=PASSWORD.encode())
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    fields.append_signature_field(writer, fields.SigFieldSpec(field))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    return signers.PdfSigner(meta, signer=signer).sign_pdf(writer).getvalue()


def test_a_file_signed_by_an_e_signing_service_is_imported(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    exported = svc.signerad_pdf(justering.id)
    data = exported
    for n, plats in enumerate(svc.signaturplatser(justering.id)):
        data = external_signature(data, ca, person(plats.namn), tmp_path, f"BankID{n}")
    recorded = svc.importera_signerad(justering.id, data)
    assert [r.kalla for r in recorded] == ["importerad"] * 3
    assert {r.plats for r in recorded} == {p.plats for p in svc.signaturplatser(justering.id)}
    assert svc.signerad_pdf(justering.id) == data
    assert svc.signeringsstatus(justering.id).digitalt_justerat


def test_a_file_changed_before_signing_is_refused(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    exported = svc.signerad_pdf(justering.id)

    # Changed as an incremental update (the page's text replaced), then signed.
    changed = changed_before_signing(exported)
    plats = svc.signaturplatser(justering.id)[0]
    data = external_signature(changed, ca, person(plats.namn), tmp_path, "BankID")
    assert data.startswith(exported)
    with pytest.raises(ValidationError, match="kan inte tas emot som signerat protokoll: innehållet ändrades "
                                              "innan den första signaturen sattes"):
        svc.importera_signerad(justering.id, data, fil="Filen signerat.pdf")

    # Saved again as a whole (not an incremental update), then signed.
    with pikepdf.open(io.BytesIO(exported)) as pdf:
        resaved = io.BytesIO()
        pdf.save(resaved)
    data = external_signature(resaved.getvalue(), ca, person(plats.namn), tmp_path, "BankID2")
    with pytest.raises(ValidationError, match="filen börjar inte med det sparade protokollets byte"):
        svc.importera_signerad(justering.id, data)
    assert svc.signeringsstatus(justering.id).signaturer == ()
    assert svc.signerad_pdf(justering.id) == svc.stored_pdf(justering.id)


def test_stored_signed_versions_cannot_be_changed_or_removed(demo_session, ca, tmp_path):
    import sqlite3

    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    plats = svc.signaturplatser(justering.id)[0]
    key = pades.Pkcs12Key(ca.pkcs12(person(plats.namn), tmp_path / "s.p12"), PASSWORD)
    svc.signera(justering.id, key)
    db = demo_session.db
    with pytest.raises(sqlite3.IntegrityError, match="kan inte ändras"):
        db.execute("UPDATE justering_version SET pdf = x'00'")
    with pytest.raises(sqlite3.IntegrityError, match="kan inte tas bort"):
        db.execute("DELETE FROM justering_version")
    with pytest.raises(sqlite3.IntegrityError, match="kan inte ändras"):
        db.execute("UPDATE justering_signatur SET namn = 'Någon annan'")


def test_a_signature_is_time_stamped_when_a_server_is_given(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    plats = svc.signaturplatser(justering.id)[0]
    key = pades.Pkcs12Key(ca.pkcs12(person(plats.namn), tmp_path / "s.p12"), PASSWORD)
    with timestamp_server(ca) as (url, requests):
        recorded = svc.signera(justering.id, key, tidsstampel_url=url)
    assert requests and recorded.tidsstampel  # pyHanko also asks once to size the signature
    signed = svc.signerad_pdf(justering.id)
    assert signed_findings(signed, "2b") == []
    (report,) = pades.signatures(signed, [ca_root(ca, tmp_path)])
    assert report.timestamped and report.intact and report.trusted


def test_an_unreachable_time_stamp_server_is_named_and_nothing_is_stored(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    plats = svc.signaturplatser(justering.id)[0]
    key = pades.Pkcs12Key(ca.pkcs12(person(plats.namn), tmp_path / "s.p12"), PASSWORD)
    with pytest.raises(ValidationError, match=r"Signeringen misslyckades \(tidsstämpelservern "
                                              r"http://127.0.0.1:9/tsa\)"):
        svc.signera(justering.id, key, tidsstampel_url="http://127.0.0.1:9/tsa")
    assert svc.signeringsstatus(justering.id).signaturer == ()


def ca_root(ca: SigningCA, tmp_path):
    return pades.load_trust_roots(ca.write_pem(tmp_path / "ca.pem"))[0]


def test_the_round_trip_through_an_e_signing_service_on_the_command_line(demo_path, ca, tmp_path, capsys):
    with Session.open(demo_path) as session:
        meeting, justering = au_justering(session)
        platser = session.protokoll.signaturplatser(justering.id)
    sent = tmp_path / "for-signering.pdf"
    assert main(["--db", str(demo_path), "protokoll", str(meeting.id), "--signerad", "-o", str(sent)]) == 0
    assert "Protokollet för signering (senaste signerade version) har skrivits" in capsys.readouterr().out
    data = sent.read_bytes()
    for n, plats in enumerate(platser[:2]):
        data = external_signature(data, ca, person(plats.namn), tmp_path, f"BankID{n}")
    returned = tmp_path / "signerad.pdf"
    returned.write_bytes(data)
    assert main(["--db", str(demo_path), "importera-signerad", str(meeting.id), str(returned)]) == 0
    out = capsys.readouterr().out
    assert f"Signerat av {platser[0].namn}" in out and f"på raden för {platser[1].plats}" in out
    assert f"Sparat som signerad version 1. Saknas: {platser[2].text}." in out

    # The same file again adds no signature to the version now stored.
    assert main(["--db", str(demo_path), "importera-signerad", str(meeting.id), str(returned)]) == 1
    assert "filen har inga signaturer efter det sparade protokollet" in capsys.readouterr().err
    assert main(["--db", str(demo_path), "protokoll", str(meeting.id), "--signerad", "-o", str(sent)]) == 0
    assert sent.read_bytes() == data


def test_a_file_signed_elsewhere_after_a_signature_made_here_is_imported(demo_session, ca, tmp_path):
    svc = demo_session.protokoll
    _meeting, justering = au_justering(demo_session)
    first, *others = svc.signaturplatser(justering.id)
    svc.signera(justering.id, pades.Pkcs12Key(ca.pkcs12(person(first.namn), tmp_path / "s.p12"), PASSWORD))
    data = svc.signerad_pdf(justering.id)
    for n, plats in enumerate(others):
        data = external_signature(data, ca, person(plats.namn), tmp_path, f"BankID{n}")
    recorded = svc.importera_signerad(justering.id, data)
    assert [r.plats for r in recorded] == [p.plats for p in others]
    assert [r.version for r in recorded] == [2, 2]
    assert svc.signeringsstatus(justering.id).digitalt_justerat
