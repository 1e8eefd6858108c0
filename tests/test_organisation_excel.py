"""The organisation as an Excel workbook (app/organisation_excel/): what a new
database gets from it, what it refuses (sheet, row, column), the consent a change to
what exists needs, and Kom igång's button that imports it."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.cli import main
from app.organisation import OrganisationService
from app.session import Session

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def exported(demo_session, tmp_path):
    path = tmp_path / "organisation.xlsx"
    db = demo_session.path
    demo_session.close()
    assert main(["--db", str(db), "export", "organisation", str(path)]) == 0
    return db, path


def test_the_export_has_a_sheet_per_part_and_seats_name_their_person(exported):
    _db, path = exported
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Kommun", "Nämnder", "Förvaltningar", "Organ", "Personer", "Uppdrag"]
    assert [c.value for c in wb["Uppdrag"][1]] == ["Person", "Namn", "Nämnd", "Organ", "Roll", "Från", "Till",
                                                   "Ordning", "Avslutad"]
    people = {r[0]: f"{r[1]} {r[2]}" for r in wb["Personer"].iter_rows(min_row=2, values_only=True)}
    seats = list(wb["Uppdrag"].iter_rows(min_row=2, values_only=True))
    assert len(seats) == 56 and all(people[s[0]] == s[1] for s in seats)
    assert wb["Nämnder"]["A2"].value == "VON" and wb["Kommun"]["A2"].value == "Oxelösunds kommun"


def test_a_new_database_gets_the_whole_organisation(exported, tmp_path, capsys):
    _db, path = exported
    new = tmp_path / "ny.nkdb"
    with Session.open(new):
        pass
    assert main(["--db", str(new), "import", "organisation", str(path)]) == 0
    assert "rader importerades till organisationen" in capsys.readouterr().out
    with Session.open(new) as s:
        svc = OrganisationService(s.db)
        assert [n.kortnamn for n in svc.namnder()] == ["VON"]
        assert sorted(o.kortnamn for o in svc.organ()) == ["VON", "VONAU"]
        assert len(svc.personer()) == 28 and len(svc.uppdrag()) == 56
        assert svc.kommun().namn == "Oxelösunds kommun"


def test_refusals_name_sheet_row_and_column_and_nothing_is_stored(exported, tmp_path, capsys):
    _db, path = exported
    wb = openpyxl.load_workbook(path)
    wb["Uppdrag"]["A2"] = 999
    wb["Organ"]["C3"] = "styrelse"
    wb.save(path)
    new = tmp_path / "ny.nkdb"
    with Session.open(new):
        pass
    assert main(["--db", str(new), "import", "organisation", str(path)]) == 1
    err = capsys.readouterr().err
    assert "organisation.xlsx: Blad Organ, rad 3, kolumn C (Typ): ”styrelse” är inget av de tillåtna" in err
    assert "Ingenting importerades." in err
    # Once every cell reads, what the rows name is looked up.
    wb["Organ"]["C3"] = "arbetsutskott"
    wb.save(path)
    assert main(["--db", str(new), "import", "organisation", str(path)]) == 1
    assert ("organisation.xlsx: Blad Uppdrag, rad 2, kolumn A (Person): bladet Personer har ingen person "
            "med Nr 999") in capsys.readouterr().err
    with Session.open(new) as s:
        assert OrganisationService(s.db).namnder() == [] and s.db.execute("SELECT count(*) FROM person"
                                                                           ).fetchone()[0] == 0


def test_a_change_to_what_exists_needs_consent(exported, capsys):
    db, path = exported
    wb = openpyxl.load_workbook(path)
    wb["Nämnder"]["B2"] = "Omsorgsnämnden"
    wb.save(path)
    assert main(["--db", str(db), "import", "organisation", str(path)]) == 1
    assert "ändrar det som redan finns: nämnden VON (namn). Ange --ersatt" in capsys.readouterr().err
    assert main(["--db", str(db), "import", "organisation", str(path), "--ersatt"]) == 0
    with Session.open(db) as s:
        assert [n.namn for n in OrganisationService(s.db).namnder()] == ["Omsorgsnämnden"]


def test_kom_igang_imports_the_organisation_from_excel(qtbot, exported, tmp_path, monkeypatch):
    from ui.organisation.area import OrganisationArea

    _db, path = exported
    with Session.open(tmp_path / "ny.nkdb") as session:
        area = OrganisationArea(session)
        qtbot.addWidget(area)
        area.resize(1280, 720)
        area.show()
        area.kommun.show_first_step()
        guide = area.kommun.getting_started
        assert guide.isVisible() and guide.import_button.text() == "Importera organisationen från Excel…"
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        qtbot.mouseClick(guide.import_button, LEFT)
        assert guide.import_status.text().startswith("Organisationen importerades från organisation.xlsx: ")
        # Every step is done now, so the guide gives way; the form shows the kommun read.
        assert not guide.isVisible()
        assert area.kommun.fields["namn"].text() == "Oxelösunds kommun"
        assert len(session.organisation.uppdrag()) == 56
        area.close()
