"""The anslag that went up is kept as it went up (app/protokoll/anslag_sparat.py): kept
when it is registered as posted and printed from there whatever changes after; the new
anslag after the wet-ink justering kept once; an anslag registered as posted before the
program kept it kept at its first print, saying so."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from protokoll_fixtures import make_meeting, make_protokoll_org, ready

from app import clock, verification
from app.cli import main
from app.organisation import OrganisationService
from app.protokoll.anslag_sparat import NOT_KEPT
from app.session import Session
from app.validation import ValidationError
from db import migrations
from protokoll.test_anslag_fore_papper import ca, signed_with_paper_part  # noqa: F401
from protokoll.test_signering_dokument import JUSTERAT, justerat_with_sekretess, p12, pdf_text, sign_protokoll

POSTED_AT = datetime(2022, 3, 4, 15, 30)
PAPER_AT = datetime(2022, 3, 7, 9, 0)
NEW_AT = datetime(2022, 3, 7, 9, 30)
PAPER_DAY = date(2022, 3, 7)


def rename_sekreterare(db) -> str:
    """The secretary marries: a change the anslag would show if it were laid out anew."""
    org = OrganisationService(db)
    person = next(p for p in org.personer() if p.efternamn == "Engberg")
    person.efternamn = "Engberg Nyström"
    org.save_person(person)
    return "Engberg Nyström"


def kept_rows(db, table: str = "dokument_version") -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]



def justerat_on_paper(po):
    m = make_meeting(po)
    ready(po, m.id)
    return m, po.svc.justera(m.id, JUSTERAT, anslag_datum=JUSTERAT, today=JUSTERAT)


# -- kept when it goes up ----------------------------------------------------------------
def test_the_anslag_that_went_up_stays_as_it_went_up_after_the_paper_justering(
        signed_with_paper_part):  # noqa: F811
    svc, m, justering, _secret = signed_with_paper_part
    with clock.pinned(POSTED_AT):
        svc.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT)
    posted = svc.anslag_pdf(m.id)
    assert "det fullständiga protokollet justeras på papper." in pdf_text(posted)
    assert kept_rows(svc.db) == 1

    with clock.pinned(PAPER_AT):
        svc.registrera_pappersjustering(justering.id, PAPER_DAY, "Lars Bergkvist")
    printed = svc.anslag_pdf(m.id)
    assert printed == posted
    assert "justerades på papper" not in pdf_text(printed)
    # Laid out anew it would say the paper justering: that is what is not printed.
    assert f"det fullständiga protokollet justerades på papper {PAPER_DAY.isoformat()}." in pdf_text(
        svc.dokument.rendered_anslag(m.id, justering.id))

    stale = svc.anslag_fore_papper(justering.id)
    assert stale is not None and stale.text.startswith(
        "Anslaget som sattes upp 2022-03-04 sparades 2022-03-04 15:30, innan pappersjusteringen "
        "registrerades, och säger att det fullständiga protokollet justeras på papper.")
    (match,) = verification.identify(svc.db.conn, posted).matches
    assert match.intact and match.document.kind == "Anslag, uppsatt 2022-03-04"


def test_the_anslag_kept_when_it_went_up_ignores_later_changes_and_the_registered_day(po):
    svc = po.svc
    m, justering = justerat_on_paper(po)
    with clock.pinned(datetime(2022, 3, 8, 8, 0)):
        warnings = svc.mark_anslaget(justering.id, "2022-03-08", today=date(2022, 3, 8))
    assert any("Anslaget sattes upp 2022-03-08, inte 2022-03-04" in w for w in warnings)
    posted = svc.anslag_pdf(m.id)
    text = pdf_text(posted)
    # What went up was printed before the registration: with the day the anslagsbevis says
    # (the rättelse records the day it really went up).
    assert "Datum då anslaget sätts upp 2022-03-04" in text and "Engberg" in text

    name = rename_sekreterare(svc.db)
    assert svc.anslag_pdf(m.id) == posted
    assert name not in pdf_text(svc.anslag_pdf(m.id))
    fresh = pdf_text(svc.dokument.rendered_anslag(m.id, justering.id))
    assert name in fresh and "Datum då anslaget sätts upp 2022-03-08" in fresh
    assert svc.anslag_utskrift(m.id) == (posted, True, "")


def test_posting_is_refused_while_the_digital_justering_is_unfinished(po, ca, tmp_path):  # noqa: F811
    svc = po.svc
    m, justering, _secret = justerat_with_sekretess(po)
    svc.lamna_sekretess_till_papper(justering.id)  # the public version is to be signed digitally
    with pytest.raises(ValidationError, match=r"Protokollet är inte färdigsignerat digitalt \(saknas: "):
        svc.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT)
    first = svc.signaturplatser(justering.id)[0]
    svc.signera(justering.id, p12(ca, first.namn, tmp_path, first.plats))
    with pytest.raises(ValidationError, match="registrera anslaget som uppsatt när alla har signerat"):
        svc.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT)
    assert svc.justering(justering.id).anslag_uppsatt is None and kept_rows(svc.db) == 0

    sign_protokoll(svc, justering.id, ca, tmp_path)
    svc.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT)
    assert "Protokollet är justerat digitalt" in pdf_text(svc.anslag_pdf(m.id))


# -- the new anslag ----------------------------------------------------------------------
def posted_and_paper_registered(svc, justering):
    with clock.pinned(POSTED_AT):
        svc.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT)
    with clock.pinned(PAPER_AT):
        svc.registrera_pappersjustering(justering.id, PAPER_DAY, "Lars Bergkvist")


def test_the_new_anslag_is_kept_once_and_printed_the_same_every_time(signed_with_paper_part):  # noqa: F811
    svc, m, justering, _secret = signed_with_paper_part
    posted_and_paper_registered(svc, justering)
    with clock.pinned(NEW_AT):
        new = svc.nytt_anslag_pdf(m.id)
    text = pdf_text(new)
    assert f"justerades på papper {PAPER_DAY.isoformat()}." in text
    assert ("Detta anslag ersätter anslaget som sattes upp 2022-03-04, innan pappersjusteringen "
            "registrerades") in text
    assert kept_rows(svc.db, "nytt_anslag") == 1
    assert svc.anslag_fore_papper(justering.id).text.endswith(
        "det nya anslaget, som säger att det justerades på papper 2022-03-07, sparades 2022-03-07 09:30 "
        "(Spara nytt anslag… ger det igen). Det gamla finns kvar.")

    name = rename_sekreterare(svc.db)
    with clock.pinned(datetime(2022, 3, 9, 12, 0)):
        again = svc.nytt_anslag_pdf(m.id)
    assert again == new and name not in pdf_text(again)
    assert name in pdf_text(svc.dokument.rendered_anslag(m.id, justering.id))
    assert kept_rows(svc.db, "nytt_anslag") == 1

    (match,) = verification.identify(svc.db.conn, new).matches
    assert match.intact and match.document.kind.startswith("Nytt anslag efter pappersjusteringen")
    assert verification.altered(svc.db.conn) == []
    assert verification.missing_triggers(svc.db.conn, migrations.LATEST_VERSION) == []


def test_the_new_anslag_cannot_be_changed_or_removed(signed_with_paper_part):  # noqa: F811
    svc, m, justering, _secret = signed_with_paper_part
    posted_and_paper_registered(svc, justering)
    new = svc.nytt_anslag_pdf(m.id)
    db, refused = svc.db, "Det nya anslaget är en allmän handling och kan inte"
    with pytest.raises(sqlite3.IntegrityError, match=f"{refused} ändras"):
        db.execute("UPDATE nytt_anslag SET pdf = x'00'")
    with pytest.raises(sqlite3.IntegrityError, match=f"{refused} ändras"):
        db.execute("UPDATE nytt_anslag SET registrerad = '2030-01-01T00:00:00'")
    with pytest.raises(sqlite3.IntegrityError, match=f"{refused} tas bort"):
        db.execute("DELETE FROM nytt_anslag")
    assert svc.nytt_anslag_pdf(m.id) == new


def test_a_new_anslag_is_kept_only_in_place_of_a_kept_one_after_the_paper_justering(po):
    m, justering = justerat_on_paper(po)
    with pytest.raises(sqlite3.IntegrityError, match="Ett nytt anslag sparas bara i stället för ett sparat"):
        po.svc.db.execute("INSERT INTO nytt_anslag (justering_id, sammantrade_id, pdf, sha256, registrerad) "
                          "VALUES (?, ?, x'00', '', '2022-03-07T09:00:00')", [justering.id, m.id])
    with pytest.raises(ValidationError, match="behöver inget nytt anslag"):
        po.svc.nytt_anslag_pdf(m.id)


def test_the_command_line_writes_the_kept_new_anslag(db_path, ca, tmp_path, capsys):  # noqa: F811
    with Session.open(db_path) as session:
        po = make_protokoll_org(session.db)
        m, justering, _secret = justerat_with_sekretess(po)
        po.svc.lamna_sekretess_till_papper(justering.id)
        sign_protokoll(po.svc, justering.id, ca, tmp_path)
        posted_and_paper_registered(po.svc, justering)
    out = tmp_path / "nytt.pdf"
    assert main(["--db", str(db_path), "anslag", str(m.id), "--nytt", "-o", str(out)]) == 0
    first = out.read_bytes()
    assert "Det nya anslaget har skrivits" in capsys.readouterr().out
    with Session.open(db_path) as session:
        assert session.protokoll.nytt_anslag_pdf(m.id) == first
        rename_sekreterare(session.db)
    assert main(["--db", str(db_path), "anslag", str(m.id), "--nytt", "-o", str(out)]) == 0
    assert out.read_bytes() == first
    assert main(["--db", str(db_path), "verifiera", str(out)]) == 0
    assert "Nytt anslag efter pappersjusteringen" in capsys.readouterr().out


# -- registered as posted before the program kept it ------------------------------------
def posted_by_an_earlier_version(po):
    """A justering registered as posted the way versions before this one did: no kept anslag."""
    m, justering = justerat_on_paper(po)
    po.svc.justering_service.mark_anslaget(justering.id, JUSTERAT, today=JUSTERAT,
                                           keep_anslag=lambda _j: None)
    assert kept_rows(po.svc.db) == 0
    return m, justering


def test_an_anslag_posted_before_it_was_kept_is_kept_at_its_first_print_and_says_so(po):
    svc = po.svc
    m, _justering = posted_by_an_earlier_version(po)
    unkept = svc.anslag_utskrift(m.id, keep=False)  # the command line only reads
    assert (unkept.kept, unkept.note) == (False, NOT_KEPT) and kept_rows(svc.db) == 0

    with clock.pinned(datetime(2026, 11, 16, 10, 5)):
        first = svc.anslag_utskrift(m.id)
    assert first.kept and kept_rows(svc.db) == 1
    assert first.note == ("Anslaget registrerades som uppsatt 2022-03-04 innan programmet sparade uppsatta "
                          "anslag. Det sparades nu, 2026-11-16 kl. 10:05, av uppgifterna som de är i dag; "
                          "hädanefter skrivs anslaget ut exakt så.")
    name = rename_sekreterare(svc.db)
    assert svc.anslag_utskrift(m.id) == (first.data, True, "")
    assert name not in pdf_text(svc.anslag_pdf(m.id))
    (match,) = verification.identify(svc.db.conn, first.data).matches
    assert match.document.kind == "Anslag, uppsatt 2022-03-04"


def test_the_command_line_prints_an_unkept_posted_anslag_and_says_it_is_not_kept(db_path, tmp_path, capsys):
    with Session.open(db_path) as session:
        m, _justering = posted_by_an_earlier_version(make_protokoll_org(session.db))
    out = tmp_path / "anslag.pdf"
    assert main(["--db", str(db_path), "anslag", str(m.id), "-o", str(out)]) == 0
    assert NOT_KEPT in capsys.readouterr().err
    with Session.open(db_path) as session:
        assert kept_rows(session.db) == 0  # the verb only reads
