"""Demo sammanträden (registered in :data:`app.demo.EXTENSIONS`): the 13 ärenden of a
real vård- och omsorgsnämnd meeting on a Monday a few weeks after the demo's reference day,
prepared by an arbetsutskott meeting two weeks earlier whose beslutsärenden are copied
to the nämnd, plus last month's meeting, already held. Bilagor are small PDFs made
here with ReportLab (embedded fonts, so the handlingar can be PDF/A); their figures
(deviations, days since a decision, risk values) are computed, not typed.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pikepdf
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, Table
from sqlite_utils import Database

from app import clock
from app.dates import MONTHS, day_month_year
from app.demo_calendar import DemoCalendar
from app.meetings import demo_texts as t
from app.meetings.arenden import ArendeService
from app.meetings.bilagor import BilagaService
from app.meetings.kallelser import KallelseService
from app.meetings.model import Arende, Kallelseinstallning
from app.meetings.service import MeetingService
from app.numbers import format_number
from app.organisation import OrganisationService
from app.pdf.document import DocumentInfo, build_pdf
from app.pdf.fonts import SANS, SANS_BOLD, register_fonts
from app.pdf.styles import styles, table_style
from app.pdf.text import para
from app.records import id_of
from app.registers.reporting import ReportingService
from app.richtext import from_plain_text as rich

GRUPPMOTEN = ("Gruppmöten 13:15-14:15:\nS, M, L i sammanträdesrummet våning 2\nV, C i samlingssalen\n"
              "SD i Oxen våning 2")


def rich_with_headings(text: str, headings: tuple[str, ...]) -> str:
    """Plain demo text as NK-HTML, its one-line sub-headings ("Resultat") in bold."""
    html = rich(text)
    for heading in headings:
        html = html.replace(f"<p>{heading}</p>", f"<p><b>{heading}</b></p>")
    return html


BUDGET_HEADINGS = ("Resultat", "Intäkter", "Kostnader", "Investeringar", "Helårsprognos")


def meeting_day(today: date) -> date:
    """The coming nämnd meeting: a Monday at least three weeks ahead (the AU meets two
    weeks before, so its meeting is ahead too)."""
    day = today + timedelta(days=21)
    return day + timedelta(days=(7 - day.weekday()) % 7)


# -- generated bilagor -------------------------------------------------------------------
def _text_pdf(title: str, sections: list[tuple[str, str]]) -> bytes:
    s = styles()
    story = [Paragraph(para(title), s.title)]
    for heading, text in sections:
        if heading:
            story.append(Paragraph(para(heading), s.heading))
        story += [Paragraph(para(p), s.body) for p in text.split("\n\n") if p.strip()]
    return build_pdf(story, DocumentInfo(title=title, author="Oxelösunds kommun"))


def _table_pdf(title: str, rows: list[list[str]], *, rotated: bool = False, note: str = "") -> bytes:
    """One landscape page with a table. ``rotated``: stored as a portrait page with
    /Rotate 90 (as scanners and some exports do), drawn so that it reads upright."""
    register_fonts()
    s = styles()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    c = rl_canvas.Canvas(buffer, pagesize=A4 if rotated else (width, height), initialFontName=SANS)
    c.setTitle(title)
    if rotated:  # landscape drawing on a portrait page, turned by /Rotate below
        c.rotate(90)
        c.translate(0, -A4[0])
    c.setFont(SANS_BOLD, 14)
    c.drawString(20 * mm, height - 22 * mm, title)
    cells = [[Paragraph(para(cell), s.table_bold if r == 0 else s.table) for cell in row]
             for r, row in enumerate(rows)]
    table = Table(cells, repeatRows=1)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.4, (0.6, 0.6, 0.6)),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")))
    _w, h = table.wrapOn(c, width - 40 * mm, height - 60 * mm)
    table.drawOn(c, 20 * mm, height - 32 * mm - h)
    if note:
        c.setFont(SANS, 9)
        c.drawString(20 * mm, height - 40 * mm - h, note)
    c.showPage()
    c.save()
    if not rotated:
        return buffer.getvalue()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        pdf.pages[0].obj.Rotate = 90
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _utfall(month: str, year: int) -> bytes:
    # (text, årsbudget, periodiserad budget, utfall) in kr; deviations are computed.
    lines = [("Externa intäkter", -79_044_000, -6_555_000, -6_790_625),
             ("Interna intäkter", -1_978_000, -163_000, -183_971),
             ("Personalkostnader", 510_241_000, 43_075_000, 46_936_063),
             ("Lokalhyra", 33_820_000, 2_815_000, 2_804_631),
             ("Inhyrd bemanning", 2_500_000, 208_000, 93_002),
             ("Övriga kostnader", 148_825_000, 11_589_000, 13_079_682)]
    rows = [["Text", "Årsbudget", "Budget perioden", "Utfall perioden", "Avvikelse"]]
    for text, year_budget, budget, outcome in lines:
        rows.append([text, format_number(year_budget), format_number(budget), format_number(outcome),
                     format_number(budget - outcome)])
    total = [sum(int(x[i]) for x in lines) for i in (1, 2, 3)]
    rows.append(["Resultat", *(format_number(v) for v in total), format_number(total[1] - total[2])])
    return _table_pdf(f"Resultat vård och omsorg, utfall {month} {year} (kr)", rows)


def _ej_verkstallda(report_day: date) -> bytes:
    decisions = [("LSS – gruppbostad", report_day - timedelta(days=748), "M", 1),
                 ("Äldreboende – servicelägenhet", report_day - timedelta(days=176), "K", 1),
                 ("Äldreboende – demens", report_day - timedelta(days=136), "M", 2),
                 ("Äldreboende – traditionell", report_day - timedelta(days=130), "K", 1)]
    rows = [["Beslut om", "Beslutsdatum", "Antal dagar", "Kvinna eller man",
             "Orsak (1 tackat nej, 2 resursbrist)"]]
    rows += [[kind, day.isoformat(), str((report_day - day).days), sex, str(reason)]
             for kind, day, sex, reason in decisions]
    when = f"{report_day.day} {MONTHS[report_day.month - 1]} {report_day.year}"
    return _table_pdf(f"Statistikrapport den {when}",
                      rows, note=f"Antal beslut: {len(decisions)}")


def _riskanalys() -> bytes:
    risks = [("Uppdragsledaren slutar under uppdraget", 2, 4), ("Chefer hinner inte delta", 3, 3),
             ("Statsbidrag uteblir", 2, 3), ("Ny lagstiftning ändrar förutsättningarna", 1, 4)]
    rows = [["Risk", "S", "K", "RV (S × K)", "Åtgärd"]]
    rows += [[risk, str(s), str(k), str(s * k), "Följs upp i styrgruppen"] for risk, s, k in risks]
    return _table_pdf("Riskanalys", rows, rotated=True,
                      note="S – Sannolikhet (1-5), K – Konsekvens (1-5), RV – Riskvärde (S × K)")


# -- the meetings -----------------------------------------------------------------------
class _Demo:
    def __init__(self, db: Database, cal: DemoCalendar):
        self.org = OrganisationService(db)
        self.meetings, self.arenden, self.bilagor = MeetingService(db), ArendeService(db), BilagaService(db)
        von = next(n for n in self.org.namnder() if n.kortnamn == "VON")
        organ = {o.typ: o for o in self.org.organ(von.id)}
        self.namnd, self.au = organ["nämnd"], organ["arbetsutskott"]
        self.people = {p.namn: p for p in self.org.personer()}
        self.forv = {f.kortnamn: f for f in self.org.forvaltningar(von.id)}
        self.sek = self.people["Åsa Engström"]
        self.day = meeting_day(cal.reference)
        self.month = MONTHS[(self.day.month - 2) % 12]  # the budget follow-up is for last month
        self.year = self.day.year if self.day.month > 1 else self.day.year - 1
        self.written = (self.day - timedelta(days=38)).isoformat()

    def send_kallelse(self, meeting_id: int, day: date) -> None:
        """The kallelse went out on ``day`` and is kept as sent, as "Markera som kallad…"
        keeps it (app/meetings/kallelser.py); plain PDF, so the demo is made quickly."""
        with clock.pinned(datetime.combine(day, time(8, 30))):
            KallelseService(self.meetings.db).send(meeting_id, level=None)

    def before(self, days: int) -> date:
        return self.day - timedelta(days=days)

    def signers(self, *names: str):
        return [self.arenden.signer(id_of(self.people[n])) for n in names]

    def add(self, meeting_id: int, rubrik: str, **kw) -> Arende:
        kw.setdefault("forvaltning_id", self.forv["SOF"].id)
        kw.setdefault("handlaggare_id", self.sek.id)
        kw.setdefault("handlaggare", self.arenden.handlaggare_text(kw["handlaggare_id"]))
        kw.setdefault("datum", self.written)
        kw.setdefault("ekonomiska_konsekvenser", rich(t.INGA_KOSTNADER) if kw.get("typ", "beslut") == "beslut"
                      else "")
        return self.arenden.add(Arende(sammantrade_id=meeting_id, rubrik=rubrik, **kw))

    def attach(self, arende: Arende, data: bytes, filnamn: str, titel: str, days_before: int) -> None:
        self.bilagor.attach(id_of(arende), data, filnamn, titel, self.before(days_before))

    def settings(self) -> None:
        self.meetings.save_settings(Kallelseinstallning(
            organ_id=id_of(self.namnd), kallelse_dagar=7, sekreterare_id=self.sek.id,
            plats="Samlingssalen, Höjdgatan 26", starttid="14:15", gruppmoten=GRUPPMOTEN))
        self.meetings.save_settings(Kallelseinstallning(
            organ_id=id_of(self.au), kallelse_dagar=5, sekreterare_id=self.sek.id,
            plats="Sammanträdesrum Ankaret", starttid="13:00"))

    def earlier_meeting(self) -> None:
        """Last month's meeting, already held."""
        mid = id_of(self.meetings.create_meeting(id_of(self.namnd), self.before(35)))
        self.add(mid, "Internkontrollplan", dnr=f"VON {self.year}/12",
                 forslag_till_beslut=rich("Vård- och omsorgsnämnden antar internkontrollplanen."),
                 undertecknare=self.signers("Annika Holm"), skickas_till=["Förvaltningsledning", "Akt"])
        self.send_kallelse(mid, self.before(45))
        self.meetings.set_status(mid, "genomfört")

    def au_meeting(self) -> tuple[Arende, Arende]:
        """The arbetsutskott prepares two of the nämnd's beslutsärenden."""
        y = self.year
        mid = id_of(self.meetings.create_meeting(id_of(self.au), self.before(14)))
        self.add(mid, f"Budgetuppföljning {self.month} {y}", typ="information", dnr=f"{y - 1}/1",
                 beskrivning=rich("Arbetsutskottet får en muntlig presentation av budgetuppföljningen."))
        riktlinjer = self.add(
            mid, "Riktlinjer för alkoholservice", dnr=f"{y}/29", forvaltning_id=self.forv["ÄF"].id,
            # The förslag names the riktlinjer by the date of the bilaga attached below.
            forslag_till_beslut=rich(t.RIKTLINJER_FORSLAG.replace("17 januari 2022",
                                                                   day_month_year(self.before(42)))),
            beskrivning=rich(t.RIKTLINJER_BESKRIVNING),
            undertecknare=self.signers("Annika Holm", "Peter Lundgren"),
            skickas_till=["Förvaltningsledning", "Enhetschefer, kostenheten", "Insidan", "Akt"])
        self.attach(riktlinjer, _text_pdf("Riktlinjer för alkoholservice", [
            ("1 Bakgrund", t.RIKTLINJER_BESKRIVNING), ("2 Syfte", "Riktlinjerna ger stöd och vägledning.")]),
            "riktlinjer-alkoholservice.pdf", "Riktlinjer för alkoholservice", 42)
        ej_verkstallda = self.add(
            mid, f"Vård- och omsorgsnämndens beslut som ej verkställts {y}", dnr=f"{y}/2",
            datum=self.before(27).isoformat(),  # written the day after the statistikrapport it lists
            forslag_till_beslut=rich(t.EJ_VERKSTALLDA_FORSLAG),
            beskrivning=rich(t.EJ_VERKSTALLDA_BESKRIVNING),
            undertecknare=self.signers("Annika Holm", "Camilla Berg"),
            skickas_till=["Kommunfullmäktige", "Akt"])
        self.attach(ej_verkstallda, _ej_verkstallda(self.before(28)), "statistikrapport.pdf",
                    "Statistikrapport", 28)
        self.send_kallelse(mid, min(clock.today(), self.before(21)))
        return riktlinjer, ej_verkstallda

    def namnd_meeting(self, riktlinjer: Arende, ej_verkstallda: Arende) -> None:
        """The nämnd's meeting with its 13 ärenden, in their order."""
        y, month = self.year, self.month
        mid = id_of(self.meetings.create_meeting(id_of(self.namnd), self.day))
        budget = self.add(
            mid, f"Budgetuppföljning {month} {y}", dnr=f"{y - 1}/1",
            handlaggare_id=self.people["Camilla Berg"].id,
            forslag_till_beslut=rich(t.BUDGET_FORSLAG.replace("januari", month).replace("2022", str(y))),
            beskrivning=rich_with_headings(t.BUDGET_BESKRIVNING.replace("januari", month)
                                           .replace("2022", str(y)), BUDGET_HEADINGS),
            undertecknare=self.signers("Annika Holm", "Camilla Berg"),
            skickas_till=["Förvaltningsledningen", "Ekonomer", "Akt", "Insidan"])
        self.attach(budget, _utfall(month, y), "utfall.pdf", f"Utfall {month} {y}", 38)
        self.arenden.copy_to(id_of(riktlinjer), mid)
        hemtjanst = self.add(
            mid, "Genomlysning av hemtjänsten", dnr=f"{y - 1}/88", forvaltning_id=self.forv["ÄF"].id,
            beskrivning_rubrik="Sammanfattning", forslag_till_beslut=rich(t.SLUTRAPPORT_FORSLAG),
            beskrivning=rich(t.SLUTRAPPORT_SAMMANFATTNING),
            undertecknare=self.signers("Annika Holm", "Johan Falk"),
            skickas_till=["Förvaltningsledning", "Akt"])
        self.attach(hemtjanst, _text_pdf("Uppdragsbeskrivning: effektivitet inom hemtjänsten", [
            ("1 Bakgrund", t.SLUTRAPPORT_SAMMANFATTNING)]), "uppdragsbeskrivning.pdf",
            "Uppdragsbeskrivning", 400)
        self.attach(hemtjanst, _text_pdf("Slutrapport: effektivitet inom hemtjänsten", [
            ("Sammanfattning", t.SLUTRAPPORT_SAMMANFATTNING), ("Slutsatser", t.SLUTRAPPORT_FORSLAG)]),
            "slutrapport.pdf", "Slutrapport", 45)  # before the tjänsteskrivelse that lists it
        uppdrag = self.add(
            mid, "Uppdragsarbete verksamhetsområde hemtjänst", dnr=f"{y - 1}/140",
            forvaltning_id=self.forv["ÄF"].id, forslag_till_beslut=rich(t.UPPDRAGSLEDARE_FORSLAG),
            beskrivning=rich(t.UPPDRAGSLEDARE_BESKRIVNING),
            ekonomiska_konsekvenser=rich(t.UPPDRAGSLEDARE_EKONOMI),
            undertecknare=self.signers("Annika Holm", "Johan Falk"),
            skickas_till=["Förvaltningsledning", "Ekonomer", "Uppdragsledare", "Enhetschefer hemtjänst",
                          "Akt"])
        title = "Underlag för uppdragsledare inom verksamhetsområde hemtjänst"
        self.attach(uppdrag, _text_pdf(title, [("Syfte", t.UPPDRAGSLEDARE_BESKRIVNING)]),
                    "underlag-uppdragsledare.pdf", title, 81)
        kompetens = self.add(
            mid, "Uppdrag - strategisk personal- och kompetensförsörjning", dnr=f"{y}/7",
            beskrivning_rubrik="Sammanfattning", forslag_till_beslut=rich(t.KOMPETENS_FORSLAG),
            beskrivning=rich(t.KOMPETENS_SAMMANFATTNING), ekonomiska_konsekvenser=rich(t.KOMPETENS_EKONOMI),
            undertecknare=self.signers("Annika Holm", "Peter Lundgren"),
            skickas_till=["Förvaltningsledning", "Digitaliseringsutvecklare", "Akt"])
        self.attach(kompetens, _text_pdf("Uppdragsbeskrivning: strategisk kompetensförsörjning", [
            ("Bakgrund", t.KOMPETENS_SAMMANFATTNING)]), "uppdragsbeskrivning-kompetens.pdf",
            "Uppdragsbeskrivning", 392)
        self.attach(kompetens, _riskanalys(), "riskanalys.pdf", "Riskanalys", 310)
        self.arenden.copy_to(id_of(ej_verkstallda), mid)
        items = {a.rubrik: a for a in self.arenden.arenden(mid)}
        for rubrik, text in (("Redovisning av delegationsbeslut", t.DELEGATION_BESKRIVNING),
                             ("Redovisning av meddelanden", t.MEDDELANDEN_BESKRIVNING)):
            item = items[rubrik]
            item.rubrik = f"{rubrik} {y}"
            item.beskrivning = rich(text)
            item.ekonomiska_konsekvenser = rich(t.INGA_KOSTNADER)
            item.undertecknare = self.signers("Annika Holm", "Åsa Engström")
            item.skickas_till = ["Akt"]
            self.arenden.save(item)
        self.report_registers(mid)

    def report_registers(self, meeting_id: int) -> None:
        """When the demo registers hold delegationsbeslut and meddelanden, list them in the
        two "Redovisning av …" ärenden instead of their fixed demo text."""
        db = self.arenden.db
        if not any(db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                   for table in ("delegationsbeslut", "meddelande")):
            return
        ReportingService(db).fill(meeting_id)


def populate(db: Database, cal: DemoCalendar) -> None:
    demo = _Demo(db, cal)
    with db.atomic():
        demo.settings()
        demo.earlier_meeting()
        riktlinjer, ej_verkstallda = demo.au_meeting()
        demo.namnd_meeting(riktlinjer, ej_verkstallda)
