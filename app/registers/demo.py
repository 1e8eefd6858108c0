"""Demo content of the registers (registered in app.demo.EXTENSIONS).

From a real nämnd's recorded meeting: the delegation list reported 2022-02-28 (eight
categories in their order, every entry shape), the four meddelanden, and the eight
decisions of the "Statistikrapport den 31 januari 2022", so that the report at that date
gives the recorded figures. Generated on top: a few years of delegationsbeslut and
meddelanden up to the demo's coming nämnd meeting (deterministic up to the end of the
year before the reference day, then up to that meeting's date), and later ej verkställda
beslut that do not touch the 2022-01-31 report. Every date moves with the demo's
reference day (app/demo_calendar.py): the years named here are those of a reference day
in 2026.

:func:`report_history` (run after the sammanträden demo) reports the entries dated up to
last month's held meeting at that meeting, so that the coming meeting lists only what came
in since, about as long as a real kallelse's lists, instead of every entry since 2022.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlite_utils import Database

from app import clock
from app.demo_calendar import DemoCalendar
from app.records import id_of
from app.registers.delegation import (
    Delegationsbeslut,
    DelegationService,
    Delegationsordning,
    Delegationspunkt,
    Kategori,
)
from app.registers.ej_verkstallda import EjVerkstalldaService, EjVerkstalltBeslut
from app.registers.meddelanden import Meddelande, MeddelandeService

# (name, default form) in the order a real kallelse prints them.
KATEGORIER = [("Au protokoll", "protokoll"), ("Biståndsbeslut", "period"), ("Kurser", "text"),
              ("Arbetsmiljö", "text"), ("Förordnanden", "beslut"), ("Delegationsbeslut", "beslut"),
              ("Anställningsavtal", "antal"), ("Fonder", "beslut")]

# (nummer, ärendetyp, delegat, lagrum, anmärkning)
PUNKTER_2021 = [
    ("1.1", "Beslut i brådskande ärenden som inte kan avvakta nämndens sammanträde", "Ordförande",
     "Kommunallagen 6 kap. 39 §", "Anmäls vid nästa sammanträde"),
    ("1.2", "Beslut om att inte lämna ut allmän handling", "Förvaltningschef",
     "Offentlighets- och sekretesslagen", ""),
    ("2.1", "Beslut om omfördelning av investeringsmedel inom nämndens ram", "Förvaltningschef", "", ""),
    ("2.2", "Beslut om attestanter", "Förvaltningschef", "", ""),
    ("3.1", "Beslut om bistånd i form av hemtjänst", "Biståndshandläggare", "Socialtjänstlagen", ""),
    ("3.2", "Beslut om bistånd i form av särskilt boende", "Enhetschef myndighet", "Socialtjänstlagen", ""),
    ("3.3", "Beslut om bostad med särskild service för vuxna (gruppbostad)", "Enhetschef myndighet",
     "Lagen om stöd och service till vissa funktionshindrade", ""),
    ("3.4", "Rapportering av ej verkställda gynnande beslut till IVO", "Verksamhetscontroller",
     "Socialtjänstlagen; lagen om stöd och service till vissa funktionshindrade", "Kvartalsvis"),
    ("4.1", "Anställning av personal", "Närmaste chef", "", "Redovisas som antal"),
    ("4.2", "Fördelning av arbetsmiljöuppgifter", "Förvaltningschef", "Arbetsmiljölagen", ""),
    ("4.3", "Förordnande av ställföreträdande förvaltningschef", "Förvaltningschef", "", ""),
    ("5.1", "Beslut om deltagande i kurser och konferenser", "Förvaltningschef", "", ""),
    ("6.1", "Beslut om utdelning ur donationsfonder", "Arbetsutskottet", "", ""),
]
PUNKTER_2023_ANDRADE = {
    "3.1": ("Beslut om bistånd i form av hemtjänst och trygghetslarm", "Biståndshandläggare",
            "Socialtjänstlagen", ""),
}
PUNKTER_2023_NYA = [("3.5", "Beslut om avgifter inom äldreomsorgen", "Avgiftshandläggare",
                     "Socialtjänstlagen", "")]

MEDDELANDEN_2022 = [
    ("VON 2022/44-73", "Utskrivningsklara januari 2022", date(2022, 2, 3), "Region Sörmland"),
    ("VON 2021/277-73", "Åtgärder efter delgivningen", date(2022, 2, 8), "Arbetsmiljöverket"),
    ("VON 2021/277-73", "C. Information om avslutat ärende från Arbetsmiljöverket för ärende 2021/059336",
     date(2022, 2, 14), "Arbetsmiljöverket"),
    ("VON 2021/174-73", "Beslut KF 2022-02-07 Antagande av program för mål och uppföljning av privata "
     "utförare", date(2022, 2, 15), "Kommunfullmäktige"),
]

# A real kallelse's "Statistikrapport den 31 januari 2022": insats, law, beslutsdatum, kön, orsak.
EVB_SEED = [
    ("LSS – gruppbostad", "LSS", date(2020, 1, 14), "M", 1),
    ("LSS – gruppbostad", "LSS", date(2020, 2, 17), "M", 1),
    ("Äldreboende – servicelägenhet", "SoL", date(2021, 8, 6), "K", 1),
    ("Äldreboende – demens", "SoL", date(2021, 8, 12), "M", 1),
    ("Äldreboende- demens", "SoL", date(2021, 9, 17), "M", 2),
    ("Äldreboende – traditionell", "SoL", date(2021, 9, 23), "K", 1),
    ("Äldreboende – servicelägenhet", "SoL", date(2021, 10, 28), "K", 1),
    ("Äldreboende - servicelägenhet", "SoL", date(2021, 10, 28), "M", 1),
]

KURSER = ["Funktionell sittställning", "Nätverksträff Språkfokus", "Demensdagarna",
          "Palliativ vård i livets slutskede", "Lågaffektivt bemötande",
          "Läkemedelshantering för baspersonal", "Dokumentation enligt ICF", "Brandskydd och HLR",
          "Nätverksträff kvalitet & utveckling"]
BESLUTSTEXTER = ["Överföring av investeringsmedel – Ehälsa", "Attestförteckning {ar}", "Yttrande till IVO "
                 "angående klagomål", "Beslut om att inte lämna ut allmän handling", "Omfördelning inom "
                 "investeringsramen – larm", "Tillfällig utökning av korttidsplatser", "Avtal om "
                 "läkarmedverkan i särskilt boende", "Utseende av dataskyddsombud"]
AVSANDARE = ["Inspektionen för vård och omsorg", "Kommunfullmäktige", "Kommunstyrelsen", "Region Sörmland",
             "Socialstyrelsen", "Arbetsmiljöverket", "Länsstyrelsen Södermanland",
             "Kommunala pensionärsrådet", "Funktionsrättsrådet", "Sveriges Kommuner och Regioner"]
MEDDELANDETEXTER = ["Utskrivningsklara {manad} {ar}", "Beslut KS {datum} Budgetdirektiv {nasta}",
                    "Tillsynsbeslut avseende särskilt boende", "Protokollsutdrag KPR {datum}",
                    "Cirkulär {ar}:{nr} Ändrade bestämmelser", "Information om avslutat tillsynsärende",
                    "Inbjudan till samråd om regional utvecklingsstrategi", "Beslut KF {datum} Taxor och "
                    "avgifter {nasta}"]
MANADER = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"]
INSATSER = [("Äldreboende – demens", "SoL"), ("Äldreboende – servicelägenhet", "SoL"),
            ("Äldreboende – traditionell", "SoL"), ("Korttidsvistelse", "SoL"), ("Dagverksamhet", "SoL"),
            ("LSS – gruppbostad", "LSS"), ("LSS – daglig verksamhet", "LSS"), ("LSS – kontaktperson", "LSS")]


def populate(db: Database, cal: DemoCalendar) -> None:
    row = db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()
    if row is None:
        return
    namnd_id = row[0]
    rng = random.Random(4)
    delegation, medd, evb = DelegationService(db), MeddelandeService(db), EjVerkstalldaService(db)
    with db.atomic():
        kat = {namn: id_of(delegation.save_kategori(Kategori(namnd_id=namnd_id, namn=namn,
                                                             standardform=form)))
               for namn, form in KATEGORIER}
        _delegationsordning(delegation, namnd_id, cal)
        _seed_delegationsbeslut(delegation, namnd_id, kat, cal)
        for dnr, rubrik, inkom, avsandare in MEDDELANDEN_2022:
            medd.save(Meddelande(namnd_id=namnd_id, dnr=cal.text(dnr), rubrik=cal.text(rubrik),
                                 inkom=cal.iso(inkom), avsandare=avsandare))
        for insats, lag, beslutad, kon, orsak in EVB_SEED:
            evb.save(EjVerkstalltBeslut(namnd_id=namnd_id, insats=insats, lag=lag,
                                        beslutsdatum=cal.iso(beslutad), kon=kon, orsak=orsak,
                                        erbjudanden=1 if orsak == 1 else 0))
        _generated(db, namnd_id, kat, rng, cal)


def _delegationsordning(svc: DelegationService, namnd_id: int, cal: DemoCalendar) -> None:
    svc.save_ordning(Delegationsordning(
        namnd_id=namnd_id, antagen=cal.iso("2021-12-15"), paragraf="§ 58",
        punkter=[Delegationspunkt(*p) for p in PUNKTER_2021]))
    punkter = []
    for nummer, arendetyp, delegat, lagrum, anm in PUNKTER_2021:
        if nummer in PUNKTER_2023_ANDRADE:
            arendetyp, delegat, lagrum, anm = PUNKTER_2023_ANDRADE[nummer]
        punkter.append(Delegationspunkt(nummer, arendetyp, delegat, lagrum, anm))
    punkter += [Delegationspunkt(*p) for p in PUNKTER_2023_NYA]
    punkter.sort(key=lambda p: [int(x) for x in p.nummer.split(".")])
    svc.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen=cal.iso("2023-03-20"), paragraf="§ 21",
                                        anteckning="Reviderad efter ny mandatperiod", punkter=punkter))


def _seed_delegationsbeslut(svc: DelegationService, namnd_id: int, kat: dict[str, int],
                            cal: DemoCalendar) -> None:
    """The list reported at the recorded meeting of 2022-02-28, every entry shape."""
    entries = [
        Delegationsbeslut(form="protokoll", kategori_id=kat["Au protokoll"], datum="2022-02-14",
                          paragrafer="§ 15-19", delegat="Arbetsutskottet"),
        Delegationsbeslut(form="period", kategori_id=kat["Biståndsbeslut"], datum="2021-12-01",
                          datum_till="2021-12-31", delegat="Biståndshandläggare"),
        Delegationsbeslut(form="period", kategori_id=kat["Biståndsbeslut"], datum="2022-01-01",
                          datum_till="2022-01-31", delegat="Biståndshandläggare"),
        Delegationsbeslut(form="text", kategori_id=kat["Kurser"], datum="2022-01-20",
                          beskrivning="Funktionell sittställning", delegat="Förvaltningschef", punkt="5.1"),
        Delegationsbeslut(form="text", kategori_id=kat["Kurser"], datum="2022-02-02",
                          beskrivning="Nätverksträff Språkfokus", delegat="Förvaltningschef", punkt="5.1"),
        Delegationsbeslut(form="text", kategori_id=kat["Arbetsmiljö"], datum="2022-01-10",
                          beskrivning="Johan Falk", delegat="Förvaltningschef", punkt="4.2"),
        Delegationsbeslut(form="text", kategori_id=kat["Arbetsmiljö"], datum="2022-01-10",
                          beskrivning="Leila Mansour", delegat="Förvaltningschef", punkt="4.2"),
        Delegationsbeslut(form="beslut", kategori_id=kat["Delegationsbeslut"], datum="2022-02-07",
                          dnr="VoN 2021/1", beskrivning="Överföring av investeringsmedel – Ehälsa",
                          delegat="Förvaltningschef", punkt="2.1"),
        Delegationsbeslut(form="antal", kategori_id=kat["Anställningsavtal"], datum="2022-02-28",
                          antal=227, delegat="Närmaste chef", punkt="4.1"),
    ]
    for b in entries:
        b.namnd_id = namnd_id
        # The AU's protokoll is dated as the AU's meeting is moved: on its weekday
        # (app/protokoll/demo.py), not merely by whole years.
        if b.form == "protokoll" and b.datum:
            b.datum = cal.meeting_day(b.datum).isoformat()
        else:
            b.datum = cal.iso(b.datum) if b.datum else b.datum
        b.datum_till = cal.iso(b.datum_till) if b.datum_till else b.datum_till
        b.dnr = cal.text(b.dnr) if b.dnr else b.dnr
        svc.save_beslut(b)


def _generated(db: Database, namnd_id: int, kat: dict[str, int], rng: random.Random,
               cal: DemoCalendar) -> None:
    """Monthly lists from the March after the recorded meeting up to the demo's coming
    nämnd meeting, as a real register grows."""
    delegation, medd, evb = DelegationService(db), MeddelandeService(db), EjVerkstalldaService(db)
    person = {r[1]: r[0] for r in db.execute("SELECT id, efternamn FROM person WHERE ar_tjansteman = 1")}
    from app.meetings.demo import meeting_day

    # The AU's § series continues after the recorded meeting's §§ 15–19 (app/protokoll/demo.py);
    # the AU of the sammanträden demo meets two weeks before the coming nämnd meeting, and
    # has no protokoll yet: no register entry may be dated on or after that day.
    counters = {"au": 20, "dnr": 2, "medd": 45}
    coming = meeting_day(cal.reference)
    au_before = coming - timedelta(days=14)
    month = cal.day(date(2022, 3, 1))
    while month < date(cal.reference.year, 1, 1):
        _month(delegation, medd, namnd_id, kat, person, month, rng, counters, au_before=au_before)
        month = _month_end(month) + timedelta(days=1)
    _ej_verkstallda(evb, namnd_id, rng, cal)
    # On up to the demo's coming meeting, whose lists are ready in its handlingar (its own
    # random stream, so the rows above stay the same whatever the day of the year).
    later = random.Random(26)
    while month <= coming:
        _month(delegation, medd, namnd_id, kat, person, month, later, counters, until=coming,
               au_before=au_before)
        month = _month_end(month) + timedelta(days=1)


def report_history(db: Database, cal: DemoCalendar) -> None:
    """Entries dated up to the nämnd's last held meeting (a period: by its last day) are
    reported at that meeting, not at the coming one; the coming meeting's two
    "Redovisning av …" ärenden are then written again with what is left (registered in
    app.demo.EXTENSIONS after the sammanträden demo, which filled them with everything)."""
    from app.registers.reporting import OPEN_STATUSES, ReportingService

    row = db.execute("SELECT o.id FROM organ o JOIN namnd n ON n.id = o.namnd_id "
                     "WHERE n.kortnamn = 'VON' AND o.typ = 'nämnd'").fetchone()
    if row is None:
        return
    today = clock.today_iso()
    marks = ",".join("?" * len(OPEN_STATUSES))
    meetings = db.execute(f"SELECT id, datum FROM sammantrade WHERE organ_id = ? AND status IN ({marks}) "
                          "ORDER BY datum", [row[0], *OPEN_STATUSES]).fetchall()
    held = [m for m in meetings if m[1] < today]
    coming = [m for m in meetings if m[1] >= today]
    if not held or not coming:
        return
    (held_id, held_day), coming_id = held[-1], coming[0][0]
    reporting = ReportingService(db)
    with db.atomic():
        for kind, table, day in (("delegationsbeslut", "delegationsbeslut", "COALESCE(datum_till, datum)"),
                                 ("meddelanden", "meddelande", "inkom")):
            ids = [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE anmald_sammantrade_id = ? "
                                            f"AND {day} <= ?", [coming_id, held_day])]
            if ids:
                reporting.move(kind, ids, held_id)
        reporting.fill(coming_id, assign=False, overwrite=True)


def _ej_verkstallda(evb: EjVerkstalldaService, namnd_id: int, rng: random.Random,
                    cal: DemoCalendar) -> None:
    """Later decisions not carried out in time; most are carried out after a while."""
    for _ in range(40):
        insats, lag = rng.choice(INSATSER)
        beslutad = cal.day(date(2022, 6, 1)) + timedelta(days=rng.randint(0, 1300))
        orsak = rng.choice([1, 1, 1, 2, 2, 3])
        done = beslutad + timedelta(days=rng.randint(95, 400))
        evb.save(EjVerkstalltBeslut(
            namnd_id=namnd_id, insats=insats, lag=lag, beslutsdatum=beslutad.isoformat(),
            kon=rng.choice("KM"), orsak=orsak, orsak_text="Väntar på ledig plats i önskat boende"
            if orsak == 3 else "", erbjudanden=rng.randint(1, 3) if orsak == 1 else 0,
            verkstallt=done.isoformat() if done < cal.day(date(2025, 9, 1)) else None))


def _month(delegation: DelegationService, medd: MeddelandeService, namnd_id: int, kat: dict[str, int],
           person: dict[str, int], month: date, rng: random.Random, counters: dict[str, int],
           until: date | None = None, au_before: date | None = None) -> None:
    """One month's delegationsbeslut and meddelanden, as a real register grows
    (``counters``: the running AU § and Dnr numbers), leaving out what is dated after
    ``until`` (a period: by its last day)."""
    last = (until or date.max).isoformat()
    end = _month_end(month)
    ar = month.year
    items = [Delegationsbeslut(form="period", kategori_id=kat["Biståndsbeslut"], datum=month.isoformat(),
                               datum_till=end.isoformat(), delegat="Biståndshandläggare"),
             Delegationsbeslut(form="antal", kategori_id=kat["Anställningsavtal"], datum=end.isoformat(),
                               antal=rng.randint(120, 260), delegat="Närmaste chef", punkt="4.1")]
    if month.month == 1:
        counters["au"] = 1  # one § series per organ and calendar year (docs/domain/paragraf-numbering.md)
    if month.month not in (7, 8):
        n, first = rng.randint(3, 5), counters["au"]
        au_day = month + timedelta(days=rng.randint(8, 15))
        if au_before is None or au_day < au_before:
            items.append(Delegationsbeslut(form="protokoll", kategori_id=kat["Au protokoll"],
                                           datum=au_day.isoformat(), paragrafer=f"§ {first}-{first + n - 1}",
                                           delegat="Arbetsutskottet"))
            counters["au"] += n
    for _ in range(rng.randint(0, 2)):
        items.append(Delegationsbeslut(form="text", kategori_id=kat["Kurser"],
                                       datum=_day_in(month, rng).isoformat(), beskrivning=rng.choice(KURSER),
                                       delegat_person_id=person.get("Holm"), punkt="5.1"))
    for _ in range(rng.randint(1, 3)):
        counters["dnr"] += 1
        text = rng.choice(BESLUTSTEXTER).format(ar=ar)
        items.append(Delegationsbeslut(form="beslut", kategori_id=kat["Delegationsbeslut"],
                                       datum=_day_in(month, rng).isoformat(),
                                       dnr=f"VON {ar}/{counters['dnr']}",
                                       beskrivning=text, delegat_person_id=person.get(
                                           rng.choice(["Holm", "Lundgren"])),
                                       punkt=rng.choice(["1.2", "2.1", "2.2"])))
    for b in items:
        final_day = b.datum_till or b.datum
        assert final_day is not None  # every generated entry has its day
        if final_day > last:
            continue
        b.namnd_id = namnd_id
        delegation.save_beslut(b)
    for _ in range(rng.randint(2, 6)):
        counters["medd"] += 1
        received = _day_in(month, rng)
        rubrik = rng.choice(MEDDELANDETEXTER).format(
            manad=MANADER[(month.month - 2) % 12], ar=ar, nasta=ar + 1, datum=received.isoformat(),
            nr=rng.randint(1, 40))
        if received.isoformat() > last:
            continue
        medd.save(Meddelande(namnd_id=namnd_id, dnr=f"VON {ar}/{counters['medd']}-73", rubrik=rubrik,
                             inkom=received.isoformat(), avsandare=rng.choice(AVSANDARE)))
    if month.month == 1:
        counters["dnr"], counters["medd"] = 1, 1


def _month_end(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _day_in(month: date, rng: random.Random) -> date:
    return month + timedelta(days=rng.randint(0, _month_end(month).day - 1))
