"""``namndkansli anslag MÖTE --uppsatt DATUM [--av NAMN] [--justering ID]``: registers the
day the anslag went up, prints it with the take-down and last-appeal dates (computed
here from app/protokoll/frister.py), warnings on stderr, refusals in Swedish with exit
code 2; it writes, so it takes the one-editor lock."""

from __future__ import annotations

from datetime import date, timedelta

from protokoll_fixtures import make_meeting, make_protokoll_org, ready

from app import clock
from app.cli import main
from app.protokoll import frister as frist
from app.session import Session
from protokoll.test_anslag_kept import kept_rows

JUSTERAT = date(2022, 3, 4)


def justerat_file(db_path):
    with Session.open(db_path) as session:
        po = make_protokoll_org(session.db)
        m = make_meeting(po)
        ready(po, m.id)
        justering = po.svc.justera(m.id, JUSTERAT, anslag_datum=JUSTERAT, today=JUSTERAT)
    return m, justering


def test_the_posting_day_is_registered_with_the_dates_that_follow(db_path, capsys):
    m, justering = justerat_file(db_path)
    day = date(2022, 3, 8)
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", day.isoformat(),
                 "--av", "Eva  Ek"]) == 0
    out, err = capsys.readouterr()
    nedtas, sista = frist.anslag_nedtas(day), frist.overklagande_sista_dag(day)
    assert out.splitlines() == [
        f"Anslaget är registrerat som uppsatt {day.isoformat()}: {m.organ_namn}, sammanträdet {m.datum}, "
        f"protokollet (justerat {JUSTERAT.isoformat()}). Uppsatt av Eva Ek.",
        f"Anslaget tas ned {nedtas.isoformat()}; sista dag för överklagande är {sista.isoformat()}.",
    ]
    senast = frist.tillkannagivande_senast(JUSTERAT)
    assert (f"VARNING: Justeringen tillkännages {day.isoformat()}, men skulle ha tillkännagivits senast "
            f"{senast.isoformat()} (KL 8 kap 12 §).") in err.splitlines()
    assert f"VARNING: Anslaget sattes upp {day.isoformat()}, inte {JUSTERAT.isoformat()}" in err
    with Session.open(db_path) as session:
        svc = session.protokoll
        assert svc.justering(justering.id).anslag_uppsatt == day
        assert svc.meetings.get_meeting(m.id).status == "anslaget"
        assert kept_rows(session.db) == 1
        (rattelse,) = svc.rattelser(m.id)
        assert rattelse.gjord_av == "Eva Ek"

    # Once: a second registration is refused, and the first stays.
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", "2022-03-09"]) == 2
    assert capsys.readouterr().err.strip() == f"Anslaget är redan registrerat som uppsatt {day.isoformat()}."


def test_a_day_before_the_justering_is_refused_with_exit_code_2_and_nothing_stored(db_path, capsys):
    m, justering = justerat_file(db_path)
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", "2022-03-03"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (f"Anslaget (2022-03-03) kan inte sättas upp före justeringen "
                           f"({JUSTERAT.isoformat()}).")
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", "4 mars"]) == 2
    assert "Anslagsdatumet måste skrivas ÅÅÅÅ-MM-DD (nu: ”4 mars”)." in capsys.readouterr().err
    # Registered when it went up, not ahead: the appeal period counts from that day.
    tomorrow = clock.today() + timedelta(days=1)
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", tomorrow.isoformat()]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Anslaget kan inte registreras som uppsatt {tomorrow.isoformat()}: den dagen har inte kommit än "
        f"(i dag är det {clock.today().isoformat()}). Registrera det när det har satts upp.")
    with Session.open(db_path) as session:
        assert session.protokoll.justering(justering.id).anslag_uppsatt is None
        assert session.protokoll.meetings.get_meeting(m.id).status == "justerat"
        assert kept_rows(session.db) == 0 and session.protokoll.rattelser(m.id) == []


def test_paragraphs_justerade_omedelbart_are_named_with_justering(db_path, capsys):
    with Session.open(db_path) as session:
        po = make_protokoll_org(session.db)
        m = make_meeting(po)
        ready(po, m.id)
        budget = next(p for p in po.svc.paragrafer.paragrafer(m.id) if p.rubrik.startswith("Budget"))
        own = po.svc.justera_omedelbart(m.id, [budget.arende_id], m.datum, today=date(2022, 2, 28))
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", m.datum]) == 2
    err = capsys.readouterr().err
    assert "Protokollet är inte justerat. Omedelbart justerade paragrafer har egna anslag" in err
    assert f"--justering {own.id}: {budget.label} (justerad omedelbart {m.datum})" in err
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", m.datum, "--justering",
                 str(own.id + 100)]) == 2
    assert f"Justering {own.id + 100} hör inte till sammanträde {m.id}" in capsys.readouterr().err

    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", m.datum, "--justering",
                 str(own.id)]) == 0
    out = capsys.readouterr().out
    day = date.fromisoformat(m.datum)
    assert f"{budget.label} (justerad omedelbart {m.datum})" in out
    assert f"sista dag för överklagande är {frist.overklagande_sista_dag(day).isoformat()}." in out
    with Session.open(db_path) as session:
        assert session.protokoll.justering(own.id).anslag_uppsatt == day


def test_it_writes_under_the_one_editor_lock_and_takes_no_output_file(db_path, tmp_path, capsys):
    m, justering = justerat_file(db_path)
    with Session.open(db_path):  # the window has the file open
        assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", "2022-03-04"]) == 2
        assert "redan öppen" in capsys.readouterr().err
    out = tmp_path / "anslag.pdf"
    assert main(["--db", str(db_path), "anslag", str(m.id), "--uppsatt", "2022-03-04", "-o", str(out)]) == 2
    assert "--uppsatt registrerar bara dagen" in capsys.readouterr().err
    assert main(["--db", str(db_path), "anslag", str(m.id)]) == 2
    assert "Ange filen att skriva med -o FIL.pdf" in capsys.readouterr().err
    assert not out.exists()
    with Session.open(db_path) as session:
        assert session.protokoll.justering(justering.id).anslag_uppsatt is None
