"""The demo's two meetings with a protokoll, published: the arbetsutskott's (justerat
and anslaget in the demo) and the coming nämnd meeting, justerat two days after it
with one § under sekretess and personnummer planted in several forms."""

from __future__ import annotations

from datetime import date, timedelta

from app import clock, richtext
from app.protokoll import ProtokollService

SECRET_RUBRIK = "Genomlysning av hemtjänsten"
GRUND = "OSL 26 kap. 1 §"
#: Tolvan Tolvansson's test number and a samordningsnummer in the forms people write them.
PLANTED = ["19121212-1212", "121212+1212", "1212121212", "191212121212", "121212 1212", "701063-2391"]


def au_meeting(db) -> int:
    return db.execute("SELECT id FROM sammantrade WHERE status IN ('justerat', 'anslaget')").fetchone()[0]


def namnd_meeting(db) -> tuple[int, date]:
    mid, datum = db.execute(
        "SELECT s.id, s.datum FROM sammantrade s JOIN protokoll p ON p.sammantrade_id = s.id "
        "WHERE s.status NOT IN ('justerat', 'anslaget')").fetchone()
    return mid, date.fromisoformat(datum)


def plain(html: str) -> str:
    return " ".join(richtext.to_plain_text(html).split())


def justera_with_sekretess(db) -> tuple[int, dict[str, str]]:
    """Mark the § "Genomlysning av hemtjänsten" sekretess, plant the personnummer in
    another §'s beskrivning and yrkande, justera two days after the meeting. Returns
    the meeting and the secret §'s texts (rubrik, beslut, beskrivning)."""
    svc = ProtokollService(db)
    mid, day = namnd_meeting(db)
    justerat = day + timedelta(days=2)
    with clock.pinned(justerat):
        paragrafer = svc.paragrafer.paragrafer(mid)
        secret = next(p for p in paragrafer if p.rubrik == SECRET_RUBRIK)
        secret.sekretess, secret.sekretess_grund = True, GRUND
        svc.paragrafer.save(secret)
        other = next(p for p in paragrafer if p.rubrik.startswith("Riktlinjer"))
        other.beskrivning += richtext.from_plain_text(
            "Synpunkter har lämnats av " + ", ".join(PLANTED[:3]) + " och " + PLANTED[3] + ".")
        other.yrkanden[0].text += f" (se skrivelse från {PLANTED[4]} och {PLANTED[5]})"
        svc.paragrafer.save(other)
        svc.justera(mid, justerat, today=justerat)
    return mid, {"rubrik": secret.rubrik, "beslut": plain(secret.beslut),
                 "beskrivning": plain(secret.beskrivning)}
