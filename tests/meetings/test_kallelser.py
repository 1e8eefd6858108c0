"""The kallelse as sent: marking a meeting kallat stores the kallelse and the handlingar
(bytes, SHA-256, time); later changes are marked, printed as a revised kallelse with
tilläggshandlingar and sent as version 2; the database keeps every version as sent."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from datetime import timedelta

import pytest
from meeting_fixtures import make_org
from pdf_samples import make_pdf
from pypdf import PdfReader

from app import clock, richtext
from app.cli import main
from app.dates import meeting_time
from app.meetings import Arende
from app.meetings.documents import build_handlingar, make_kallelse
from app.meetings.kallelser import IntegritetsFel, KallelseService
from app.pdf.pdfa import validation_findings
from app.validation import ValidationError


def page_texts(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def text_of(data: bytes) -> str:
    return " ".join(page_texts(data))


@pytest.fixture
def org(session):
    return make_org(session.db)


@pytest.fixture
def meeting(org):
    """A coming nämnd meeting: the template's seven items and two beslutsärenden (4, 5),
    the first with a bilaga."""
    m = org.meetings.create_meeting(org.namnd_organ.id, clock.today() + timedelta(days=30))
    budget = org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Budgetuppföljning januari", dnr="2021/1",
        forslag_till_beslut=richtext.from_plain_text("Nämnden godkänner budgetuppföljningen."),
        beskrivning=richtext.from_plain_text("Negativ avvikelse om 0,2 mkr.")))
    org.bilagor.attach(budget.id, make_pdf(3, "Utfall"), "utfall.pdf", "Utfall januari")
    org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Riktlinjer för alkoholservice", dnr="2022/29",
        forslag_till_beslut=richtext.from_plain_text("Nämnden antar riktlinjerna."),
        beskrivning=richtext.from_plain_text("Riktlinjerna ersätter de från 2015.")))
    return org.meetings.get_meeting(m.id)


@pytest.fixture
def kallelser(session):
    return KallelseService(session.db)


def by_title(org, meeting_id, title):
    return next(a for a in org.arenden.arenden(meeting_id) if a.rubrik == title)


def stored_row(session, utskick_id):
    return session.db.execute("SELECT kallelse_pdf, kallelse_sha256, handlingar_pdf, handlingar_sha256 "
                              "FROM kallelse_utskick WHERE id = ?", [utskick_id]).fetchone()


# -- sending -----------------------------------------------------------------------------------
def test_marking_kallat_stores_both_pdfs_with_their_sha256(org, meeting, kallelser, session):
    assert kallelser.versions(meeting.id) == [] and kallelser.revision(meeting.id) is None
    sent = kallelser.send(meeting.id)
    k = sent.kallelse
    assert (k.version, k.slag, k.titel, k.handlingar_titel) == (1, "kallelse", "Kallelse", "Handlingar")
    assert k.skickad[:10] == clock.today_iso() and k.pdfa_niva == "2b"
    m = org.meetings.get_meeting(meeting.id)
    assert (m.status, m.kallelse_skickad) == ("kallat", clock.today_iso())
    kallelse_pdf, kallelse_sha, handlingar_pdf, handlingar_sha = stored_row(session, k.id)
    assert hashlib.sha256(kallelse_pdf).hexdigest() == kallelse_sha == k.kallelse_sha256
    assert hashlib.sha256(handlingar_pdf).hexdigest() == handlingar_sha == k.handlingar_sha256
    assert kallelser.stored_pdf(k.id) == kallelse_pdf
    assert kallelser.stored_pdf(k.id, handlingar=True) == handlingar_pdf
    kallelse = page_texts(kallelse_pdf)
    handlingar = page_texts(handlingar_pdf)
    assert len(kallelse) == k.kallelse_sidor and len(handlingar) == k.handlingar_sidor
    assert "KALLELSE" in kallelse[0] and "REVIDERAD" not in kallelse[0]
    # The kallelse stored is the one the stored handlingar begin with (same page ranges).
    assert "Budgetuppföljning januari 2021/1" in kallelse[0]
    assert kallelse[0].split("Sida")[0] == handlingar[0].split("Sida")[0]
    assert "Utfall sida 3" in " ".join(handlingar)
    assert validation_findings(kallelse_pdf, "2b") == []


def test_nothing_changed_means_nothing_to_send(meeting, kallelser):
    kallelser.send(meeting.id)
    revision = kallelser.revision(meeting.id)
    assert revision is not None and not revision.changed
    with pytest.raises(ValidationError, match="Inget har ändrats sedan kallelsen skickades .* "
                                              r"\(version 1\)"):
        kallelser.send(meeting.id)
    assert [k.version for k in kallelser.versions(meeting.id)] == [1]


def test_send_is_refused_with_errors_and_after_the_meeting(org, meeting, kallelser):
    org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Taxor 2026", dnr="2025/3"))
    with pytest.raises(ValidationError, match="”Taxor 2026” saknar förslag till beslut"):
        kallelser.send(meeting.id)
    assert kallelser.versions(meeting.id) == []
    assert org.meetings.get_meeting(meeting.id).status == "planerat"
    org.arenden.delete(by_title(org, meeting.id, "Taxor 2026").id)
    org.meetings.set_status(meeting.id, "genomfört")
    with pytest.raises(ValidationError, match="är genomfört; en kallelse kan inte skickas efteråt"):
        kallelser.send(meeting.id)


# -- later changes ------------------------------------------------------------------------------
def change_after_sending(org, meeting):
    """Förslag of 4 changed, 5 removed, a new ärende with a bilaga, the place moved."""
    budget = by_title(org, meeting.id, "Budgetuppföljning januari")
    budget.forslag_till_beslut = richtext.from_plain_text("Nämnden godkänner budgetuppföljningen med "
                                                          "en justering av prognosen.")
    org.arenden.save(budget)
    org.arenden.delete(by_title(org, meeting.id, "Riktlinjer för alkoholservice").id)
    new = org.arenden.add(Arende(
        sammantrade_id=meeting.id, rubrik="Yttrande över motion om trygghetsboende", dnr="2025/77",
        forslag_till_beslut=richtext.from_plain_text("Nämnden föreslår att motionen avslås."),
        beskrivning=richtext.from_plain_text("Motionären vill ha fler trygghetsboenden.")))
    org.bilagor.attach(new.id, make_pdf(2, "Motion"), "motion.pdf", "Motionen")
    m = org.meetings.get_meeting(meeting.id)
    m.plats = "Sammanträdesrummet, Bergslagsgatan"
    org.meetings.save_meeting(m)
    return budget, new


def test_revision_names_what_was_added_changed_and_removed(org, meeting, kallelser):
    kallelser.send(meeting.id)
    removed = by_title(org, meeting.id, "Riktlinjer för alkoholservice")
    budget, new = change_after_sending(org, meeting)
    # SQLite gave the new ärende the removed one's id; its key tells them apart.
    assert new.id == removed.id
    revision = kallelser.revision(meeting.id)
    assert revision.version == 1 and revision.changed
    assert [(c.slag, c.nummer, c.rubrik, c.delar) for c in revision.andringar] == [
        ("ändrat", 4, "Budgetuppföljning januari", ("förslag till beslut",)),
        ("nytt", 5, "Yttrande över motion om trygghetsboende", ()),
        ("utgår", 5, "Riktlinjer för alkoholservice", ())]
    assert revision.new_or_changed == {budget.id, new.id}
    assert revision.motet == ("Ny plats: Sammanträdesrummet, Bergslagsgatan (tidigare Samlingssalen, "
                              "Marnäsliden)",)
    # A bilaga added to an ärende is a change of that ärende.
    org.bilagor.attach(by_title(org, meeting.id, "Information från förvaltningen").id, make_pdf(1), "x.pdf",
                       "Presentation")
    info = kallelser.revision(meeting.id).of(by_title(org, meeting.id, "Information från förvaltningen").id)
    assert (info.slag, info.delar) == ("ändrat", ("bilagor",))


def test_printing_after_sending_gives_a_revised_kallelse_and_tillaggshandlingar(org, meeting, kallelser,
                                                                                session):
    first = kallelser.send(meeting.id).kallelse
    change_after_sending(org, meeting)
    kallelse = make_kallelse(session.db, meeting.id)
    text = text_of(kallelse.data)
    assert "REVIDERAD KALLELSE" in text
    assert (f"Reviderad kallelse. Ändringar sedan kallelsen som skickades {first.skickad[:10]} (version 1):"
            in text)
    assert "• Ändrat ärende 4: Budgetuppföljning januari (ändrat: förslag till beslut)" in text
    assert "• Nytt ärende 5: Yttrande över motion om trygghetsboende" in text
    assert "• Utgår: Riktlinjer för alkoholservice (var ärende 5)" in text
    assert "• Ny plats: Sammanträdesrummet, Bergslagsgatan (tidigare Samlingssalen, Marnäsliden)" in text
    assert "Budgetuppföljning januari (ändrat) 2021/1" in text
    assert "Yttrande över motion om trygghetsboende (nytt) 2025/77" in text
    assert PdfReader(io.BytesIO(kallelse.data)).metadata.title.startswith("Reviderad kallelse")

    bundle = build_handlingar(session.db, meeting.id)
    pages = page_texts(bundle.data)
    body = " ".join(pages[bundle.kallelse_pages:])
    assert bundle.title.startswith("Tilläggshandlingar ")
    # Only the changed and the new ärende: their documents and bilagor, nothing else.
    assert [p.nummer for p in bundle.placements] == [4, 5]
    assert "Nämnden godkänner budgetuppföljningen med en justering av prognosen." in body
    assert "Motion sida 2" in body and "Utfall sida 1" in body
    assert "Information från ordförande" not in body and "Närvaro" not in body
    # The kallelse's page ranges point into the tilläggshandlingar: 4 starts after the kallelse.
    first_page = bundle.kallelse_pages + 1
    assert f"Budgetuppföljning januari (ändrat) 2021/1 {first_page} - " in text_of(bundle.data)
    assert all(t.endswith(f"Sida {n} av {len(pages)}") for n, t in enumerate(pages, start=1))


def test_sending_again_stores_version_2_and_version_1_stays_byte_identical(org, meeting, kallelser, session):
    first = kallelser.send(meeting.id).kallelse
    v1_kallelse, v1_handlingar = kallelser.stored_pdf(first.id), kallelser.stored_pdf(first.id, True)
    change_after_sending(org, meeting)
    second = kallelser.send(meeting.id).kallelse
    assert (second.version, second.slag, second.titel, second.handlingar_titel) == (
        2, "reviderad", "Reviderad kallelse", "Tilläggshandlingar")
    assert second.andringar[0] == "Ny plats: Sammanträdesrummet, Bergslagsgatan (tidigare Samlingssalen, " \
                                  "Marnäsliden)"
    assert "Utgår: Riktlinjer för alkoholservice (var ärende 5)" in second.andringar
    assert "REVIDERAD KALLELSE" in text_of(kallelser.stored_pdf(second.id))
    # The day the kallelse first went out is kept.
    assert org.meetings.get_meeting(meeting.id).kallelse_skickad == first.skickad[:10]
    # More edits after version 2: version 1 is still exactly what was sent.
    org.arenden.delete(by_title(org, meeting.id, "Budgetuppföljning januari").id)
    assert kallelser.stored_pdf(first.id) == v1_kallelse
    assert kallelser.stored_pdf(first.id, handlingar=True) == v1_handlingar
    assert hashlib.sha256(v1_kallelse).hexdigest() == first.kallelse_sha256
    assert "Riktlinjer för alkoholservice" in text_of(v1_kallelse)
    assert "Riktlinjer för alkoholservice" in text_of(v1_handlingar)
    # Changes are now counted from version 2.
    revision = kallelser.revision(meeting.id)
    assert revision.version == 2
    assert [(c.slag, c.rubrik) for c in revision.andringar] == [("utgår", "Budgetuppföljning januari")]
    assert [k.version for k in kallelser.versions(meeting.id)] == [1, 2]


def test_a_new_time_is_named(org, meeting, kallelser, session):
    kallelser.send(meeting.id)
    m = org.meetings.get_meeting(meeting.id)
    before = meeting_time(m.datum, m.starttid)
    m.starttid = "09:00"
    org.meetings.save_meeting(m)
    text = text_of(make_kallelse(session.db, meeting.id).data)
    assert f"• Ny tid: {meeting_time(m.datum, '09:00')} (tidigare {before})" in text
    assert "Ärendenas handlingar är oförändrade sedan" in text


# -- kept as sent ---------------------------------------------------------------------------------
def test_the_database_refuses_changing_or_deleting_a_sent_kallelse(org, meeting, kallelser, session):
    k = kallelser.send(meeting.id).kallelse
    db = session.db
    with pytest.raises(sqlite3.IntegrityError, match="En skickad kallelse kan inte ändras"):
        db.execute("UPDATE kallelse_utskick SET kallelse_pdf = x'00' WHERE id = ?", [k.id])
    with pytest.raises(sqlite3.IntegrityError, match="En skickad kallelse kan inte tas bort"):
        db.execute("DELETE FROM kallelse_utskick WHERE id = ?", [k.id])
    with pytest.raises(sqlite3.IntegrityError, match="En skickad kallelse kan inte tas bort"):
        db.execute("DELETE FROM sammantrade WHERE id = ?", [meeting.id])
    with pytest.raises(sqlite3.IntegrityError, match="nästa versionsnummer"):
        db.execute("INSERT INTO kallelse_utskick (sammantrade_id, version, slag, skickad, kallelse_pdf, "
                   "kallelse_sha256, kallelse_sidor, handlingar_pdf, handlingar_sha256, handlingar_sidor, "
                   "innehall) SELECT sammantrade_id, 3, 'reviderad', skickad, kallelse_pdf, kallelse_sha256, "
                   "kallelse_sidor, handlingar_pdf, handlingar_sha256, handlingar_sidor, innehall "
                   "FROM kallelse_utskick WHERE id = ?", [k.id])
    with pytest.raises(ValidationError, match=r"har skickats \(1 version\) och sparas; därför kan "
                                              "sammanträdet inte tas bort"):
        org.meetings.delete_meeting(meeting.id)
    assert [v.version for v in kallelser.versions(meeting.id)] == [1]
    assert kallelser.stored_pdf(k.id) == stored_row(session, k.id)[0]
    # Nor does the meeting go back to planerat as if nothing had been sent.
    with pytest.raises(ValidationError, match=r"Kallelsen skickades \d{4}-\d\d-\d\d och är sparad som "
                                              "skickad; sammanträdet kan inte bli planerat igen"):
        org.meetings.set_status(meeting.id, "planerat")
    assert org.meetings.get_meeting(meeting.id).status == "kallat"


def test_a_stored_pdf_that_no_longer_matches_its_sha256_is_reported(meeting, kallelser, session):
    k = kallelser.send(meeting.id).kallelse
    # Only by going round the program (the trigger dropped) can the bytes change.
    session.db.execute("DROP TRIGGER kallelse_utskick_oforanderlig")
    session.db.execute("UPDATE kallelse_utskick SET handlingar_pdf = ? WHERE id = ?",
                       [kallelser.stored_pdf(k.id), k.id])
    assert kallelser.stored_pdf(k.id)  # the kallelse itself is untouched
    with pytest.raises(IntegritetsFel, match=r"handlingsfilen \(version 1\) stämmer inte med sin "
                                             "kontrollsumma"):
        kallelser.stored_pdf(k.id, handlingar=True)


# -- command line -----------------------------------------------------------------------------------
def test_kallad_and_kallelser_on_the_command_line(org, meeting, session, db_path, tmp_path, capsys):
    session.close()
    db = ["--db", str(db_path)]
    assert main([*db, "kallelser", str(meeting.id)]) == 0
    assert "har inte skickats" in capsys.readouterr().out
    assert main([*db, "kallad", str(meeting.id)]) == 0
    out = capsys.readouterr().out
    assert "Sammanträdet är markerat som kallat. Kallelse version 1 sparad" in out
    assert main([*db, "kallad", str(meeting.id)]) == 1
    assert "Inget har ändrats sedan kallelsen skickades" in capsys.readouterr().err
    assert main([*db, "kallelser", str(meeting.id)]) == 0
    listing = capsys.readouterr().out
    assert "Kallelse" in listing and "      1  " in listing
    target = tmp_path / "v1.pdf"
    assert main([*db, "kallelser", str(meeting.id), "--version", "1", "-o", str(target)]) == 0
    assert "Kallelse version 1" in capsys.readouterr().out
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert digest in out and digest in listing  # the SHA-256 printed when sent and when listed
    bundle = tmp_path / "v1-handlingar.pdf"
    assert main([*db, "kallelser", str(meeting.id), "--version", "1", "--handlingar", "-o", str(bundle)]) == 0
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() in out
    assert main([*db, "kallelser", str(meeting.id), "--version", "2", "-o", str(target)]) == 2
    assert "Version 2 av kallelsen" in capsys.readouterr().err
