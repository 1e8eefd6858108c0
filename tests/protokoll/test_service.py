"""Protokoll services: närvaro, § numbering, votes, jäv, checks, bordlagda ärenden."""

from __future__ import annotations

from datetime import date

import pytest
from protokoll_fixtures import make_meeting, narvaro_by_name, ready

from app import richtext
from app.meetings import Arende
from app.organisation import OrganisationService
from app.protokoll.model import Anforande, Narvaro, Rost, Tjanstgoring, Votering
from app.protokoll.rostning import rakna
from app.validation import ValidationError

TODAY = date(2022, 3, 1)



@pytest.fixture
def meeting(po):
    return make_meeting(po)


def by_title(po, meeting_id, title):
    return next(p for p in po.svc.paragrafer.paragrafer(meeting_id) if p.rubrik.startswith(title))


def fel(problems):
    return [p.message for p in problems if p.severity == "fel"]


# -- närvaro -----------------------------------------------------------------------------
def test_start_lists_members_on_the_meeting_date(po, meeting):
    po.svc.start(meeting.id)
    people = po.svc.narvaro.narvaro(meeting.id)
    assert [(n.namn, n.grupp, n.roll, n.narvarande) for n in people] == [
        ("Åsa Bergkvist", "ledamot", "ordförande", True),
        ("Anders Öberg", "ledamot", "1:e vice ordförande", True),
        ("Yusuf Demir", "ledamot", "ledamot", True),
        ("Fatima Hassan", "ledamot", "ledamot", True),
        ("Karin Åkesson", "ledamot", "ledamot", True),
        ("Göran Persson Ek", "ersättare", "ersättare", False),
        ("Ingrid Backman", "ersättare", "ersättare", False),
        ("Rasmus Eriksson", "ersättare", "ersättare", False),
        ("Åsa Engberg", "övrig", "Nämndsekreterare", True),
    ]
    po.svc.start(meeting.id)  # idempotent
    assert len(po.svc.narvaro.narvaro(meeting.id)) == 9
    assert po.svc.narvaro.platser(meeting.id) == 5


def test_serving_ersattare_arrival_and_departure_decide_who_votes(po, meeting):
    ids = ready(po, meeting.id)
    paragrafer = po.svc.paragrafer.paragrafer(meeting.id)
    budget = by_title(po, meeting.id, "Budget")
    r1 = by_title(po, meeting.id, "Riktlinjer 1")
    # Fatima Hassan leaves after the budget §; Göran Persson Ek serves for her from the next one.
    hassan = po.svc.narvaro.get(ids["Hassan"])
    hassan.till_arende_id = budget.arende_id
    po.svc.narvaro.save(hassan)
    assert po.svc.narvaro.suggest_tjanstgoring(meeting.id) == []  # she is present (part of the time)
    po.svc.narvaro.save_tjanstgoring(Tjanstgoring(meeting.id, ids["Persson Ek"], ids["Hassan"],
                                                  fran_arende_id=r1.arende_id))
    assert po.svc.narvaro.get(ids["Persson Ek"]).narvarande  # serving means present
    # Yusuf Demir arrives at Riktlinjer 1.
    demir = po.svc.narvaro.get(ids["Demir"])
    demir.fran_arende_id = r1.arende_id
    po.svc.narvaro.save(demir)
    b = po.svc.narvaro.beslutande(meeting.id)
    names = {a: [d.namn for d in b[a].deltagare] for a in (budget.arende_id, r1.arende_id)}
    assert names[budget.arende_id] == ["Åsa Bergkvist", "Anders Öberg", "Fatima Hassan", "Karin Åkesson"]
    assert names[r1.arende_id] == ["Åsa Bergkvist", "Anders Öberg", "Yusuf Demir", "Göran Persson Ek",
                                   "Karin Åkesson"]
    deputy = b[r1.arende_id].deltagare[3]
    assert (deputy.roll, deputy.ersattare_for) == ("ersättare", "Fatima Hassan (S)")
    assert all(b[p.arende_id].beslutfor for p in paragrafer)
    # The first page says who served when.
    from app.protokoll.dokument import load_protokoll_docs

    docs = load_protokoll_docs(po.svc.db, meeting.id, TODAY)
    lines = docs.beslutande_rader()
    assert "Yusuf Demir (V), §§\u00a05–10" in lines
    assert "Fatima Hassan (S), §§\u00a01–4" in lines
    assert "Göran Persson Ek (S), tjänstgörande ersättare för Fatima Hassan (S), §§\u00a05–10" in lines


def test_suggested_ersattare_same_party_first(po, meeting):
    ids = ready(po, meeting.id)
    for name, present in (("Hassan", False), ("Demir", False), ("Backman", True), ("Eriksson", True)):
        n = po.svc.narvaro.get(ids[name])
        n.narvarande = present
        po.svc.narvaro.save(n)
    suggested = {(t.ersattare_id, t.for_id) for t in po.svc.narvaro.suggest_tjanstgoring(meeting.id)}
    # Demir (V) gets Eriksson (V); Hassan (S) gets the remaining one, Backman (M).
    assert suggested == {(ids["Eriksson"], ids["Demir"]), (ids["Backman"], ids["Hassan"])}


def test_not_beslutfor_when_half_or_fewer_take_part(po, meeting):
    ids = ready(po, meeting.id)
    for name in ("Hassan", "Demir", "Öberg"):
        n = po.svc.narvaro.get(ids[name])
        n.narvarande = False
        po.svc.narvaro.save(n)
    budget = by_title(po, meeting.id, "Budget")
    b = po.svc.narvaro.beslutande(meeting.id)[budget.arende_id]
    assert (b.antal, b.platser, b.beslutfor) == (2, 5, False)
    messages = [p.message for p in po.svc.check_before_print(meeting.id, TODAY)]
    assert ("§ 4: 2 av 5 ledamöter deltar; Vård- och omsorgsnämnden är inte beslutför (mer än hälften "
            "krävs, KL 6 kap 27 §).") in messages


def test_narvaro_validation(po, meeting):
    po.svc.start(meeting.id)
    other = make_meeting(po, "2022-03-28")
    foreign = po.org.arenden.arenden(other.id)[0].id
    with pytest.raises(ValidationError) as err:
        po.svc.narvaro.save(Narvaro(meeting.id, "", grupp="övrig", fran_arende_id=foreign))
    assert err.value.for_field("namn") == ["Namnet måste fyllas i."]
    assert "hör inte till sammanträdet" in err.value.for_field("fran_arende_id")[0]
    chef = po.svc.narvaro.save(Narvaro(meeting.id, "", grupp="övrig", person_id=po.person_id("Dufström")))
    assert (chef.namn, chef.roll) == ("Laila Dufström", "Tf förvaltningschef")
    with pytest.raises(ValidationError, match="finns redan i närvarolistan"):
        po.svc.narvaro.save(Narvaro(meeting.id, "", grupp="övrig", person_id=po.person_id("Dufström")))


# -- numbering ----------------------------------------------------------------------------
def test_numbers_continue_through_the_year_and_restart_next_year(po, meeting):
    po.svc.start(meeting.id)
    first = po.svc.paragrafer.numrering(meeting.id)
    assert (first.first, first.last) == (1, 10)
    march = make_meeting(po, "2022-03-28", extra_titles=1)
    po.svc.start(march.id)
    assert [p.label for p in po.svc.paragrafer.paragrafer(march.id)][:2] == ["§ 11", "§ 12"]
    # An ärende that utgår gets no § and the series closes up.
    p = by_title(po, meeting.id, "Riktlinjer 2")
    p.utfall = "utgår"
    po.svc.paragrafer.save(p)
    assert po.svc.paragrafer.numrering(meeting.id).last == 9
    assert po.svc.paragrafer.numrering(march.id).first == 10
    # A meeting whose protokoll is not begun does not take numbers.
    make_meeting(po, "2022-03-14")
    assert po.svc.paragrafer.numrering(march.id).first == 10
    # A new year starts again at the organ's start number.
    january = make_meeting(po, "2023-01-30", extra_titles=0)
    po.svc.start(january.id)
    assert po.svc.paragrafer.numrering(january.id).first == 1
    organ = po.org.namnd_organ
    organ.paragraf_startnummer = 5
    organ.paragraf_format = "§ {kod}.{år}.{nr}"
    OrganisationService(po.svc.db).save_organ(organ)
    numbers = po.svc.paragrafer.numrering(january.id)
    assert numbers.label(po.org.arenden.arenden(january.id)[0].id) == "§ VON.2023.5"
    assert numbers.range_text() == "VON.2023.5–VON.2023.12"
    # A protokoll can be given its own first number (program taken into use mid-year).
    head = po.svc.get(march.id)
    head.startnummer = 40
    po.svc.save(head)
    numbers = po.svc.paragrafer.numrering(march.id)
    assert (numbers.first, numbers.last) == (40, 48)


def test_justerat_numbers_stay_and_a_collision_is_reported(po, meeting):
    ready(po, meeting.id)
    po.svc.justera(meeting.id, "2022-03-04", today=date(2022, 3, 4))
    march = make_meeting(po, "2022-03-28", extra_titles=0)
    po.svc.start(march.id)
    assert po.svc.paragrafer.numrering(march.id).first == 11
    # A protokoll started later for an earlier meeting would take the justerade numbers.
    earlier = make_meeting(po, "2022-02-14", extra_titles=0)
    po.svc.start(earlier.id)
    numbers = po.svc.paragrafer.numrering(earlier.id)
    assert numbers.first == 1
    assert any("§ 1 används två gånger" in k for k in numbers.kollisioner)
    assert po.svc.paragrafer.numrering(meeting.id).first == 1  # stored, unchanged


# -- votes -----------------------------------------------------------------------------------
def _vote(b, votes: dict[int, str]) -> Votering:
    return Votering("", "bifall till förslaget", "avslag", [Rost(i, v) for i, v in votes.items()])


def test_vote_results_and_casting_vote(po, meeting):
    ids = ready(po, meeting.id)
    budget = by_title(po, meeting.id, "Budget")
    b = po.svc.narvaro.beslutande(meeting.id)[budget.arende_id]
    names = ("Bergkvist", "Öberg", "Demir", "Hassan", "Åkesson")
    ordf, vice, demir, hassan, akesson = (ids[n] for n in names)
    r = rakna(_vote(b, {ordf: "ja", vice: "nej", demir: "nej", hassan: "ja", akesson: "ja"}), b, "Nämnden")
    assert (r.ja, r.nej, r.avstar, r.vinnare, r.utslagsrost) == (3, 2, 0, "ja", False)
    assert r.text == ("Omröstningen utfaller med 3 ja-röster mot 2 nej-röster; 0 avstår. Nämnden har alltså "
                      "beslutat enligt ja-förslaget (bifall till förslaget).")
    tie = rakna(_vote(b, {ordf: "nej", vice: "ja", demir: "avstår", hassan: "nej", akesson: "ja"}), b,
                "Nämnden")
    assert (tie.ja, tie.nej, tie.avstar, tie.vinnare, tie.utslagsrost, tie.ordforande) == (
        2, 2, 1, "nej", True, "Åsa Bergkvist (S)")
    assert "ordföranden Åsa Bergkvist (S) röstade nej" in tie.text
    stuck = rakna(_vote(b, {ordf: "avstår", vice: "ja", demir: "nej", hassan: "nej", akesson: "ja"}), b)
    assert stuck.vinnare is None and "kan inte fälla utslag" in stuck.text
    one = rakna(_vote(b, {ordf: "ja", vice: "avstår", demir: "avstår", hassan: "avstår", akesson: "avstår"}),
                b)
    assert "1 ja-röst mot 0 nej-röster; 4 avstår" in one.text


def test_jav_removes_a_voter_and_the_vice_chairs(po, meeting):
    ids = ready(po, meeting.id)
    p = by_title(po, meeting.id, "Riktlinjer 1")
    p.jav = [ids["Bergkvist"]]
    po.svc.paragrafer.save(p)
    b = po.svc.narvaro.beslutande(meeting.id)
    mine = b[p.arende_id]
    assert ids["Bergkvist"] not in mine.ids() and mine.antal == 4
    assert mine.ordforande.namn == "Anders Öberg"
    assert mine.javiga == (ids["Bergkvist"],)
    assert ids["Bergkvist"] in b[by_title(po, meeting.id, "Budget").arende_id].ids()
    # A tie at that § is decided by the vice ordförande.
    tie = _vote(mine, {ids["Öberg"]: "ja", ids["Demir"]: "nej", ids["Hassan"]: "nej", ids["Åkesson"]: "ja"})
    assert rakna(tie, mine).vinnare == "ja"
    # An ersättare may serve for the jävig ledamot at that § only.
    ek = po.svc.narvaro.get(ids["Persson Ek"])
    po.svc.narvaro.save_tjanstgoring(
        Tjanstgoring(meeting.id, ek.id, ids["Bergkvist"], p.arende_id, p.arende_id))
    b = po.svc.narvaro.beslutande(meeting.id)
    assert ek.id in b[p.arende_id].ids()
    assert ek.id not in b[by_title(po, meeting.id, "Budget").arende_id].ids()


# -- the pre-print check -------------------------------------------------------------------------
def test_pre_print_check(po, meeting):
    po.svc.start(meeting.id)
    ids = narvaro_by_name(po, meeting.id)
    assert "Ingen justerare är utsedd." in fel(po.svc.check_before_print(meeting.id, TODAY))
    ready(po, meeting.id)
    assert fel(po.svc.check_before_print(meeting.id, TODAY)) == []
    p = by_title(po, meeting.id, "Riktlinjer 1")
    p.beslut = ""
    absent = po.svc.narvaro.get(ids["Demir"])
    absent.narvarande = False
    po.svc.narvaro.save(absent)
    p.reservationer = [Anforande("reservation", narvaro_id=ids["Demir"], text="Skriftlig motivering.")]
    p.voteringar = [Votering("Omröstning begärs.", "bifall", "avslag", [
        Rost(ids["Bergkvist"], "ja"), Rost(ids["Öberg"], "nej"), Rost(ids["Demir"], "nej")])]
    po.svc.paragrafer.save(p)
    errors = fel(po.svc.check_before_print(meeting.id, TODAY))
    assert "§ 5 ”Riktlinjer 1” saknar beslut." in errors
    assert "Reservation i § 5: Yusuf Demir (V) deltog inte i beslutet och kan inte reservera sig." in errors
    assert ("Omröstningen i § 5: Fatima Hassan (S), Karin Åkesson (M) deltar i beslutet men saknar röst "
            "(3 röster, 4 beslutande).") in errors
    assert "Omröstningen i § 5: Yusuf Demir (V) deltar inte i beslutet men har en röst registrerad." in errors
    with pytest.raises(ValidationError) as err:
        po.svc.justera(meeting.id, "2022-03-01", today=TODAY)
    assert "§ 5 ”Riktlinjer 1” saknar beslut." in str(err.value)


def test_justerare_must_be_a_present_member_not_the_chair(po, meeting):
    ids = ready(po, meeting.id)
    head = po.svc.get(meeting.id)
    for wrong, why in (("Bergkvist", "är ordförande"), ("Backman", "inte närvarande ledamot"),
                       ("Engberg", "inte närvarande ledamot")):
        head.justerare = [ids[wrong]]
        with pytest.raises(ValidationError, match=why):
            po.svc.save(head)
    head.justerare = [ids["Åkesson"], ids["Öberg"], ids["Demir"]]
    with pytest.raises(ValidationError, match="en eller två justerare"):
        po.svc.save(head)


def test_information_and_standard_defaults(po, meeting):
    ready(po, meeting.id)
    info = by_title(po, meeting.id, "Information från förvaltningen")
    assert richtext.to_plain_text(info.beslut) == "Informationen noteras."
    budget = by_title(po, meeting.id, "Budget")
    assert budget.beslutsunderlag == ["Tjänsteskrivelse daterad den 21 januari 2022."]
    assert budget.skickas_till == ["Förvaltningsledningen", "Ekonomer", "Akt"]
    assert not budget.sparad
    from app.protokoll.dokument import load_protokoll_docs

    docs = load_protokoll_docs(po.svc.db, meeting.id, TODAY)
    val = by_title(po, meeting.id, "Val av justerare")
    assert richtext.to_plain_text(docs.beslut(val)) == \
        "Karin Åkesson (M) utses att jämte ordföranden justera protokollet."


# -- bordlagda and återremitterade ärenden ----------------------------------------------------
def test_bordlagt_arende_is_offered_at_the_next_meeting_until_taken_up(po, meeting):
    ready(po, meeting.id)
    p = by_title(po, meeting.id, "Riktlinjer 2")
    p.utfall = "bordlagt"
    p.beslut = ""
    po.svc.paragrafer.save(p)
    from app.protokoll.dokument import load_protokoll_docs

    docs = load_protokoll_docs(po.svc.db, meeting.id, TODAY)
    assert richtext.to_plain_text(docs.beslut(docs.paragraf(p.arende_id))) == \
        "Vård- och omsorgsnämnden beslutar att bordlägga ärendet."
    march = po.org.meetings.create_meeting(po.org.namnd_organ.id, "2022-03-28")
    au_meeting = po.org.meetings.create_meeting(po.org.au.id, "2022-03-14")
    offered = po.svc.paragrafer.open_arenden(march.id)
    assert [(o.rubrik, o.utfall, o.label, o.datum) for o in offered] == [
        ("Riktlinjer 2", "bordlagt", "§ 6", "2022-02-28")]
    assert po.svc.paragrafer.open_arenden(au_meeting.id) == []  # another organ
    assert po.svc.paragrafer.open_arenden(meeting.id) == []  # not before itself
    copy = po.svc.paragrafer.take_up(p.arende_id, march.id)
    assert (copy.rubrik, copy.dnr, copy.kopierad_fran) == ("Riktlinjer 2", "2022/30", p.arende_id)
    assert po.svc.paragrafer.open_arenden(march.id) == []
    with pytest.raises(ValidationError, match="redan upptaget"):
        po.svc.paragrafer.take_up(p.arende_id, march.id)


def test_paragraf_validation(po, meeting):
    ids = ready(po, meeting.id)
    p = by_title(po, meeting.id, "Budget")
    p.utfall = "okänt"
    p.yrkanden = [Anforande("yrkande", narvaro_id=ids["Öberg"], text="")]
    p.voteringar = [Votering(roster=[Rost(ids["Öberg"], "kanske"), Rost(ids["Öberg"], "ja")])]
    with pytest.raises(ValidationError) as err:
        po.svc.paragrafer.save(p)
    messages = str(err.value)
    assert "Okänt utfall ”okänt”" in messages
    assert "Yrkande 1 (Anders Öberg (M)) saknar text." in messages
    assert "rösten ”kanske” är inte ja, nej eller avstår" in messages
    assert "Anders Öberg har röstat två gånger" in messages


def test_four_kinds_of_statements_stay_separate(po, meeting):
    ids = ready(po, meeting.id)
    p = by_title(po, meeting.id, "Budget")
    p.yrkanden = [Anforande("yrkande", narvaro_id=ids["Öberg"], text="Återremiss.")]
    p.reservationer = [Anforande("reservation", narvaro_id=ids["Öberg"])]
    p.sarskilda_yttranden = [Anforande("särskilt yttrande", "Vänsterpartiets grupp", "Yttrande.")]
    p.protokollsanteckningar = [Anforande("protokollsanteckning", narvaro_id=ids["Demir"], text="Noterar.")]
    p.beslut = richtext.from_html("<ol><li>Nämnden godkänner.</li><li>Nämnden uppdrar.</li></ol>")
    saved = po.svc.paragrafer.save(p)
    assert [(a.slag, a.namn) for a in saved.anforanden()] == [
        ("yrkande", "Anders Öberg (M)"), ("reservation", "Anders Öberg (M)"),
        ("särskilt yttrande", "Vänsterpartiets grupp"), ("protokollsanteckning", "Yusuf Demir (V)")]
    assert richtext.blocks(saved.beslut)[0].ordered


def test_status_cannot_be_set_to_justerat_by_hand(po, meeting):
    with pytest.raises(ValidationError, match="Okänd status ”justerat”"):
        po.org.meetings.set_status(meeting.id, "justerat")


def test_extra_arende_added_later_gets_a_number(po, meeting):
    ready(po, meeting.id)
    po.org.arenden.add(Arende(sammantrade_id=meeting.id, rubrik="Extra: Lokalfrågan", extra=True,
                              forslag_till_beslut=richtext.from_plain_text("Nämnden noterar.")))
    labels = [(p.label, p.rubrik) for p in po.svc.paragrafer.paragrafer(meeting.id)]
    assert ("§ 7", "Extra: Lokalfrågan") in labels
    assert labels[-1][0] == "§ 11"


def test_serving_conflicts_are_reported(po, meeting):
    ids = ready(po, meeting.id)
    hassan = po.svc.narvaro.get(ids["Hassan"])
    hassan.narvarande = False
    po.svc.narvaro.save(hassan)
    for name in ("Persson Ek", "Backman"):
        po.svc.narvaro.save_tjanstgoring(Tjanstgoring(meeting.id, ids[name], ids["Hassan"]))
    po.svc.narvaro.save_tjanstgoring(Tjanstgoring(meeting.id, ids["Eriksson"], ids["Demir"]))
    errors = fel(po.svc.check_before_print(meeting.id, TODAY))
    assert "I § 1 tjänstgör två ersättare för Fatima Hassan (S)." in errors
    assert ("Rasmus Eriksson (V) är angiven som tjänstgörande för Yusuf Demir (V), som själv deltar i "
            "§§ 1–10.") in errors
    # Only one of the two counts as beslutande.
    b = po.svc.narvaro.beslutande(meeting.id)[po.org.arenden.arenden(meeting.id)[0].id]
    assert b.antal == 5


def test_flags_for_omedelbar_and_written_reservation(po, meeting):
    ids = ready(po, meeting.id)
    p = by_title(po, meeting.id, "Budget")
    p.justeras_omedelbart = True
    p.reservationer = [Anforande("reservation", narvaro_id=ids["Öberg"], skriftlig=True)]
    po.svc.paragrafer.save(p)
    warnings = [x.message for x in po.svc.check_before_print(meeting.id, TODAY) if x.severity == "varning"]
    assert "§ 4 ska justeras omedelbart men är inte justerad än." in warnings
    assert ("Reservation i § 4: Anders Öberg (M) reserverar sig skriftligt, men motiveringen är inte "
            "inskriven.") in warnings
