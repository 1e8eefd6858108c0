"""Meetings, ärenden, bilagor and Dnr: the services behind meeting planning (no PDFs here)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from meeting_fixtures import make_org
from pdf_samples import make_encrypted_pdf, make_non_archival_pdf, make_pdf, make_truncated_pdf

from app import clock, richtext
from app.dnr import dnr_sort_key, parse_dnr
from app.meetings import Arende, BilagaError, MallPunkt, Undertecknare
from app.meetings.kallelser import KallelseService
from app.validation import ValidationError


@pytest.fixture
def org(session):
    return make_org(session.db)


@pytest.fixture
def meeting(org):
    return org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")


def titles(org, meeting_id):
    return [(a.nummer, a.rubrik) for a in org.arenden.arenden(meeting_id)]


# -- Dnr ------------------------------------------------------------------------------
def test_dnr_parsing_keeps_every_shape():
    d = parse_dnr("VON 2022/44-73")
    assert (d.prefix, d.year, d.serial, d.suffix) == ("VON", 2022, 44, "73")
    assert parse_dnr("VoN 2021/1").year == 2021
    assert parse_dnr("2022/29").serial == 29
    for odd in ("KS 2022.12", "diarienummer saknas", "2022-123", "Dnr: ?"):
        d = parse_dnr(odd)
        assert d.text == " ".join(odd.split()) and not d.parsed


def test_dnr_sorting_year_then_serial_as_number():
    given = ["2022/10", "x-okänd", "VON 2022/9", "2021/300", "", "2022/9", "VON 2022/44-73", "2022/100"]
    assert sorted(given, key=dnr_sort_key) == [
        "2021/300", "2022/9", "VON 2022/9", "2022/10", "VON 2022/44-73", "2022/100", "x-okänd", ""]


def test_by_dnr_lists_arenden_sorted_with_unknown_shapes_last(org, meeting):
    for dnr in ("2022/10", "VON 2022/9", "ingen form", "2021/5"):
        org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik=f"Ärende {dnr}", dnr=dnr))
    assert [r.dnr for r in org.arenden.by_dnr()] == ["2021/5", "VON 2022/9", "2022/10", "ingen form"]
    assert [r.dnr for r in org.arenden.by_dnr(year=2022)] == ["VON 2022/9", "2022/10"]


# -- meetings and template ----------------------------------------------------------
def test_create_meeting_from_standard_template_with_defaults(org, meeting):
    assert meeting.plats == "Samlingssalen, Marnäsliden" and meeting.starttid == "14:15"
    assert meeting.status == "planerat" and meeting.sekreterare_id == org.sekreterare.id
    assert "asa.engberg@ludvika.se" in meeting.meddelande and "0240-866 85" in meeting.meddelande
    assert titles(org, meeting.id) == [
        (1, "Närvaro"), (2, "Val av justerare"), (3, "Anmälan om extra ärenden"),
        (4, "Information från förvaltningen"), (5, "Information från ordförande"),
        (6, "Redovisning av delegationsbeslut"), (7, "Redovisning av meddelanden")]
    delegation = org.arenden.arenden(meeting.id)[5]
    assert richtext.to_plain_text(delegation.forslag_till_beslut) == (
        "Vård- och omsorgsnämnden godkänner redovisningen av delegationsbeslut.")


def test_edited_template_is_used_for_the_next_meeting(org):
    org.meetings.save_agenda_template(org.au.id, [
        MallPunkt("Information", "information", "efter"), MallPunkt("Upprop", "standard", "före"),
        MallPunkt("Val av justerare", "standard", "före")])
    assert [i.rubrik for i in org.meetings.agenda_template(org.au.id)] == [
        "Upprop", "Val av justerare", "Information"]
    m = org.meetings.create_meeting(org.au.id, date(2022, 2, 14))
    assert titles(org, m.id) == [(1, "Upprop"), (2, "Val av justerare"), (3, "Information")]
    with pytest.raises(ValidationError, match="saknar rubrik"):
        org.meetings.save_agenda_template(org.au.id, [MallPunkt("  ")])


def test_meetings_listed_per_organ_and_year(org, meeting):
    org.meetings.create_meeting(org.namnd_organ.id, "2023-03-01", use_template=False)
    org.meetings.create_meeting(org.au.id, "2022-02-14", use_template=False)
    assert [m.datum for m in org.meetings.meetings(org.namnd_organ.id, 2022)] == ["2022-02-28"]
    assert [m.datum for m in org.meetings.meetings(org.namnd_organ.id)] == ["2022-02-28", "2023-03-01"]
    assert org.meetings.meeting_years(org.namnd_organ.id) == [2022, 2023]
    assert org.meetings.meetings(year=2022)[0].organ_namn == "Vård- och omsorgsnämndens arbetsutskott"


def test_meeting_validation_messages_are_swedish(org, meeting):
    meeting.starttid, meeting.sluttid, meeting.status = "25:99", "", "justerat"
    with pytest.raises(ValidationError) as info:
        org.meetings.save_meeting(meeting)
    assert info.value.for_field("starttid") == ["Starttiden måste skrivas TT:MM, t.ex. 14:15 (nu: ”25:99”)."]
    assert "Okänd status ”justerat”" in info.value.for_field("status")[0]


def test_status_kallat_records_the_day_and_the_database_refuses_unknown_status(org, meeting, session):
    # Set by hand, "kallat" would keep no copy of what the members received.
    with pytest.raises(ValidationError) as refused:
        org.meetings.set_status(meeting.id, "kallat", date(2022, 2, 18))
    assert "”Markera som kallad…”" in refused.value.for_field("status")[0]
    assert org.meetings.get_meeting(meeting.id).status == "planerat"
    with clock.pinned(datetime(2022, 2, 18, 9, 30)):
        KallelseService(session.db).send(meeting.id, level=None)
    m = org.meetings.get_meeting(meeting.id)
    assert (m.status, m.kallelse_skickad) == ("kallat", "2022-02-18")
    m.status = "genomfört"
    org.meetings.save_meeting(m)
    m.status = "kallat"  # back again: it was kallat with the kallelse kept
    assert org.meetings.save_meeting(m).status == "kallat"
    with pytest.raises(Exception, match="Okänd status"):
        with session.db.atomic():
            session.db.execute("UPDATE sammantrade SET status = 'påhittad' WHERE id = ?", [meeting.id])


def test_kallelse_deadline_warns_when_late(org, meeting):
    assert org.meetings.kallelse_deadline(meeting.id) == date(2022, 2, 21)
    on_time = org.meetings.check_deadline(meeting.id, date(2022, 2, 21))
    assert not on_time.late and on_time.days_before == 7
    late = org.meetings.check_deadline(meeting.id, "2022-02-24")
    assert late.late and late.days_before == 4
    assert late.message == ("Kallelsen skickas 2022-02-24, 4 dagar före sammanträdet; reglementet "
                            "kräver 7 dagar (senast 2022-02-21).")


# -- ärenden ---------------------------------------------------------------------------
def test_new_arende_goes_before_the_closing_items_and_numbers_follow(org, meeting):
    a = org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Budgetuppföljning januari 2022"))
    b = org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Riktlinjer för alkoholservice"))
    assert (a.nummer, b.nummer) == (4, 5)
    assert titles(org, meeting.id)[3:6] == [
        (4, "Budgetuppföljning januari 2022"), (5, "Riktlinjer för alkoholservice"),
        (6, "Information från förvaltningen")]
    first = org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Först"), position=1)
    assert first.nummer == 1 and titles(org, meeting.id)[1] == (2, "Närvaro")


def test_reorder_move_and_delete_renumber(org, meeting):
    ids = [a.id for a in org.arenden.arenden(meeting.id)]
    org.arenden.reorder(meeting.id, list(reversed(ids)))
    assert [n for n, _ in titles(org, meeting.id)] == list(range(1, 8))
    assert titles(org, meeting.id)[0] == (1, "Redovisning av meddelanden")
    org.arenden.move(ids[0], 1)  # Närvaro back to the top
    assert titles(org, meeting.id)[:2] == [(1, "Närvaro"), (2, "Redovisning av meddelanden")]
    org.arenden.delete(ids[0])
    assert [n for n, _ in titles(org, meeting.id)] == list(range(1, 7))
    with pytest.raises(ValidationError, match="har ändrats under tiden"):
        org.arenden.reorder(meeting.id, ids)  # contains the deleted one


def test_arende_fields_round_trip_and_are_cleaned(org, meeting):
    a = org.arenden.add(Arende(
        sammantrade_id=meeting.id, rubrik="  Riktlinjer\u00ad för\talkoholservice ", dnr=" VON  2022/29 ",
        forvaltning_id=org.forvaltning.id, handlaggare=org.arenden.handlaggare_text(org.sekreterare.id),
        datum="2022-01-21", forslag_till_beslut="<p>Nämnden <b>antar</b> riktlinjerna.</p><script>x</script>",
        beskrivning=richtext.from_plain_text("Stycke ett.\n\n1. Punkt\n2. Punkt"),
        undertecknare=[org.arenden.signer(org.chef.id),
                       Undertecknare("Cecilia Vestergaard", "Verksamhetschef")],
        beslutsunderlag=["Tjänsteskrivelse daterad den 21 januari 2022.", "  "], skickas_till=["Akt", ""]))
    got = org.arenden.get(a.id)
    assert got.rubrik == "Riktlinjer för alkoholservice" and got.dnr == "VON 2022/29"
    assert (got.dnr_delar.year, got.dnr_delar.serial) == (2022, 29)
    assert got.handlaggare == "Åsa Engberg, 0240-866 85"
    assert got.forslag_till_beslut == "<p>Nämnden <b>antar</b> riktlinjerna.</p>"
    assert got.undertecknare[0] == Undertecknare("Laila Dufström", "Tf förvaltningschef", org.chef.id)
    assert got.beslutsunderlag == ["Tjänsteskrivelse daterad den 21 januari 2022."]
    assert got.skickas_till == ["Akt"]
    assert got.forslag_rubrik == "Förvaltningens förslag till beslut"
    with pytest.raises(ValidationError) as info:
        org.arenden.save(Arende(id=a.id, sammantrade_id=meeting.id, rubrik="", typ="okänd", datum="28/2"))
    fields = {e.field for e in info.value.errors}
    assert {"rubrik", "typ", "datum"} <= fields


def test_copy_from_au_to_namnd_keeps_dnr_and_bilagor(org, session):
    au_meeting = org.meetings.create_meeting(org.au.id, "2022-02-14", use_template=False)
    nämnd_meeting = org.meetings.create_meeting(org.namnd_organ.id, "2022-02-28")
    src = org.arenden.add(Arende(
        sammantrade_id=au_meeting.id, rubrik="Riktlinjer för alkoholserving", dnr="2022/29",
        datum="2022-01-21", forslag_till_beslut=richtext.from_plain_text("Nämnden antar riktlinjerna."),
        undertecknare=[Undertecknare("Laila Dufström", "Tf förvaltningschef")]))
    org.bilagor.attach(src.id, make_pdf(2, "Riktlinjer"), "riktlinjer.pdf", "Riktlinjer", "2022-01-17")
    copy = org.arenden.copy_to(src.id, nämnd_meeting.id)
    assert copy.nummer == 4  # before Information från förvaltningen
    got = org.arenden.get(copy.id)
    # The AU has not decided yet: the förslag is the förvaltning's, and so labelled.
    assert got.forslag_rubrik == "Förvaltningens förslag till beslut"
    assert got.dnr == "2022/29" and got.kopierad_fran == src.id
    assert got.beslutsunderlag[0] == "Tjänsteskrivelse daterad den 21 januari 2022."
    assert got.undertecknare == src.undertecknare
    copied = org.bilagor.bilagor(copy.id)
    assert [(b.titel, b.sidor, b.datum) for b in copied] == [("Riktlinjer", 2, "2022-01-17")]
    assert org.bilagor.data(copied[0].id) == org.bilagor.data(org.bilagor.bilagor(src.id)[0].id)
    assert session.db.execute("SELECT COUNT(*) FROM bilagefil").fetchone()[0] == 1  # shared
    # The source stays as it was.
    assert org.arenden.get(src.id).forslag_kalla == "förvaltning"
    # Removing one copy keeps the file for the other; removing both frees it.
    org.bilagor.remove(copied[0].id)
    assert session.db.execute("SELECT COUNT(*) FROM bilagefil").fetchone()[0] == 1
    org.meetings.delete_meeting(au_meeting.id)
    assert session.db.execute("SELECT COUNT(*) FROM bilagefil").fetchone()[0] == 0


# -- bilagor ---------------------------------------------------------------------------
@pytest.fixture
def arende(org, meeting):
    return org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Budgetuppföljning", dnr="2021/1"))


def test_attach_stores_the_file_inside_the_database(org, arende):
    data = make_pdf(3, "Utfall")
    b = org.bilagor.attach(arende.id, data, "/hemma/Utfall jan.pdf", datum="2022-01-21")
    assert (b.titel, b.filnamn, b.sidor, b.datum, b.position) == ("Utfall jan", "Utfall jan.pdf", 3,
                                                                   "2022-01-21", 1)
    assert b.pdfa_ok and b.storlek == len(data) and len(b.sha256) == 64
    assert org.bilagor.data(b.id) == data


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"Hej, det h\xe4r \xe4r text", "anteckning.pdf", "Filen ”anteckning.pdf” är ingen PDF-fil."),
    (b"PK\x03\x04" + b"\x00" * 100, "protokoll.docx", "Word- eller Office-dokument"),
    (b"", "tom.pdf", "Filen ”tom.pdf” är tom."),
    (make_truncated_pdf(), "trasig.pdf", "Filen ”trasig.pdf” är skadad"),
    (make_encrypted_pdf(), "hemlig.pdf", "Filen ”hemlig.pdf” är lösenordsskyddad"),
    (make_encrypted_pdf(user_password=""), "skyddad.pdf", "Filen ”skyddad.pdf” är krypterad"),
])
def test_unreadable_files_are_refused_naming_the_file(org, arende, data, name, expected):
    with pytest.raises(BilagaError) as info:
        org.bilagor.attach(arende.id, data, name)
    assert expected in str(info.value)
    assert info.value.for_field("fil")
    assert org.bilagor.bilagor(arende.id) == []


def test_non_archival_pdf_is_accepted_but_marked(org, arende):
    b = org.bilagor.attach(arende.id, make_non_archival_pdf(), "gammal.pdf", "Gammal rapport")
    # In Swedish, saying what to do (docs/domain/documents.md, "PDF/A only when true").
    assert not b.pdfa_ok
    assert b.pdfa_problem.startswith("Filen har typsnitt som inte är inbäddade; spara den som PDF/A")


def test_replace_reorder_and_remove_bilagor(org, arende, session):
    one = org.bilagor.attach(arende.id, make_pdf(1, "Ett"), "ett.pdf")
    two = org.bilagor.attach(arende.id, make_pdf(2, "Två"), "tva.pdf")
    three = org.bilagor.attach(arende.id, make_pdf(3, "Tre"), "tre.pdf")
    org.bilagor.reorder(arende.id, [three.id, one.id, two.id])
    assert [b.titel for b in org.bilagor.bilagor(arende.id)] == ["tre", "ett", "tva"]
    org.bilagor.move(two.id, 1)
    assert [(b.position, b.titel) for b in org.bilagor.bilagor(arende.id)] == [(1, "tva"), (2, "tre"),
                                                                                 (3, "ett")]
    new = make_pdf(5, "Ny version")
    replaced = org.bilagor.replace(one.id, new, "ett-v2.pdf")
    assert (replaced.titel, replaced.filnamn, replaced.sidor, replaced.position) == (
        "ett", "ett-v2.pdf", 5, 3)
    assert org.bilagor.data(one.id) == new
    with pytest.raises(BilagaError, match="ingen PDF-fil"):
        org.bilagor.replace(one.id, b"inte pdf", "x.txt")
    assert org.bilagor.data(one.id) == new  # unchanged after the refusal
    org.bilagor.remove(three.id)
    assert [(b.position, b.titel) for b in org.bilagor.bilagor(arende.id)] == [(1, "tva"), (2, "ett")]
    assert session.db.execute("SELECT COUNT(*) FROM bilagefil").fetchone()[0] == 2


def test_check_before_print_lists_what_to_fix(org, meeting, session):
    a = org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Utan förslag"))
    b = org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Med bilagor", dnr="2022/3",
                               forslag_till_beslut=richtext.from_plain_text("Godkänns.")))
    org.bilagor.attach(b.id, make_non_archival_pdf(), "gammal.pdf", "Gammal rapport")
    good = org.bilagor.attach(b.id, make_pdf(1), "bra.pdf", "Bra")
    # Damage the stored file behind the service's back, as a disk error might.
    with session.db.atomic():
        session.db.execute("UPDATE bilagefil SET data = ? WHERE sha256 = ?",
                           [b"%PDF-1.4 trasig", good.sha256])
    problems = org.meetings.check_before_print(meeting.id, today=date(2022, 2, 25))
    messages = [p.message for p in problems]
    assert "Ärende 4 ”Utan förslag” saknar förslag till beslut." in messages
    assert "Ärende 4 ”Utan förslag” saknar diarienummer." in messages
    assert any("reglementet kräver 7 dagar" in m for m in messages)
    assert any("”Gammal rapport” (gammal.pdf) i ärende 5 är inte i arkivformat" in m for m in messages)
    broken = [p for p in problems if p.bilaga_id == good.id]
    assert broken and broken[0].severity == "fel" and "bra.pdf" in broken[0].message
    assert [p.severity for p in problems if p.arende_id == a.id and "diarienummer" in p.message] == [
        "varning"]


def test_new_meeting_from_a_form_is_saved_with_the_template_in_one_go(org):
    m = org.meetings.new_meeting(org.namnd_organ.id, "2022-03-28")
    assert m.id is None and m.plats == "Samlingssalen, Marnäsliden" and m.starttid == "14:15"
    m.sluttid, m.plats = "12:00", "Rådhuset"
    with pytest.raises(ValidationError, match="Sluttiden 12:00 är inte efter starttiden 14:15"):
        org.meetings.create_from(m)
    assert m.id is None and org.meetings.meetings(org.namnd_organ.id) == []
    m.sluttid = "16:30"
    saved = org.meetings.create_from(m)
    assert (saved.plats, saved.sluttid, saved.antal_arenden) == ("Rådhuset", "16:30", 7)
    assert org.meetings.create_from(org.meetings.new_meeting(org.au.id, "2022-03-14"),
                                    use_template=False).antal_arenden == 0
