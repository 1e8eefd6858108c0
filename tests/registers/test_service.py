"""Register services: delegationsordning versions, delegationsbeslut shapes, meddelanden,
ej verkställda beslut and the report's figures on a real kallelse's data."""

from __future__ import annotations

from datetime import date

import pytest

from app.organisation import Namnd
from app.registers import Registers
from app.registers.common import dnr_parts, find_personnummer
from app.registers.delegation import (
    BeslutFilter,
    Delegationsbeslut,
    Delegationsordning,
    Delegationspunkt,
    Kategori,
)
from app.registers.ej_verkstallda import EjVerkstalltBeslut, EvbFilter, add_months
from app.registers.meddelanden import Meddelande, MeddelandeFilter
from app.validation import ValidationError


@pytest.fixture
def reg(session):
    return Registers(session.db)


@pytest.fixture
def namnd_id(session):
    return session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id


@pytest.fixture
def demo_registers(demo_session):
    from demo_day import DEMO_DAY

    from app.demo_calendar import DemoCalendar
    from app.registers import demo

    if not demo_session.db.execute("SELECT 1 FROM delegationskategori").fetchone():
        demo.populate(demo_session.db, DemoCalendar(DEMO_DAY))
    von = demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    return Registers(demo_session.db), von


def test_personnummer_is_recognised_but_dnr_and_phone_numbers_are_not():
    assert find_personnummer("Beslut för 450101-1234 om boende") == "450101-XXXX"
    assert find_personnummer("19450101-1234") == "19450101-XXXX"
    assert find_personnummer("Samordningsnr 450161-1234") == "450161-XXXX"
    assert find_personnummer("4501011232") is None  # wrong check digit, no separator
    assert find_personnummer("8112189876") == "811218-XXXX"  # valid check digit
    assert find_personnummer("VON 2022/44-73") is None
    assert find_personnummer("ärende 2021/059336") is None
    assert find_personnummer("0240-866 85, 0701234560") is None
    assert find_personnummer("Organisationsnr 212000-2270") is None
    assert find_personnummer("2022-02-14 § 15-19") is None


def test_dnr_parts_sort_numerically():
    assert dnr_parts("VON 2022/44-73") == (2022, 44)
    assert dnr_parts("2022/9") == (2022, 9)
    assert dnr_parts("Okänd form") == (None, None)


def test_delegationsordning_versions_and_points(reg, namnd_id):
    svc = reg.delegation
    first = svc.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2021-12-15", punkter=[
        Delegationspunkt("3.1", "Bistånd i form av hemtjänst", "Biståndshandläggare", "Socialtjänstlagen"),
        Delegationspunkt("3.2", "Särskilt boende", "Enhetschef")]))
    svc.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2023-03-20", punkter=[
        Delegationspunkt("3.1", "Bistånd i form av hemtjänst", "Biståndshandläggare")]))
    assert [o.antagen for o in svc.ordningar(namnd_id)] == ["2023-03-20", "2021-12-15"]
    assert svc.ordning_i_kraft(namnd_id, "2022-06-01").id == first.id
    assert svc.ordning_i_kraft(namnd_id, "2021-01-01") is None
    assert svc.find_punkt(namnd_id, "3.2", "2022-06-01")[0] is not None
    assert svc.find_punkt(namnd_id, "3.2", "2023-06-01") == (
        None, "punkt 3.2 finns inte i delegationsordningen antagen 2023-03-20")
    with pytest.raises(ValidationError) as err:
        svc.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2021-12-15", punkter=[
            Delegationspunkt("1", "A", "B"), Delegationspunkt("1", "", "B"),
            Delegationspunkt("2", "Beslut om 450101-1234", "C")]))
    assert err.value.for_field("antagen") == ["Det finns redan en delegationsordning antagen 2021-12-15."]
    assert err.value.for_field("punkter") == [
        "Punkt 1 finns två gånger (rad 1 och 2).", "Punkt 1: ärendetyp saknas.",
        "Punkt 2: ärendetypen ser ut att innehålla ett personnummer (”450101-XXXX”). Personnummer får "
        "inte föras in i registret."]


def test_every_entry_shape_of_seed_004(reg, namnd_id):
    svc = reg.delegation
    kat = {n: svc.save_kategori(Kategori(namnd_id=namnd_id, namn=n)).id
           for n in ("Au protokoll", "Biståndsbeslut", "Delegationsbeslut", "Anställningsavtal", "Fonder")}
    items = [
        Delegationsbeslut(namnd_id, "protokoll", kat["Au protokoll"], "2022-02-14", paragrafer="§ 15-19"),
        Delegationsbeslut(namnd_id, "period", kat["Biståndsbeslut"], "2021-12-01", "2021-12-31"),
        Delegationsbeslut(namnd_id, "beslut", kat["Delegationsbeslut"], "2022-02-07", dnr="VoN 2021/1",
                          beskrivning="Överföring av investeringsmedel – Ehälsa", delegat="Förvaltningschef"),
        Delegationsbeslut(namnd_id, "antal", kat["Anställningsavtal"], "2022-02-28", antal=227),
        Delegationsbeslut(namnd_id, "text", None, beskrivning="Funktionell sittställning"),
    ]
    for b in items:
        svc.save_beslut(b)
    texts = [b.entry_text() for b in svc.beslut([b.id for b in items])]
    assert texts == ["2022-02-14 § 15-19", "2021-12-01 – 2021-12-31",
                     "VoN 2021/1 Överföring av investeringsmedel – Ehälsa", "227",
                     "Funktionell sittställning"]
    assert svc.get_beslut(items[2].id).kategori_namn == "Delegationsbeslut"
    assert svc.count(BeslutFilter(namnd_id=namnd_id, kategori_id=kat["Fonder"])) == 0
    assert svc.count(BeslutFilter(namnd_id=namnd_id, kategori_id=0)) == 1
    assert svc.count(BeslutFilter(namnd_id=namnd_id, text="ehälsa")) == 1
    assert svc.count(BeslutFilter(namnd_id=namnd_id, text="100%")) == 0
    assert svc.count(BeslutFilter(namnd_id=namnd_id, fran=date(2022, 1, 1), till=date(2022, 2, 10))) == 1
    # A period overlapping the range counts as inside it.
    assert svc.count(BeslutFilter(namnd_id=namnd_id, fran=date(2021, 12, 15), till=date(2021, 12, 20))) == 1


def test_delegationsbeslut_rules(reg, namnd_id, session):
    svc = reg.delegation
    with pytest.raises(ValidationError) as err:
        svc.save_beslut(Delegationsbeslut(namnd_id, "period", None, "2022-01-31", "2022-01-01"))
    assert err.value.for_field("datum_till") == ["Perioden slutar (2022-01-01) före den börjar (2022-01-31)."]
    with pytest.raises(ValidationError) as err:
        svc.save_beslut(Delegationsbeslut(namnd_id, "beslut", None, "2022-02-30",
                                          beskrivning="Bistånd till 19450101-1234"))
    assert err.value.for_field("datum") == ["Datum måste vara ett datum som ÅÅÅÅ-MM-DD (nu: ”2022-02-30”)."]
    assert "personnummer" in err.value.for_field("beskrivning")[0]
    with pytest.raises(ValidationError) as err:
        svc.save_beslut(Delegationsbeslut(namnd_id, "antal", None, antal=None))
    assert err.value.for_field("antal") == ["Antalet måste fyllas i."]
    svc.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2021-12-15", punkter=[
        Delegationspunkt("2.1", "Investeringsmedel", "Förvaltningschef")]))
    with pytest.raises(ValidationError) as err:
        svc.save_beslut(Delegationsbeslut(namnd_id, "beslut", None, "2022-02-07", beskrivning="X",
                                          punkt="9.9"))
    assert err.value.for_field("punkt") == ["Punkt 9.9 finns inte i delegationsordningen antagen 2021-12-15."]
    ok = svc.save_beslut(Delegationsbeslut(namnd_id, "beslut", None, "2022-02-07", beskrivning="X",
                                           punkt="2.1"))
    assert ok.punkt_id is not None
    other = session.organisation.save_namnd(Namnd("Socialnämnden", "SN")).id
    foreign = svc.save_kategori(Kategori(namnd_id=other, namn="Kurser"))
    with pytest.raises(ValidationError) as err:
        svc.save_beslut(Delegationsbeslut(namnd_id, "text", foreign.id, beskrivning="Kurs"))
    assert err.value.for_field("kategori_id") == ["Kategorin hör inte till nämnden."]


def test_categories_keep_their_order(reg, namnd_id):
    svc = reg.delegation
    ids = [svc.save_kategori(Kategori(namnd_id=namnd_id, namn=n)).id for n in ("A", "B", "C")]
    svc.move_kategori(ids[2], -2)
    assert [k.namn for k in svc.kategorier(namnd_id)] == ["C", "A", "B"]
    with pytest.raises(ValidationError, match="redan en kategori"):
        svc.save_kategori(Kategori(namnd_id=namnd_id, namn="a"))


def test_sorting_is_swedish_and_dnr_numeric(reg, namnd_id):
    svc = reg.delegation
    for text, dnr in (("Örebro", "2022/10"), ("Åmål", "2022/9"), ("Zenit", "2021/300"), ("Ängel", "")):
        svc.save_beslut(Delegationsbeslut(namnd_id, "beslut", None, "2022-01-01", beskrivning=text, dnr=dnr))
    f = BeslutFilter(namnd_id=namnd_id)
    names = lambda ids: [b.beskrivning for b in svc.beslut(ids)]  # noqa: E731
    assert names(svc.beslut_ids(f, "beskrivning", descending=False)) == ["Zenit", "Åmål", "Ängel", "Örebro"]
    assert names(svc.beslut_ids(f, "dnr", descending=False)) == ["Zenit", "Åmål", "Örebro", "Ängel"]


def test_meddelanden(reg, namnd_id):
    svc = reg.meddelanden
    m = svc.save(Meddelande(namnd_id, "Utskrivningsklara januari 2022", "VON 2022/44-73", "2022-02-03",
                            "Region Sörmland"))
    assert svc.get(m.id).entry_text() == "VON 2022/44-73 Utskrivningsklara januari 2022"
    assert svc.count(MeddelandeFilter(namnd_id=namnd_id, text="sörmland")) == 1
    assert svc.count(MeddelandeFilter(namnd_id=namnd_id, anmald=False)) == 1
    with pytest.raises(ValidationError) as err:
        svc.save(Meddelande(namnd_id, "", avsandare="Anna 850709-9805"))
    assert err.value.for_field("rubrik") == ["Rubriken måste fyllas i."]
    assert err.value.for_field("avsandare")[0].startswith("Avsändaren ser ut att innehålla ett personnummer")


def test_three_months_and_days():
    assert add_months(date(2021, 10, 28), 3) == date(2022, 1, 28)
    assert add_months(date(2021, 11, 30), 3) == date(2022, 2, 28)
    b = EjVerkstalltBeslut(insats="LSS – gruppbostad", beslutsdatum="2020-01-14")
    assert b.dagar(date(2022, 1, 31)) == 748
    on_time = EjVerkstalltBeslut(insats="X", beslutsdatum="2021-10-31")
    assert not on_time.reportable_on(date(2022, 1, 31))  # three months end that very day
    assert on_time.reportable_on(date(2022, 2, 1))


def test_evb_rules(reg, namnd_id):
    svc = reg.evb
    with pytest.raises(ValidationError) as err:
        svc.save(EjVerkstalltBeslut(namnd_id, insats="Boende för 19450101-1234", lag="HSL",
                                    beslutsdatum="2022-01-10", avbrott="2021-12-01", kon="X", orsak=4))
    fields = {e.field for e in err.value.errors}
    assert fields == {"insats", "lag", "kon", "orsak", "avbrott"}
    assert err.value.for_field("avbrott") == [
        "Avbrott-datumet (2021-12-01) är före beslutsdatumet (2022-01-10)."]
    first = svc.save(EjVerkstalltBeslut(namnd_id, "Äldreboende – demens", "SoL", "2021-08-12", kon="M",
                                        orsak=1))
    assert (first.tackat_nej, first.erbjudanden) == (1, 1)
    variant = svc.save(EjVerkstalltBeslut(namnd_id, "äldreboende- demens", "SoL", "2021-09-17", kon="M",
                                          orsak=2))
    assert variant.insats == "Äldreboende – demens"


def test_report_reproduces_seed_004(demo_registers):
    reg, von = demo_registers
    rapport = reg.evb.rapport(von, "2022-01-31")
    assert rapport.rubrik == "Statistikrapport den 31 januari 2022"
    assert (rapport.antal, rapport.kvinnor, rapport.man, rapport.tackat_nej) == (8, 3, 5, 7)
    assert rapport.per_insats() == [("LSS – gruppbostad", 2), ("Äldreboende – demens", 2),
                                    ("Äldreboende – servicelägenhet", 3), ("Äldreboende – traditionell", 1)]
    # The kallelse prints 176 days for 2021-08-06, which is 178 days before 2022-01-31 (its
    # other seven rows agree with their dates); the program computes, it does not copy.
    assert [(r.beslutsdatum, r.dagar, r.kon, r.orsak) for r in rapport.rader] == [
        ("2020-01-14", 748, "M", 1), ("2020-02-17", 714, "M", 1), ("2021-08-06", 178, "K", 1),
        ("2021-08-12", 172, "M", 1), ("2021-09-17", 136, "M", 2), ("2021-09-23", 130, "K", 1),
        ("2021-10-28", 95, "K", 1), ("2021-10-28", 95, "M", 1)]
    # A month earlier the two October decisions were still inside their three months.
    assert reg.evb.rapport(von, "2021-12-31").antal == 6


def test_report_leaves_out_carried_out_closed_and_resumed(reg, namnd_id):
    svc = reg.evb
    svc.save(EjVerkstalltBeslut(namnd_id, "Korttid", "SoL", "2021-01-10", kon="K", orsak=2,
                                verkstallt="2021-12-01"))
    svc.save(EjVerkstalltBeslut(namnd_id, "Korttid", "SoL", "2021-01-10", kon="M", orsak=2,
                                avslutat="2022-02-01"))
    svc.save(EjVerkstalltBeslut(namnd_id, "LSS – kontaktperson", "LSS", "2020-05-01", avbrott="2021-12-01",
                                kon="K", orsak=3, orsak_text="Ny kontaktperson söks"))
    rapport = svc.rapport(namnd_id, date(2022, 1, 31))
    assert [(r.insats, r.kon) for r in rapport.rader] == [("Korttid", "M")]
    later = svc.rapport(namnd_id, date(2022, 3, 15))
    assert [(r.insats, r.dagar) for r in later.rader] == [("LSS – kontaktperson", 104)]
    assert later.per_lag() == {"LSS": 1}
    assert svc.ids(EvbFilter(namnd_id=namnd_id, status="oppna")) == [later_id(svc, namnd_id)]


def later_id(svc, namnd_id):
    return next(b.id for b in svc.beslut(svc.ids(EvbFilter(namnd_id=namnd_id)))
                if b.verkstallt is None and b.avslutat is None)


def test_demo_registers_feel_real(demo_registers):
    reg, von = demo_registers
    assert reg.delegation.count(BeslutFilter(namnd_id=von)) > 250
    assert reg.meddelanden.count(MeddelandeFilter(namnd_id=von)) > 150
    assert [k.namn for k in reg.delegation.kategorier(von)] == [
        "Au protokoll", "Biståndsbeslut", "Kurser", "Arbetsmiljö", "Förordnanden", "Delegationsbeslut",
        "Anställningsavtal", "Fonder"]
    assert len(reg.delegation.ordningar(von)) == 2
