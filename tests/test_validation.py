"""Validation: Swedish messages that name the field, all errors at once, nothing saved."""

from __future__ import annotations

import pytest

from app.organisation import Kommun, Namnd, Person, Uppdrag
from app.validation import (
    Checker,
    ValidationError,
    clean_text,
    email_ok,
    luhn_ok,
    normalize_orgnr,
)


@pytest.mark.parametrize(("text", "normal"), [
    ("212000-0340", "212000-0340"),   # Oxelösunds kommun (seeds)
    ("2120000340", "212000-0340"),
    (" 212000-0340 ", "212000-0340"),
    ("556036-0793", "556036-0793"),   # an aktiebolag
    ("212000-0341", None),            # wrong check digit
    ("212000-034", None),             # too short
    ("21200-00340", None),            # dash in the wrong place
    ("21200O-0340", None),            # letter O for a zero
    ("", None),
])
def test_organisationsnummer(text, normal):
    assert normalize_orgnr(text) == normal


def test_luhn():
    assert luhn_ok("8112189876")  # the Skatteverket example number
    assert not luhn_ok("8112189875")
    assert luhn_ok("2120000340")
    # Every single-digit change is caught.
    for i in range(10):
        for d in "0123456789":
            changed = "2120000340"[:i] + d + "2120000340"[i + 1:]
            assert luhn_ok(changed) == (changed == "2120000340")


@pytest.mark.parametrize(("text", "ok"), [
    ("kommun@oxelosund.se", True),
    ("birgitta.lindqvist@oxelosund.se", True),
    ("  kommun@oxelosund.se ", True),
    ("kommun@oxelosund", False),
    ("kommun.oxelosund.se", False),
    ("@oxelosund.se", False),
    ("kom mun@oxelosund.se", False),
    ("kommun@@oxelosund.se", False),
])
def test_email(text, ok):
    assert email_ok(text) is ok


def test_clean_text_drops_soft_hyphens_and_nul():
    assert clean_text("  Ek\u00adström\x00 ") == "Ekström"
    assert clean_text(None) == ""


def test_checker_collects_every_error():
    check = Checker()
    check.required("namn", "  ", "Namnet")
    check.max_length("kortnamn", "x" * 13, "Kortnamnet", 12)
    check.required("ok", "finns", "Fältet")
    with pytest.raises(ValidationError) as caught:
        check.raise_if_any()
    assert caught.value.for_field("namn") == ["Namnet måste fyllas i."]
    assert caught.value.for_field("kortnamn") == ["Kortnamnet får vara högst 12 tecken (nu 13)."]
    assert caught.value.for_field("ok") == []
    assert str(caught.value) == "Namnet måste fyllas i.\nKortnamnet får vara högst 12 tecken (nu 13)."


def test_required_person_fields(session):
    svc = session.organisation
    with pytest.raises(ValidationError) as caught:
        svc.save_person(Person(fornamn=" ", efternamn="\u00ad", epost="inte-en-adress"))
    errors = caught.value
    assert errors.for_field("fornamn") == ["Förnamn måste fyllas i."]
    assert errors.for_field("efternamn") == ["Efternamn måste fyllas i."]
    assert errors.for_field("epost") == ["E-postadressen ”inte-en-adress” ser inte ut som en e-postadress."]
    assert svc.personer() == []


def test_tjansteman_needs_a_title(session):
    with pytest.raises(ValidationError) as caught:
        session.organisation.save_person(Person(fornamn="Annika", efternamn="Holm", ar_tjansteman=True))
    assert caught.value.for_field("titel") == [
        "En tjänsteman behöver en titel (t.ex. ”Förvaltningschef”)."]


def test_kommun_fields(session):
    svc = session.organisation
    with pytest.raises(ValidationError) as caught:
        svc.save_kommun(Kommun(namn="", organisationsnummer="212000-0341", epost="kommun@"))
    errors = caught.value
    assert errors.for_field("namn") == ["Kommunens namn måste fyllas i."]
    assert errors.for_field("organisationsnummer") == [
        "Organisationsnumret ”212000-0341” är inte giltigt (tio siffror, NNNNNN-NNNN, med rätt "
        "kontrollsiffra)."]
    assert errors.for_field("epost") == ["E-postadressen ”kommun@” ser inte ut som en e-postadress."]
    assert svc.kommun() is None
    saved = svc.save_kommun(Kommun(namn="Oxelösunds kommun", organisationsnummer="2120000340"))
    assert saved.organisationsnummer == "212000-0340"
    assert svc.kommun().organisationsnummer == "212000-0340"


@pytest.fixture
def organ(session):
    """The nämnd's own organ, and two people."""
    svc = session.organisation
    namnd = svc.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    organ = next(o for o in svc.organ(namnd.id) if o.typ == "nämnd")
    birgitta = svc.save_person(Person(fornamn="Birgitta", efternamn="Lindqvist", parti="S"))
    anders = svc.save_person(Person(fornamn="Anders", efternamn="Öberg", parti="M"))
    return svc, namnd, organ, birgitta, anders


def _seat(person, organ, roll, fran, till):
    return Uppdrag(person_id=person.id, organ_id=organ.id, roll=roll, fran=fran, till=till)


def test_uppdrag_periods_of_one_person_in_one_organ_must_not_overlap(organ):
    svc, _namnd, organ, birgitta, _anders = organ
    svc.save_uppdrag(_seat(birgitta, organ, "ledamot", "2023-01-01", "2026-12-31"))
    with pytest.raises(ValidationError) as caught:
        svc.save_uppdrag(_seat(birgitta, organ, "ersättare", "2026-06-01", "2027-12-31"))
    assert caught.value.for_field("fran") == [
        "Personen har redan ett uppdrag i organet som ledamot 2023-01-01 – 2026-12-31 som "
        "överlappar perioden."]
    # The next mandate period, starting the day after, is fine.
    svc.save_uppdrag(_seat(birgitta, organ, "ledamot", "2027-01-01", "2030-12-31"))
    assert [(u.fran, u.till) for u in svc.uppdrag(organ_id=organ.id)] == [
        ("2023-01-01", "2026-12-31"), ("2027-01-01", "2030-12-31")]


def test_an_uppdrag_may_be_edited_without_overlapping_itself(organ):
    svc, _namnd, organ, birgitta, _anders = organ
    seat = svc.save_uppdrag(_seat(birgitta, organ, "ledamot", "2023-01-01", "2026-12-31"))
    seat.till = "2025-06-30"
    svc.save_uppdrag(seat)
    assert svc.uppdrag(organ_id=organ.id)[0].till == "2025-06-30"


def test_two_ordforande_at_the_same_time_are_refused(organ):
    svc, namnd, organ, birgitta, anders = organ
    svc.save_uppdrag(_seat(birgitta, organ, "ordförande", "2023-01-01", "2026-12-31"))
    with pytest.raises(ValidationError) as caught:
        svc.save_uppdrag(_seat(anders, organ, "ordförande", "2025-01-01", "2025-12-31"))
    assert caught.value.for_field("roll") == [
        "Organet har redan en ordförande under perioden: Birgitta Lindqvist."]
    # Two ledamöter are normal, and an ordförande after hers is fine.
    svc.save_uppdrag(_seat(anders, organ, "ledamot", "2023-01-01", "2026-12-31"))
    other = svc.save_uppdrag(_seat(anders, organ, "ordförande", "2027-01-01", "2030-12-31"))
    assert other.id is not None
    # Ordförande in another organ at the same time is fine too.
    from app.organisation import Organ

    au = svc.save_organ(Organ(namnd_id=namnd.id, namn="Arbetsutskottet", typ="arbetsutskott"))
    svc.save_uppdrag(_seat(anders, au, "ordförande", "2023-01-01", "2026-12-31"))


def test_uppdrag_dates_and_role_are_checked(organ):
    svc, _namnd, organ, birgitta, _anders = organ
    with pytest.raises(ValidationError) as caught:
        svc.save_uppdrag(_seat(birgitta, organ, "kassör", "2023-02-30", "2026-12-31"))
    assert caught.value.for_field("roll")[0].startswith("Okänd roll ”kassör”")
    assert caught.value.for_field("fran") == [
        "Från-datum måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”2023-02-30”)."]
    with pytest.raises(ValidationError) as caught:
        svc.save_uppdrag(_seat(birgitta, organ, "ledamot", "2026-12-31", "2023-01-01"))
    assert caught.value.for_field("till") == [
        "Mandatperioden slutar (2023-01-01) före den börjar (2026-12-31)."]
    assert svc.uppdrag(organ_id=organ.id) == []
