"""The check before printing a kallelse and its handlingar
(MeetingService.check_before_print), the same in the window and on the command line:
a late kallelse in every status, a beslutsunderlag line without its document, an ärende
without förslag, and the CLI's --strict."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from meeting_fixtures import make_org
from pdf_samples import make_pdf
from PySide6.QtCore import Qt

from app import clock, richtext
from app.cli import main
from app.meetings import Arende
from app.meetings.kallelser import KallelseService
from ui.meetings import printing
from ui.meetings.area import MeetingsArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

MEETING_DAY = "2022-02-28"
UNDERLAG = "Riktlinjer för alkoholservering, daterade den 17 januari 2022."


@pytest.fixture
def org(session):
    return make_org(session.db)


def messages(org, meeting_id):
    return [(p.severity, p.message) for p in org.meetings.check_before_print(meeting_id)]


def add_riktlinjer(org, meeting_id, **kw):
    kw.setdefault("forslag_till_beslut", richtext.from_plain_text("Nämnden antar riktlinjerna."))
    return org.arenden.add(Arende(sammantrade_id=meeting_id, rubrik="Riktlinjer för alkoholservering",
                                  dnr="2022/29", datum="2022-01-21",
                                  beslutsunderlag=["Tjänsteskrivelse daterad den 21 januari 2022.", UNDERLAG],
                                  **kw))


def test_a_late_kallelse_is_flagged_in_every_status(org, session):
    m = org.meetings.create_meeting(org.namnd_organ.id, MEETING_DAY)
    add_riktlinjer(org, m.id)
    late = ("varning", "Kallelsen skickades 2022-02-25, 3 dagar före sammanträdet; reglementet kräver "
                       "7 dagar (senast 2022-02-21).")
    with clock.pinned(datetime(2022, 2, 25, 9, 0)):
        assert ("varning", "Kallelsen skickas 2022-02-25, 3 dagar före sammanträdet; reglementet kräver 7 "
                           "dagar (senast 2022-02-21).") in messages(org, m.id)
    # Sent late with the errors out of the way: kallat, and still late afterwards.
    org.bilagor.attach(org.arenden.arenden(m.id)[3].id, make_pdf(1), "riktlinjer.pdf",
                       "Riktlinjer för alkoholservering", "2022-01-17")
    with clock.pinned(datetime(2022, 2, 25, 9, 0)):
        KallelseService(session.db).send(m.id, level=None)
    assert org.meetings.get_meeting(m.id).status == "kallat"
    with clock.pinned(datetime(2022, 2, 27, 9, 0)):
        assert late in messages(org, m.id)
    org.meetings.set_status(m.id, "genomfört")
    with clock.pinned(datetime(2022, 3, 10, 9, 0)):
        assert late in messages(org, m.id)
    # In time: no such line.
    early = org.meetings.create_meeting(org.namnd_organ.id, "2022-03-28")
    with clock.pinned(datetime(2022, 3, 1, 9, 0)):
        KallelseService(session.db).send(early.id, level=None)
    assert not [text for _s, text in messages(org, early.id) if text.startswith("Kallelsen skick")]


def test_a_beslutsunderlag_line_needs_its_document(org):
    m = org.meetings.create_meeting(org.namnd_organ.id, MEETING_DAY)
    a = add_riktlinjer(org, m.id)
    missing = ("fel", f"Ärende {a.nummer} ”Riktlinjer för alkoholservering”: beslutsunderlaget nämner "
                      f"”{UNDERLAG}”, men ingen bilaga med den titeln finns i ärendet. Bifoga dokumentet "
                      "eller ta bort raden.")
    assert missing in messages(org, m.id)
    b = org.bilagor.attach(a.id, make_pdf(1), "riktlinjer.pdf", "Riktlinjer för alkoholservering",
                           "2022-01-16")
    found = messages(org, m.id)
    assert missing not in found
    assert ("varning", f"Ärende {a.nummer} ”Riktlinjer för alkoholservering”: beslutsunderlaget säger "
                       f"”{UNDERLAG}”, men bilagan ”Riktlinjer för alkoholservering” är daterad "
                       "16 januari 2022.") in found
    b.datum = "2022-01-17"
    org.bilagor.save(b)
    assert not [t for _s, t in messages(org, m.id) if "beslutsunderlaget" in t]


def test_the_cli_prints_the_problems_and_strict_fails_on_errors(org, session, capsys, tmp_path):
    m = org.meetings.create_meeting(org.namnd_organ.id, MEETING_DAY)
    a = add_riktlinjer(org, m.id, forslag_till_beslut="")
    session.close()
    db = str(session.path)
    for verb in ("kallelse", "handlingar"):
        out = tmp_path / f"{verb}.pdf"
        assert main(["--db", db, verb, str(m.id), "-o", str(out), "--pdfa", "ingen"]) == 0
        err = capsys.readouterr().err.splitlines()
        assert f"FEL: Ärende {a.nummer} ”Riktlinjer för alkoholservering” saknar förslag till beslut." in err
        assert any(line.startswith(f"FEL: Ärende {a.nummer} ”Riktlinjer för alkoholservering”: "
                                   "beslutsunderlaget nämner") for line in err)
        assert out.exists()
        out.unlink()
        assert main(["--db", db, verb, str(m.id), "-o", str(out), "--pdfa", "ingen", "--strict"]) == 1
        err = capsys.readouterr().err
        assert f"Kontrollen före utskrift hittade fel; {out} skrevs inte (--strict)." in err
        assert not out.exists()


def test_the_window_lists_the_same_problems_before_printing(qtbot, org, session, tmp_path):
    m = org.meetings.create_meeting(org.namnd_organ.id, clock.today() + timedelta(days=3))
    a = add_riktlinjer(org, m.id, forslag_till_beslut="")
    area = MeetingsArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    assert area.current_meeting().id == m.id
    problems = org.meetings.check_before_print(m.id)
    expected = [p.message for p in problems]
    assert any("saknar förslag till beslut" in x for x in expected)
    assert any("beslutsunderlaget nämner" in x for x in expected)
    assert any(x.startswith("Kallelsen skickas") for x in expected)  # three days ahead: late
    qtbot.mouseClick(area.handlingar_button, Qt.MouseButton.LeftButton)
    dialog = area.printer.dialog
    assert isinstance(dialog, printing.ProblemsDialog)
    # Errors first, each marked as the dialog marks it.
    shown = dialog.messages()
    assert sorted(shown) == sorted(f"{'Fel' if p.severity == 'fel' else 'Varning'}: {p.message}"
                                   for p in problems)
    assert shown[0].startswith("Fel: ") and dialog.stop_button.isDefault()
    dialog.reject()
    assert a.id is not None
