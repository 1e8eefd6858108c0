"""Demo protokoll (registered in :data:`app.demo.EXTENSIONS`, after the sammanträden).

* The arbetsutskott's meeting of 2022-02-14 that the recorded nämnd meeting refers to
  ("Au protokoll 2022-02-14 § 15-19" in the delegation list, the extracts "§ 15" and
  "§ 17"): its protokoll with §§ 15–19 (the AU had met before that year, so the
  protokoll starts at 15), justerat and posted 2022-02-16 (the date on the recorded
  extract), with the utdrag sent to each recipient. Its dates and years move with the
  demo's reference day (app/demo_calendar.py); the meeting stays on a Monday.
* The recorded nämnd meeting of the sammanträden demo (a few weeks ahead): its
  protokoll written and ready for signing (an ersättare serving for an absent ledamot,
  another from the § after a ledamot left, officials for their §§, one vote with a
  reservation, a protokollsanteckning), not yet justerat because the meeting has not
  happened.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from app import richtext
from app.demo_calendar import DemoCalendar
from app.meetings import Arende, ArendeService, MeetingService
from app.organisation import OrganisationService
from app.protokoll.model import Anforande, Narvaro, Protokollinstallning, Rost, Tjanstgoring, Votering
from app.protokoll.service import ProtokollService
from app.records import id_of

FORVARINGSPLATS = "Socialförvaltningen, Höjdgatan 26, Oxelösund"
JUSTERINGSPLATS = "Socialförvaltningen, Höjdgatan 26"
AU_DAY, AU_JUSTERAT = date(2022, 2, 14), date(2022, 2, 16)

AU_BUDGET_BESLUT = "Vård- och omsorgsnämndens arbetsutskott godkänner den muntliga redovisningen."
AU_BUDGET_BESKRIVNING = (
    "Vård- och omsorgsnämndens arbetsutskott får ta del av en muntlig presentation av "
    "budgetuppföljningen för januari 2022."
)
SERVING_BESLUT = (
    "Arbetsutskottet föreslår vård- och omsorgsnämnden att anta riktlinjer för alkoholserving, "
    "daterade den 17 januari 2022."
)
SERVING_BESKRIVNING = (
    "Sedan 2012 är det tillåtet, enligt alkohollagen 2010:1 622, att servera alkoholdrycker, d.v.s. "
    "spritdrycker, vin, starköl och andra jästa alkoholdrycker till de boende och deras besökare på "
    "särskilda boenden där man erbjuder måltidsservice. Det krävs inget serveringstillstånd och den "
    "som är ansvarig för verksamheten behöver inte anmäla till kommunen att det bedrivs "
    "alkoholserving. De alkoholhaltiga dryckerna ska köpas på Systembolaget.\n\n"
    "Förvaltningen har tagit fram förslag på riktlinjer för alkoholservingen. Riktlinjernas syfte är "
    "att ge stöd och vägledning för servering av alkohol, utan serveringstillstånd, inom särskilda "
    "boenden där måltidsservice tillhandahålls."
)
EVB_RUBRIK = (
    "Vård- och omsorgsnämndens rapport angående antal beslut som inte verkställts till och med "
    "31 januari 2022"
)
EVB_BESLUT = (
    "Arbetsutskottet föreslår vård- och omsorgsnämnden att ta del av och godkänna förvaltningens "
    "rapport och översända rapporten till kommunfullmäktige för kännedom."
)
EVB_BESKRIVNING = (
    "Sedan den 1 juli 2006 gäller bestämmelser i socialtjänstlagen och lagen om stöd och service, "
    "LSS, vilket syftar till att stärka rättssäkerheten för den enskilda som beviljats bistånd.\n\n"
    "Varje kvartal rapporterar vård- och omsorgsförvaltningen till IVO vilka gynnande beslut som inte "
    "verkställts inom skälig tid.\n\n"
    "Denna rapport avser de uppgifter som fanns tillgängliga den 31 januari 2022."
)
INFO_FORVALTNING = (
    "Socialchefen informerar om rekryteringen av sjuksköterskor inför sommaren och om läget i hemtjänsten."
)
INFO_ORDFORANDE = "Ordföranden informerar om mötet med kommunstyrelsens arbetsutskott den 9 februari."


def _rich(text: str) -> str:
    return richtext.from_plain_text(text)


class _Demo:
    def __init__(self, db: Database, cal: DemoCalendar):
        self.db = db
        self.cal = cal
        self.svc = ProtokollService(db)
        self.meetings = MeetingService(db)
        self.arenden = ArendeService(db)
        org = OrganisationService(db)
        von = next(n for n in org.namnder() if n.kortnamn == "VON")
        organ = {o.typ: o for o in org.organ(von.id)}
        self.namnd, self.au = organ["nämnd"], organ["arbetsutskott"]
        self.people = {p.namn: p for p in org.personer()}

    def settings(self) -> None:
        for organ in (self.namnd, self.au):
            self.svc.save_installning(Protokollinstallning(id_of(organ), 14, FORVARINGSPLATS))

    def person(self, meeting_id: int, namn: str, grupp: str, roll: str = "", **kw) -> Narvaro:
        """``namn`` present in ``grupp``: the row the register's seats gave, or a new one."""
        listed = self.ids(meeting_id).get(namn)
        if listed is None:
            return self.svc.narvaro.save(
                Narvaro(meeting_id, "", grupp=grupp, roll=roll, person_id=self.people[namn].id, **kw)
            )
        row = self.svc.narvaro.get(listed)
        row.grupp, row.roll, row.narvarande = grupp, roll or row.roll, True
        for key, value in kw.items():
            setattr(row, key, value)
        return self.svc.narvaro.save(row)

    def ids(self, meeting_id: int) -> dict[str, int]:
        return {n.namn: id_of(n) for n in self.svc.narvaro.narvaro(meeting_id)}

    # -- the arbetsutskott, 2022-02-14 ---------------------------------------------------
    def au_meeting(self) -> None:
        t = self.cal.text  # the recorded meeting's years move with the demo's reference day
        au_day = self.cal.meeting_day(AU_DAY)
        au_justerat = au_day + (AU_JUSTERAT - AU_DAY)
        m = self.meetings.create_meeting(
            id_of(self.au), au_day, starttid="13:00", plats="Sammanträdesrum Ankaret", use_template=False
        )
        mid = id_of(m)
        m.sluttid = "14:40"
        self.meetings.save_meeting(m)
        add = self.arenden.add
        budget = add(
            Arende(
                sammantrade_id=mid,
                rubrik=t("Budgetuppföljning januari 2022"),
                dnr=t("2021/1"),
                typ="information",
                skickas_till=["Akt"],
            )
        )
        serving = add(
            Arende(
                sammantrade_id=mid,
                rubrik="Riktlinjer för alkoholserving",
                dnr=t("2022/29"),
                datum=self.cal.iso("2022-01-21"),
                skickas_till=["Förvaltningsledning", "Enhetschefer, kostenheten", "Insidan", "Akt"],
            )
        )
        evb = add(
            Arende(
                sammantrade_id=mid,
                rubrik=t(EVB_RUBRIK),
                dnr=t("2022/2"),
                datum=self.cal.iso("2022-02-02"),
                skickas_till=["Vård- och omsorgsnämnden", "Akt"],
            )
        )
        add(
            Arende(
                sammantrade_id=mid,
                rubrik="Information från förvaltningen",
                typ="information",
                beskrivning=_rich(INFO_FORVALTNING),
            )
        )
        add(
            Arende(
                sammantrade_id=mid,
                rubrik="Information från ordförande",
                typ="information",
                beskrivning=_rich(INFO_ORDFORANDE),
            )
        )
        head = self.svc.start(mid)
        self.person(mid, "Birgitta Lindqvist", "ledamot", "ordförande")
        self.person(mid, "Anders Öberg", "ledamot", "1:e vice ordförande")
        self.person(mid, "Mikael Ståhl", "ledamot", "ledamot")
        self.person(mid, "Fatima Hassan", "ersättare", "ersättare")
        if "Åsa Engström" not in self.ids(mid):
            self.person(mid, "Åsa Engström", "övrig")
        self.person(mid, "Annika Holm", "övrig", till_arende_id=self.arenden.arenden(mid)[3].id)
        self.person(mid, "Camilla Berg", "övrig", fran_arende_id=budget.id, till_arende_id=budget.id)
        texts = {
            budget.id: (AU_BUDGET_BESLUT, AU_BUDGET_BESKRIVNING, []),
            serving.id: (
                SERVING_BESLUT,
                SERVING_BESKRIVNING,
                [
                    "Tjänsteskrivelse daterad den 21 januari 2022.",
                    "Riktlinjer för alkoholserving, daterade den 17 januari 2022.",
                ],
            ),
            evb.id: (
                EVB_BESLUT,
                EVB_BESKRIVNING,
                ["Tjänsteskrivelse daterad den 2 februari 2022.", "Statistikrapport den 31 januari 2022."],
            ),
        }
        for p in self.svc.paragrafer.paragrafer(mid):
            if p.arende_id in texts:
                beslut, beskrivning, underlag = self.cal.deep(texts[p.arende_id])
                p.beslut, p.beskrivning, p.beslutsunderlag = _rich(beslut), _rich(beskrivning), underlag
                self.svc.paragrafer.save(p)
        head = self.svc.get(mid)
        head.startnummer = 15  # §§ 1–14 were at the AU's meetings before the program was used
        head.justerare = [self.ids(mid)["Anders Öberg"]]
        head.justering_plats, head.justering_tid = JUSTERINGSPLATS, "09:00"
        head.justering_datum = head.anslag_datum = au_justerat.isoformat()
        self.svc.save(head)
        j = self.svc.justera(mid, au_justerat, today=au_justerat)
        self.svc.mark_anslaget(j.id, au_justerat, today=au_justerat)
        self.svc.skicka_utdrag(mid, "Åsa Engström", au_justerat, today=au_justerat)

    # -- the nämnd's recorded meeting (ahead) ---------------------------------------------
    def namnd_meeting(self) -> None:
        candidates = [
            m for m in self.meetings.meetings(self.namnd.id) if m.status not in ("justerat", "anslaget")
        ]
        m = next(
            (
                m
                for m in reversed(candidates)
                if any(a.rubrik.startswith("Riktlinjer för alkohol") for a in self.arenden.arenden(id_of(m)))
            ),
            None,
        )
        if m is None:
            return  # the sammanträden demo is not there
        mid = id_of(m)
        m.sluttid = "16:45"
        self.meetings.save_meeting(m)
        self.svc.start(mid)
        agenda = {a.rubrik: a for a in self.arenden.arenden(mid)}

        def item(prefix: str) -> Arende:
            return next(a for title, a in agenda.items() if title.startswith(prefix))

        ids = self.ids(mid)
        absent = self.svc.narvaro.get(ids["Margareta Häll"])
        absent.narvarande = False
        self.svc.narvaro.save(absent)
        leaving = self.svc.narvaro.get(ids["Sofia Nyström"])
        leaving.till_arende_id = item("Genomlysning av hemtjänsten").id
        self.svc.narvaro.save(leaving)
        for namn in ("Ulla Sjöberg", "Nils Andersson", "Ingrid Backman"):
            present = self.svc.narvaro.get(ids[namn])
            present.narvarande = True
            self.svc.narvaro.save(present)
        self.svc.narvaro.save_tjanstgoring(Tjanstgoring(mid, ids["Ulla Sjöberg"], ids["Margareta Häll"]))
        self.svc.narvaro.save_tjanstgoring(
            Tjanstgoring(
                mid, ids["Nils Andersson"], ids["Sofia Nyström"], fran_arende_id=item("Uppdragsarbete").id
            )
        )
        budget, riktlinjer = item("Budgetuppföljning"), item("Riktlinjer för alkohol")
        self.person(mid, "Annika Holm", "övrig")
        self.person(mid, "Camilla Berg", "övrig", fran_arende_id=budget.id, till_arende_id=budget.id)
        self.person(
            mid,
            "Peter Lundgren",
            "övrig",
            fran_arende_id=riktlinjer.id,
            till_arende_id=item("Genomlysning av hemtjänsten").id,
        )
        self.person(
            mid,
            "Johan Falk",
            "övrig",
            fran_arende_id=item("Genomlysning av hemtjänsten").id,
            till_arende_id=item("Uppdragsarbete").id,
        )
        ids = self.ids(mid)
        p = self.svc.paragrafer.get(id_of(riktlinjer))
        p.yrkanden = [
            Anforande(
                "yrkande", narvaro_id=ids["Birgitta Lindqvist"], text="Bifall till arbetsutskottets förslag."
            ),
            Anforande("yrkande", narvaro_id=ids["Mikael Ståhl"], text="Avslag på förslaget."),
        ]
        p.propositionsordning = _rich(
            "Ordföranden ställer proposition på bifall till arbetsutskottets förslag mot avslag och "
            "finner att nämnden bifaller arbetsutskottets förslag. Omröstning begärs och ska verkställas."
        )
        voters = self.svc.narvaro.beslutande(mid)[id_of(riktlinjer)].deltagare
        votes = {ids["Mikael Ståhl"]: "nej", ids["Lars Ekström"]: "nej", ids["Ulla Sjöberg"]: "avstår"}
        p.voteringar = [
            Votering(
                "Omröstning begärs.",
                "bifall till arbetsutskottets förslag",
                "Mikael Ståhls (SD) yrkande om avslag",
                [Rost(d.narvaro_id, votes.get(d.narvaro_id, "ja")) for d in voters],
            )
        ]
        p.reservationer = [
            Anforande(
                "reservation",
                narvaro_id=ids["Mikael Ståhl"],
                skriftlig=True,
                text=(
                    "Sverigedemokraterna reserverar sig till förmån för eget yrkande. Riktlinjerna borde ha "
                    "remitterats till pensionärsrådet innan de antogs."
                ),
            )
        ]
        self.svc.paragrafer.save(p)
        genomlysning = self.svc.paragrafer.get(id_of(item("Genomlysning av hemtjänsten")))
        genomlysning.protokollsanteckningar = [
            Anforande(
                "protokollsanteckning",
                narvaro_id=ids["Yusuf Demir"],
                text="Vänsterpartiet vill att personalens synpunkter tas med i det fortsatta arbetet.",
            )
        ]
        self.svc.paragrafer.save(genomlysning)
        head = self.svc.get(mid)
        head.justerare = [ids["Karin Åkesson"]]
        planned = m.day + timedelta(days=7)
        head.justering_plats, head.justering_tid = JUSTERINGSPLATS, "10:00"
        head.justering_datum = head.anslag_datum = planned.isoformat()
        self.svc.save(head)


def populate(db: Database, cal: DemoCalendar) -> None:
    demo = _Demo(db, cal)
    with db.atomic():
        demo.settings()
        demo.au_meeting()
        demo.namnd_meeting()
