"""Two hundred hostile strings (docs/domain/text.md) into the rubrik, beslut and namn
fields and the register, plan and budget texts, and every kind of document printed:
nothing crashes, every PDF passes the PDF/A validator, and what each document shows of
a string is the string as stored, less the characters the documents leave out as
invisible. Strings with letters the documents cannot print are refused, naming them."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from meeting_fixtures import SEATED_FROM, seated_until
from protokoll_fixtures import make_meeting, make_protokoll_org, ready
from pypdf import PdfReader

from app import richtext
from app.budget.pdf.uppfoljning import render_uppfoljning
from app.budget.uppfoljning import UppfoljningService
from app.budget.verksamheter import Verksamhet, VerksamhetService
from app.meetings import Arende
from app.meetings.documents import build_handlingar, make_kallelse, make_tjansteskrivelse
from app.organisation import Namnd, Person, Uppdrag
from app.pdf import fonts
from app.pdf.pdfa import validation_findings
from app.plan.model import Avsnitt
from app.plan.pdf.plan import render_plan
from app.plan.service import PlanService
from app.registers import Registers
from app.registers.arenden import delegationsbeslut_arende
from app.registers.delegation import Delegationsbeslut, Kategori
from app.registers.ej_verkstallda import EjVerkstalltBeslut
from app.registers.pdf.arende import render_arende
from app.registers.pdf.evb import render_evb_rapport
from app.validation import ValidationError
from db.text import normalize

JUSTERAT = date(2022, 3, 4)

#: (text, the character the refusal must name): scripts written right to left, and
#: characters neither embedded font has.
REFUSED = [
    ("שלום עולם", "ש"), ("مرحبا بكم", "م"), ("Anna כהן", "כ"), ("Arabiska siffror ٣٤", "٣"),
    ("Syriska ܫܠܡܐ", "ܫ"), ("Fest 🎉", "🎉"), ("Familj 👨\u200d👩\u200d👧", "👨"),
    ("Flagga 🇸🇪", "🇸"), ("Tumme 👍🏽", "👍"), ("中文", "中"), ("हिन्दी", "ह"), ("ไทย", "ไ"),
    ("日本語", "日"), ("한국어", "한"), ("Tack 🙏", "🙏"),
]


def hostile_strings() -> list[str]:
    """About two hundred, always the same, each starting with its number ``Hnnn`` (so it
    is never empty and can be found); the refused ones last."""
    payloads = [f"Styr{chr(c)}tecken {c:02X}" for c in [*range(0x20), *range(0x7F, 0xA0)]]
    payloads += ["Ensam \ud800 hög", "Ensam \udfff låg", "Omvänt par \ude00\ud83d", "Par \ud83d\ude00 glad",
                 "Två höga \udbff\udbff", "Sist \udc00"]
    payloads += [f"Icke-tecken {ch}U+{ord(ch):04X}" for ch in (
        "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0001ffff", "\U0010fffe", "\U0010ffff")]
    payloads += [f"Riktning {ch}abc{ch} slut" for ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                 "\u2066\u2067\u2068\u2069"]
    payloads += ["Kombinerat A\u030a och a\u0308 och o\u0308",
                 "Zalgo a" + "".join(chr(0x300 + i) for i in range(12)), "q\u0303 x\u0323\u0307",
                 "Förkomponerat Ǻ mot A\u030a\u0301", "Tre accenter e\u0301\u0301\u0301",
                 "Ångström A\u030angstro\u0308m"]
    payloads += ["Noll\u200bbredd", "Foga\u200dsamman", "Mjuk\u00adhyfen", "BOM\ufeff mitt", "Ord\u2060fog",
                 "Variant ❤\ufe0f"]
    payloads += ["Tabb\tmellan", "Hårt\u00a0mellanslag", "Em\u2003mellanslag", "Rad\u2028separator",
                 "Stycke\u2029separator", "CRLF\r\nrad", "CR\rrad", "VT\x0brad", "NEL\x85rad",
                 "  blankt runt  "]
    payloads += ["Lång " + "ordentligt " * 15, "Utan mellanslag " + "x" * 170, "Ö" * 180,
                 "Blandat " + "åäö ÅÄÖ é ü " * 14]
    payloads += ["'; DROP TABLE person; --", "Robert'); DROP TABLE arende;--", "1 OR 1=1", '" OR ""="',
                 "%' OR '%'='", "NULL", "\\0 \\n \\x00", "'||(SELECT sqlite_version())||'"]
    payloads += ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x";"klicka")',
                 "=1/0", "\t=A1"]
    payloads += ["<para>", "</para>", "&amp;", "&lt;b&gt;", "<b>fet</b> <i>kursiv</i>", "<br/>",
                 "<![CDATA[x]]>", "<font name='Helvetica'>x</font>", "&#65;&#x42;", "&nbsp;",
                 "<script>alert(1)</script>", "a & b < c > d", "<img src=x onerror=alert(1)>",
                 "<!-- kommentar -->", "&unknown;", "<para alignment='center'>x", "<seq/>",
                 "<onDraw name=x/>", "<?xml version='1.0'?>", "]]>"]
    payloads += ["{nr} {år} {kod}", "%s %d %(x)s", "${jndi:ldap://x/a}", "{{dubbel}}", "§ {nr}",
                 "C:\\temp\\ny", "\"citat\" 'enkla' ”svenska” „tyska“ «franska»",
                 "~!@#$%^&*()_+`-=[]{}|;:,./?"]
    payloads += ["Ωμέγα λόγος", "Жилищный фонд", "Հայերեն", "ქართული", "Tiếng Việt", "Łódź Øresund Æble ß",
                 "Glad 😀 ☺ ✔", "Måne 🌑🌕", "Symboler ≥ ≤ ≠ ± € £ § ¶ †", "Bråk ½ ¼ ¾ ² ³ µ",
                 "Streck ‐ ‑ ‒ – — ―", "Åsa Öberg-Ängström", "Vård- och omsorgsnämnden 2022/44-73"]
    payloads += ["Nästan tomt \x00\x01\x02", "Rad 1\nRad 2\nRad 3", "\n\nledande radbrytningar",
                 "Escape \\u0000 \\uFFFF", "Procent 100 %", "Minus −12,5", "Dnr VON 2022/44-73 § 15",
                 "Smajl :-) ;-)", "Kod `rm -rf /`", "Sökväg ../../etc/passwd", "URL https://ex.se/?a=1&b=2",
                 "E-post åsa@ex.se", "Ett ord: Donaudampfschiffahrtsgesellschaftskapitän", "ﬁ ﬂ ligaturer"]
    payloads += [text for text, _char in REFUSED]
    return [f"H{i:03d} {p}" for i, p in enumerate(payloads)]


HOSTILE = hostile_strings()
ACCEPTED = HOSTILE[:-len(REFUSED)]
REFUSED_STRINGS = list(zip(HOSTILE[-len(REFUSED):], [c for _t, c in REFUSED], strict=True))


def printed(text: str) -> str:
    """What a document shows of ``text``: the stored text without the characters it
    leaves out as invisible (formatting characters, marks no font draws), without
    whitespace (where lines break is the layout's business)."""
    shown = []
    for ch in normalize(text):
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zs", "Zl", "Zp") or ch.isspace():
            continue
        if category == "Mn" and not (fonts.main_font_has(ch) or fonts.fallback_has(ch)):
            continue
        shown.append(ch)
    return "".join(shown)


def pdf_text(data: bytes) -> str:
    """The document's text without whitespace (see :func:`printed`)."""
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return "".join(text.split())


def assert_shows(data: bytes, texts: list[str], what: str) -> None:
    assert validation_findings(data) == [], what
    shown = pdf_text(data)
    missing = [t for t in texts if printed(t) not in shown]
    assert missing == [], f"{what}: {[ascii(t) for t in missing[:5]]}"


def chunks(texts: list[str], limit: int) -> list[list[str]]:
    """``texts`` in order, as groups whose joined length stays within ``limit``."""
    out: list[list[str]] = [[]]
    for t in texts:
        if out[-1] and len(" · ".join([*out[-1], t])) > limit:
            out.append([])
        out[-1].append(t)
    return out


def test_the_list_is_what_the_test_says():
    assert 190 <= len(HOSTILE) <= 220
    assert len(set(HOSTILE)) == len(HOSTILE)
    assert any("\ud800" in t for t in ACCEPTED) and any("\uffff" in t for t in ACCEPTED)


def test_meeting_documents_print_every_hostile_rubrik_beslut_and_name(session):
    po = make_protokoll_org(session.db)
    org = session.organisation
    names = [t for t in ACCEPTED if len(normalize(t)) <= 90][::6]
    for i, name in enumerate(names):
        p = org.save_person(Person(fornamn=f"N{i}", efternamn=name, parti="S"))
        org.save_uppdrag(Uppdrag(person_id=p.id, organ_id=po.org.namnd_organ.id, roll="ersättare",
                                 fran=SEATED_FROM, till=seated_until(), ordning=10 + i))
    m = make_meeting(po, "2022-02-28", extra_titles=0)
    groups = chunks(ACCEPTED, 900)
    ids = []
    for group in groups:
        text = " · ".join(group)
        ids.append(po.org.arenden.add(Arende(
            sammantrade_id=m.id, rubrik=text, dnr="VON 2022/1",
            forslag_till_beslut=richtext.from_plain_text(text))).id)
    for text, char in REFUSED_STRINGS:
        with pytest.raises(ValidationError) as refused:
            po.org.arenden.add(Arende(sammantrade_id=m.id, rubrik=text))
        assert f"U+{ord(char):04X}" in refused.value.for_field("rubrik")[0]
        with pytest.raises(ValidationError):
            org.save_person(Person(fornamn="Ny", efternamn=text))
    ready(po, m.id)
    for group, arende_id in zip(groups, ids, strict=True):
        p = po.svc.paragrafer.get(arende_id)
        p.beslut = richtext.from_plain_text("Beslut: " + " · ".join(reversed(group)))
        po.svc.paragrafer.save(p)

    assert_shows(make_kallelse(session.db, m.id).data, ACCEPTED, "kallelse")
    assert_shows(make_tjansteskrivelse(session.db, ids[0]), groups[0], "tjänsteskrivelse")
    assert_shows(build_handlingar(session.db, m.id, validate=True).data, ACCEPTED, "handlingar")
    assert_shows(po.svc.protokoll_pdf(m.id, today=JUSTERAT), [*ACCEPTED, *names], "protokoll")
    justering = po.svc.justera(m.id, "2022-03-04", anslag_datum="2022-03-07", today=JUSTERAT)
    assert_shows(po.svc.stored_pdf(justering.id), [*ACCEPTED, *names], "justerat protokoll")
    assert_shows(po.svc.utdrag_pdf(m.id, ids[:2], today=JUSTERAT), groups[0] + groups[1], "utdrag")
    assert_shows(po.svc.anslag_pdf(m.id, justering.id, today=JUSTERAT), [], "anslag")


def test_register_documents_print_every_hostile_text(session):
    namnd_id = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    reg = Registers(session.db)
    short = [t for t in ACCEPTED if len(normalize(t).strip()) <= 190]
    reg.evb.insert_many([EjVerkstalltBeslut(namnd_id=namnd_id, insats=t, beslutsdatum="2021-06-01", kon="K",
                                            orsak=2) for t in short])
    assert_shows(render_evb_rapport(session.db, namnd_id, reg.evb.rapport(namnd_id, "2022-01-31")), short,
                 "ej verkställda beslut")
    kategori = reg.delegation.save_kategori(Kategori(namnd_id=namnd_id, namn="Kurser", standardform="text"))
    items = [Delegationsbeslut(namnd_id=namnd_id, form="text", kategori_id=kategori.id, beskrivning=t)
             for t in ACCEPTED]
    reg.delegation.insert_many(items)
    stored = reg.delegation.beslut([i for (i,) in session.db.execute("SELECT id FROM delegationsbeslut")])
    assert_shows(render_arende(session.db, namnd_id, delegationsbeslut_arende(session.db, namnd_id, stored),
                               datum=date(2022, 2, 28)), ACCEPTED, "delegationsbeslut")
    for text, char in REFUSED_STRINGS:
        with pytest.raises(ValidationError) as refused:
            reg.evb.insert_many([EjVerkstalltBeslut(namnd_id=namnd_id, insats=text, beslutsdatum="2021-06-01",
                                                    kon="M", orsak=2)])
        assert f"U+{ord(char):04X}" in refused.value.for_field("insats")[0]


def test_plan_and_budget_print_every_hostile_text(session):
    namnd_id = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    plans = PlanService(session.db)
    plan = plans.new_plan(namnd_id, 2024)
    for group in chunks(ACCEPTED, 1500):
        plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik=group[0], text=richtext.from_plain_text(
            " · ".join(group))))
    for text, char in REFUSED_STRINGS:
        with pytest.raises(ValidationError) as refused:
            plans.save_avsnitt(Avsnitt(plan_id=plan.id, rubrik="Inledning", text=text))
        assert f"U+{ord(char):04X}" in refused.value.for_field("text")[0]
    assert_shows(render_plan(session.db, plan.id)[0], ACCEPTED, "verksamhetsplan")

    verksamheter = VerksamhetService(session.db)
    short = [t for t in ACCEPTED if len(normalize(t).strip()) <= 190]
    for n, text in enumerate(short, start=1):
        verksamheter.save(Verksamhet(namnd_id=namnd_id, kod=str(100 + n), namn=text))
    UppfoljningService(session.db).skapa(namnd_id, 2024, 3)
    assert_shows(render_uppfoljning(session.db, namnd_id, 2024, 3), short, "budgetuppföljning")
