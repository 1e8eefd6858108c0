"""The pre-print check of a protokoll: what is wrong ("fel") or worth a look
("varning") before it is printed for signing or justerat.

:class:`KontrollService` is the collaborator behind
``ProtokollService.check_before_print``; every message is Swedish and names the § and
the person.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app import richtext
from app.changes import AnnouncingService
from app.meetings import MeetingService
from app.problems import Problem
from app.protokoll.common import position_span, positions
from app.protokoll.huvud import HuvudService
from app.protokoll.model import Beslutande, Paragraf, Tjanstgoring
from app.protokoll.narvaro import NarvaroService
from app.protokoll.paragrafer import ParagrafService, effective_beslut
from app.protokoll.rostning import rakna
from app.records import id_of


def _names(ids, names: dict[int, str]) -> str:
    return ", ".join(names.get(i, "okänd") for i in ids)


def _vote_problems(p: Paragraf, b: Beslutande, names: dict[int, str], organ: str) -> list[Problem]:
    out = []
    where = p.label or f"Ärende {p.position}"
    for n, v in enumerate(p.voteringar, start=1):
        label = f"Omröstning {n} i {where}" if len(p.voteringar) > 1 else f"Omröstningen i {where}"
        voters = {r.narvaro_id for r in v.roster}
        missing = [i for i in b.ids() if i not in voters]
        extra = [i for i in voters if i not in b.ids()]
        if missing:
            out.append(
                Problem(
                    "fel",
                    f"{label}: {_names(missing, names)} deltar i beslutet men saknar röst "
                    f"({len(voters)} röster, {b.antal} beslutande).",
                    p.arende_id,
                )
            )
        if extra:
            out.append(
                Problem(
                    "fel",
                    f"{label}: {_names(extra, names)} deltar inte i beslutet men har en röst registrerad.",
                    p.arende_id,
                )
            )
        result = rakna(v, b, organ)
        if result.vinnare is None and (result.ja or result.nej):
            out.append(Problem("fel", f"{label}: {result.text}", p.arende_id))
        if not (v.ja_innebar and v.nej_innebar):
            out.append(Problem("varning", f"{label}: skriv vad ja och nej innebär.", p.arende_id))
    return out


def _participation_problems(p: Paragraf, b: Beslutande) -> list[Problem]:
    out = []
    where = p.label or f"Ärende {p.position}"
    for r in p.reservationer:
        if r.skriftlig and not r.text:
            out.append(
                Problem(
                    "varning",
                    f"Reservation i {where}: {r.namn} reserverar sig skriftligt, men "
                    "motiveringen är inte inskriven.",
                    p.arende_id,
                    narvaro_id=r.narvaro_id,
                )
            )
        if r.narvaro_id is not None and r.narvaro_id not in b.ids():
            out.append(
                Problem(
                    "fel",
                    f"Reservation i {where}: {r.namn} deltog inte i beslutet och kan inte reservera sig.",
                    p.arende_id,
                    narvaro_id=r.narvaro_id,
                )
            )
        elif r.narvaro_id is not None:
            for v in p.voteringar:
                vote = next((x.rost for x in v.roster if x.narvaro_id == r.narvaro_id), None)
                if vote is not None and vote == rakna(v, b).vinnare:
                    out.append(
                        Problem(
                            "varning",
                            f"Reservation i {where}: {r.namn} röstade för det förslag som vann.",
                            p.arende_id,
                            narvaro_id=r.narvaro_id,
                        )
                    )
    for y in p.yrkanden:
        if y.narvaro_id is not None and y.narvaro_id not in b.ids():
            out.append(
                Problem(
                    "varning",
                    f"Yrkande i {where}: {y.namn} deltar inte i beslutet.",
                    p.arende_id,
                    narvaro_id=y.narvaro_id,
                )
            )
    for s in p.sarskilda_yttranden:
        if s.narvaro_id is not None and s.narvaro_id not in b.ids():
            out.append(
                Problem(
                    "varning",
                    f"Särskilt yttrande i {where}: {s.namn} deltog inte i beslutet.",
                    p.arende_id,
                    narvaro_id=s.narvaro_id,
                )
            )
    return out


class KontrollService(AnnouncingService, kinds=("protokoll",)):
    def __init__(
        self,
        db: Database,
        meetings: MeetingService,
        huvud: HuvudService,
        narvaro: NarvaroService,
        paragrafer: ParagrafService,
    ):
        self.db = db
        self.meetings = meetings
        self.huvud = huvud
        self.narvaro = narvaro
        self.paragrafer = paragrafer

    def check_before_print(
        self, meeting_id: int, today: date | None = None, arende_ids: list[int] | None = None
    ) -> list[Problem]:
        """Problems of the whole protokoll, or (``arende_ids``) of paragraphs about to be
        justerade omedelbart."""
        return _check(self, meeting_id, today, arende_ids)


def _check(
    svc: KontrollService, meeting_id: int, today: date | None, arende_ids: list[int] | None
) -> list[Problem]:
    head = svc.huvud.get(meeting_id)
    meeting = svc.meetings.get_meeting(meeting_id)
    narvaro = svc.narvaro
    people = narvaro.narvaro(meeting_id)
    names = {id_of(n): n.namn_parti for n in people}
    beslutande = narvaro.beslutande(meeting_id, head.ordforande_id)
    paragrafer = svc.paragrafer.paragrafer(meeting_id)
    numbers = svc.paragrafer.numrering(meeting_id)
    problems: list[Problem] = []
    if not svc.huvud.is_started(meeting_id):
        problems.append(Problem("varning", "Protokollet är inte påbörjat: närvaron har inte förts in."))
    if not people:
        problems.append(Problem("fel", "Närvarolistan är tom."))
    participants = set().union(*(b.ids() for b in beslutande.values())) if beslutande else set()
    if not head.justerare:
        problems.append(Problem("fel", "Ingen justerare är utsedd."))
    for jid in head.justerare:
        if jid not in participants:
            problems.append(
                Problem(
                    "fel", f"Justeraren {names.get(jid, 'okänd')} deltar inte i något beslut.", narvaro_id=jid
                )
            )
    if not head.justering_plats or not head.justering_datum:
        problems.append(Problem("varning", "Justeringens plats och tid är inte ifyllda."))
    if not meeting.sluttid:
        problems.append(Problem("varning", "Sammanträdets sluttid är inte ifylld."))
    problems += [Problem("fel", text) for text in numbers.kollisioner]
    problems += [Problem("varning", text) for text in numbers.luckor]
    seats = narvaro.platser(meeting_id)
    if seats == 0 and people:
        problems.append(
            Problem(
                "fel",
                f"{meeting.organ_namn} har inga ledamöter den {meeting.datum} i "
                "personregistret; beslutförheten kan inte bedömas.",
            )
        )
    justerare_text = " och ".join(names[i] for i in head.justerare if i in names)
    wanted = set(arende_ids) if arende_ids is not None else None
    for p in paragrafer:
        if p.utfall == "utgår" or (wanted is not None and p.arende_id not in wanted):
            continue
        b = beslutande[p.arende_id]
        where = p.label or f"Ärende {p.position}"
        if p.typ != "standard" and richtext.is_empty(effective_beslut(p, meeting.organ_namn, justerare_text)):
            problems.append(Problem("fel", f"{where} ”{p.rubrik}” saknar beslut.", p.arende_id))
        if seats and not b.beslutfor:
            problems.append(
                Problem(
                    "varning",
                    f"{where}: {b.antal} av {seats} ledamöter deltar; {meeting.organ_namn} "
                    "är inte beslutför (mer än hälften krävs, KL 6 kap 27 §).",
                    p.arende_id,
                )
            )
        if seats and b.antal > seats:
            problems.append(
                Problem(
                    "fel",
                    f"{where}: {b.antal} beslutande men bara {seats} platser; kontrollera "
                    "tjänstgörande ersättare.",
                    p.arende_id,
                )
            )
        if b.ordforande is None and b.deltagare:
            problems.append(
                Problem("varning", f"{where}: ingen ordförande eller vice ordförande deltar.", p.arende_id)
            )
        problems += _vote_problems(p, b, names, meeting.organ_namn)
        problems += _participation_problems(p, b)
        if wanted is None and p.justeras_omedelbart and not p.justerad:
            problems.append(
                Problem("varning", f"{where} ska justeras omedelbart men är inte justerad än.", p.arende_id)
            )
        if p.utfall in ("bordlagt", "återremitterat") and p.voteringar and not p.propositionsordning:
            problems.append(
                Problem("varning", f"{where}: propositionsordningen är inte beskriven.", p.arende_id)
            )
    problems += _serving_problems(svc, meeting_id, beslutande, names, paragrafer, wanted)
    if arende_ids is None:
        problems += [Problem("varning", w) for w in svc.huvud.frister(meeting_id, today).varningar]
    return problems


def _serving_problems(
    svc: KontrollService,
    meeting_id: int,
    beslutande: dict[int, Beslutande],
    names: dict[int, str],
    paragrafer: list[Paragraf],
    wanted: set[int] | None,
) -> list[Problem]:
    """An ersättare recorded as serving for a ledamot who takes part himself, two
    ersättare for one ledamot, or one ersättare for two ledamöter at the same §."""
    out = []
    labels = {p.arende_id: p.label or f"ärende {p.position}" for p in paragrafer}
    serving = svc.narvaro.tjanstgoringar(meeting_id)
    pos = positions(svc.db, meeting_id)

    def covers(t: Tjanstgoring, position: int) -> bool:
        first, last = position_span(pos, t.fran_arende_id, t.till_arende_id)
        return first <= position <= last

    numbers = svc.paragrafer.numrering(meeting_id)
    for a, label in labels.items():
        if (wanted is not None and a not in wanted) or a not in pos:
            continue
        active = [t for t in serving if covers(t, pos[a])]
        for key, other, text in (
            ("for_id", "ersattare_id", "tjänstgör två ersättare för {who}"),
            ("ersattare_id", "for_id", "tjänstgör {who} för två ledamöter"),
        ):
            seen: dict[int, int] = {}
            for t in active:
                person = getattr(t, key)
                if person in seen and seen[person] != getattr(t, other):
                    who = names.get(person, "samma person")
                    out.append(Problem("fel", f"I {label} " + text.format(who=who) + ".", a, person))
                seen[person] = getattr(t, other)
    for t in serving:
        clashes = [
            a
            for a, b in beslutande.items()
            if t.for_id in b.ids()
            and (wanted is None or a in wanted)
            and labels.get(a)
            and covers(t, pos[a])
        ]
        if clashes:
            out.append(
                Problem(
                    "fel",
                    f"{names.get(t.ersattare_id, 'Ersättaren')} är angiven som tjänstgörande för "
                    f"{names.get(t.for_id, 'ledamoten')}, som själv deltar i "
                    f"{'§' if len(clashes) == 1 else '§§'} {numbers.range_text(clashes)}.",
                    clashes[0],
                    t.ersattare_id,
                )
            )
    return out
