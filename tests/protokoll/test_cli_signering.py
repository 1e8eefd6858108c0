"""The command line's round trip through an e-signing service for a sent utdrag and the
anslag: ``protokoll MÖTE --signerad --utdrag PARAGRAF|--anslag`` and
``importera-signerad MÖTE FIL --utdrag PARAGRAF|--anslag``, with pyHanko standing in
for the service."""

from __future__ import annotations

import shutil

import pytest
from signing_pki import SigningCA, changed_before_signing

from app.cli import main
from app.pdf import pades
from app.session import Session
from protokoll.test_signering import au_justering, external_signature, person


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def cli(db, *args) -> int:
    return main(["--db", str(db), *map(str, args)])


def test_a_sent_utdrag_goes_to_an_e_signing_service_and_back(demo_path, ca, tmp_path, capsys):
    with Session.open(demo_path) as session:
        meeting, _justering = au_justering(session)
        utskick = (session.protokoll.utskick(meeting.id) or session.protokoll.skicka_utdrag(meeting.id))[0]
        sent_bytes = session.protokoll.utskick_pdf(utskick.id)
    paragraf = utskick.paragrafer.split(",")[0].replace("§", "").strip()
    exported = tmp_path / "utdrag-for-signering.pdf"
    capsys.readouterr()
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utdrag", paragraf, "--till",
               utskick.mottagare, "-o", exported) == 0
    out = capsys.readouterr().out
    assert f"Protokollsutdraget {utskick.paragrafer} till {utskick.mottagare} för signering" in out
    assert "PDF/A-2b" in out
    assert exported.read_bytes() == sent_bytes  # nothing signed yet: the utdrag as sent

    # Changed before it was signed: refused, naming why, nothing stored.
    tampered = tmp_path / "andrat.pdf"
    tampered.write_bytes(external_signature(changed_before_signing(sent_bytes), ca,
                                            person(utskick.bestyrkt_av), tmp_path, "BankID0"))
    args = ["importera-signerad", meeting.id, "--utdrag", paragraf, "--till", utskick.mottagare]
    assert cli(demo_path, *args, tampered) == 1
    err = capsys.readouterr().err
    assert "Filen andrat.pdf kan inte tas emot som signerat protokollsutdrag: innehållet ändrades innan " \
           "den första signaturen sattes" in err

    signed = tmp_path / "signerat.pdf"
    signed.write_bytes(external_signature(sent_bytes, ca, person(utskick.bestyrkt_av), tmp_path, "BankID1"))
    assert cli(demo_path, *args, signed) == 0
    out = capsys.readouterr().out
    assert f"Signerat av {utskick.bestyrkt_av}" in out and "på raden för bestyrkande" in out
    assert "sparat som signerad version 1. Alla har signerat." in out

    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utdrag", paragraf, "--till",
               utskick.mottagare, "-o", exported) == 0
    assert exported.read_bytes() == signed.read_bytes()
    with Session.read(demo_path) as session:
        (report,) = pades.signatures(session.protokoll.utdrag_for_signering(utskick.id), [])
        assert report.intact and report.field == "BankID1"


def test_the_anslag_goes_to_an_e_signing_service_and_back(demo_path, ca, tmp_path, capsys):
    with Session.read(demo_path) as session:
        meeting, _justering = au_justering(session)
        sekreterare = session.protokoll.sekreterare_namn(meeting.id)
    exported = tmp_path / "anslag-for-signering.pdf"
    capsys.readouterr()
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--anslag", "-o", exported) == 0
    assert "Anslaget för signering (senaste signerade version) har skrivits" in capsys.readouterr().out
    kept = exported.read_bytes()
    # Exporting kept it: the anslag verb now writes those bytes.
    anslag = tmp_path / "anslag.pdf"
    assert cli(demo_path, "anslag", meeting.id, "-o", anslag) == 0
    assert anslag.read_bytes() == kept

    tampered = tmp_path / "andrat.pdf"
    tampered.write_bytes(external_signature(changed_before_signing(kept), ca, person(sekreterare), tmp_path,
                                            "BankID0"))
    assert cli(demo_path, "importera-signerad", meeting.id, tampered, "--anslag") == 1
    assert "kan inte tas emot som signerat anslag: innehållet ändrades innan den första signaturen " \
           "sattes" in capsys.readouterr().err

    signed = tmp_path / "signerat.pdf"
    signed.write_bytes(external_signature(kept, ca, person(sekreterare), tmp_path, "BankID1"))
    assert cli(demo_path, "importera-signerad", meeting.id, signed, "--anslag") == 0
    out = capsys.readouterr().out
    assert f"Signerat av {sekreterare}" in out and "på raden för sekreterare" in out
    assert "Anslaget: sparat som signerad version 1. Alla har signerat." in out
    assert cli(demo_path, "anslag", meeting.id, "-o", anslag) == 0
    assert anslag.read_bytes() == signed.read_bytes()

    # The same file again adds nothing to the version now stored.
    assert cli(demo_path, "importera-signerad", meeting.id, signed, "--anslag") == 1
    assert "kan inte tas emot som signerat anslag" in capsys.readouterr().err


def test_what_is_not_there_is_named(demo_path, tmp_path, capsys):
    with Session.read(demo_path) as session:
        meeting, _justering = au_justering(session)
    out = tmp_path / "x.pdf"
    capsys.readouterr()
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utdrag", "99", "-o", out) == 2
    assert "Paragrafen ”99” finns inte i protokollet" in capsys.readouterr().err
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utdrag", "15", "--till", "Ingen sådan",
               "-o", out) == 2
    err = capsys.readouterr().err
    assert "Inget skickat protokollsutdrag med § 15 till ”Ingen sådan” (skickade utdrag: --utskick " in err
    assert err.rstrip().endswith("Skicka utdraget först.")
    assert cli(demo_path, "protokoll", meeting.id, "--anslag", "-o", out) == 2
    assert "gäller bara med --signerad" in capsys.readouterr().err
    assert not out.exists()


def test_several_sent_utdrag_with_the_paragraph_are_listed_and_one_chosen_by_id(demo_path, tmp_path, capsys):
    with Session.open(demo_path) as session:
        meeting, _justering = au_justering(session)
        first = (session.protokoll.utskick(meeting.id) or session.protokoll.skicka_utdrag(meeting.id))[0]
        again = session.protokoll.skicka_utdrag(meeting.id, mottagare=[first.mottagare])[0]
        again_bytes = session.protokoll.utskick_pdf(again.id)
    paragraf = first.paragrafer.split(",")[0].replace("§", "").strip()
    out = tmp_path / "x.pdf"
    capsys.readouterr()
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utdrag", paragraf, "--till",
               first.mottagare, "-o", out) == 2
    err = capsys.readouterr().err
    assert f"Flera skickade utdrag har § {paragraf}; ange mottagaren med --till eller utdraget med " \
           "--utskick ID" in err
    assert f"--utskick {first.id}: {first.paragrafer} till {first.mottagare}" in err
    assert f"--utskick {again.id}: {again.paragrafer} till {again.mottagare}" in err
    assert not out.exists()
    assert cli(demo_path, "protokoll", meeting.id, "--signerad", "--utskick", again.id, "-o", out) == 0
    assert out.read_bytes() == again_bytes
